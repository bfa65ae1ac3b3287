using FactCheck.Core.Common;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Api;

/// <summary>
/// Runs around every API write. A write signed in by cookie must carry the antiforgery token
/// (header RequestVerificationToken, from GET /api/v1/antiforgery), so another site cannot post as
/// the signed-in user; a bearer-token write needs none, since a browser never adds the header by
/// itself. A token with only the read scope may not write. A successful token write leaves one
/// audit row naming the token.
/// </summary>
public sealed class ApiCallerFilter(IAntiforgery antiforgery, IDbContextFactory<FactCheckDbContext> dbFactory, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsWrite(http.Request)) return await next(context);

        var tokenId = http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value;
        if (tokenId is null)
        {
            if (http.User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                    detail: "A write signed in with the cookie must send the RequestVerificationToken header from GET /api/v1/antiforgery; scripts should use a bearer token instead.");
            return await next(context);
        }

        var scopes = http.User.FindAll(ApiTokenAuthenticationHandler.TokenScopeClaim).Select(c => c.Value).ToList();
        if (!scopes.Any(s => TokenScopes.RoleFor(s) is not null))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: "This token has only the read scope; create one with the review, lead or admin scope to write.");

        var result = await next(context);
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        if (status is >= 200 and < 300) await AuditTokenWriteAsync(http, tokenId, status);
        return result;
    }

    private async Task AuditTokenWriteAsync(HttpContext http, string tokenId, int status)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        Audit.Record(db, Actor.From(http.User), clock.GetUtcNow(), AuditActions.ApiTokenUsed, "ApiToken", tokenId, ClaimIdOf(http), null,
            new { http.Request.Method, Path = http.Request.Path.Value, Status = status });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static int? ClaimIdOf(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("id", out var id) && http.Request.Path.StartsWithSegments("/api/v1/claims") && int.TryParse(id?.ToString(), out var claimId) ? claimId : null;

    public static bool IsWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
}
