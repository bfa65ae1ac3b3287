using System.Text.Encodings.Web;
using FactCheck.Core.Domain;
using FactCheck.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// "Authorization: Bearer fct_…" for scripts: the token's owner becomes the caller, with the
/// owner's current roles, so the services apply the same checks as for a signed-in user.
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken();
        if (token is null) return AuthenticateResult.NoResult();
        var ownerId = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (ownerId is null) return AuthenticateResult.Fail("Invalid or revoked API token.");
        var user = await users.FindByIdAsync(ownerId);
        if (user is null || await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("The token's owner cannot sign in.");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// The Authorization header, or for hub connections the access_token query parameter: browsers
    /// cannot set headers on a WebSocket, so SignalR's JavaScript client sends the token there.
    /// </summary>
    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        var query = Request.Query["access_token"].ToString();
        return Request.Path.StartsWithSegments("/hubs") && query.Length > 0 ? query : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
