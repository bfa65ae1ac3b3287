using FactCheck.Core.Common;
using FactCheck.Core.Security;
using FactCheck.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace FactCheck.Web.Api.V1;

/// <summary>A page of a list: every list endpoint answers this shape.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>
/// /api/v1: the workspace over HTTP, by sign-in cookie (plus antiforgery header for writes) or by
/// bearer token. Every endpoint calls the same services as the pages with the caller as an
/// <see cref="Actor"/>, so the same permission checks apply; refusals become ProblemDetails in
/// <see cref="ProblemExceptionHandler"/>.
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static void MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthenticationHandler.CookieOrTokenScheme })
            .AddEndpointFilter<ApiCallerFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return Results.Ok(new AntiforgeryToken(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken ?? ""));
            })
            .WithTags("Session").WithSummary("The antiforgery header a cookie-signed-in caller sends with each write");

        api.MapClaimEndpoints();
        api.MapReviewEndpoints();
        api.MapDocumentEndpoints();
        api.MapAdminEndpoints();
        api.MapNotificationEndpoints();
    }

    public sealed record AntiforgeryToken(string HeaderName, string Token);

    public static Actor Caller(this HttpContext http) => Actor.From(http.User);

    /// <summary>page is 1-based; both are refused (400) outside their range rather than silently clamped.</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize, int maxPageSize = 100)
    {
        var p = page ?? 1;
        var size = pageSize ?? 25;
        if (p < 1 || p > 1_000_000) throw new ValidationException("page must be a number from 1 to 1,000,000.");
        if (size < 1 || size > maxPageSize) throw new ValidationException($"pageSize must be a number from 1 to {maxPageSize}.");
        return (p, size);
    }

    public static T ParseEnum<T>(string? value, string field) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new ValidationException($"{field} must be one of {string.Join(", ", Enum.GetNames<T>())}.");

    public static T? ParseOptionalEnum<T>(string? value, string field) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null : ParseEnum<T>(value, field);

    public static string ETag(Guid version) => $"\"{version:N}\"";

    /// <summary>The version in an If-Match header (one strong ETag), or null when none was sent.</summary>
    public static Guid? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return null;
        if (EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak && Guid.TryParse(tag.Tag.Value?.Trim('"'), out var version)) return version;
        throw new ValidationException("If-Match must be one ETag as returned by a GET, like \"3f2b…\".");
    }

    public static Guid RequireIfMatch(HttpRequest request) =>
        IfMatch(request) ?? throw new PreconditionRequiredException();
}

/// <summary>The write needs If-Match with the ETag the caller read (HTTP 428).</summary>
public sealed class PreconditionRequiredException()
    : Exception("This write needs an If-Match header with the ETag from GET, so it cannot overwrite a change you have not seen.");
