using System.Security.Claims;
using Claim = System.Security.Claims.Claim;
using System.Text.Encodings.Web;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// "Authorization: Bearer fct_…" for scripts: the token's owner becomes the caller, with the
/// owner's roles as they are now (read on every request, so a demotion or lock applies at once),
/// narrowed by the token's scopes for writes. The services then apply the same checks as for a
/// signed-in user.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<ApplicationUser> users,
    IUserClaimsPrincipalFactory<ApplicationUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    /// <summary>Chooses the token handler when a bearer token is sent, the sign-in cookie otherwise.</summary>
    public const string CookieOrTokenScheme = "CookieOrToken";
    public const string TokenIdClaim = "factcheck:token_id";
    public const string TokenScopeClaim = "factcheck:token_scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null) return AuthenticateResult.NoResult();
        var grant = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (grant is null) return AuthenticateResult.Fail("Invalid, expired or revoked API token.");
        var user = await users.FindByIdAsync(grant.OwnerId);
        if (user is null || await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("The token's owner cannot sign in.");
        var principal = await principals.CreateAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        var ownerRoles = identity.FindAll(identity.RoleClaimType).Select(c => c.Value).ToHashSet();
        foreach (var role in identity.FindAll(identity.RoleClaimType).ToList()) identity.RemoveClaim(role);
        // Hub connections (negotiate is a POST) only watch and announce presence: they act with the reading roles.
        var isWrite = !(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method) || HttpMethods.IsOptions(Request.Method))
            && !Request.Path.StartsWithSegments("/hubs");
        foreach (var role in TokenScopes.EffectiveRoles(grant.Scopes, ownerRoles, isWrite)) identity.AddClaim(new Claim(identity.RoleClaimType, role));
        identity.AddClaim(new Claim(TokenIdClaim, grant.TokenId.ToString()));
        foreach (var scope in grant.Scopes) identity.AddClaim(new Claim(TokenScopeClaim, scope));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// The Authorization header, or for hub connections the access_token query parameter: browsers
    /// cannot set headers on a WebSocket, so SignalR's JavaScript client sends the token there.
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        var query = request.Query["access_token"].ToString();
        return request.Path.StartsWithSegments("/hubs") && query.Length > 0 ? query : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
