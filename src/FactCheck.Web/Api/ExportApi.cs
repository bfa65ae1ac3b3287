using FactCheck.Core.Exports;
using FactCheck.Core.Security;

namespace FactCheck.Web.Api;

/// <summary>
/// Downloads for leads, by cookie: anonymous callers get 401 (the cookie handler answers /api paths
/// with a status, not a redirect) and other roles 403, decided by <see cref="ExportService"/>.
/// </summary>
public static class ExportApi
{
    public static void MapExportApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/exports").RequireAuthorization();
        exports.MapGet("/claims.csv", (HttpContext http, ExportService service) =>
            Download(http, actor => service.ClaimsCsv(actor, PublicApi.BaseUri(http))));
        exports.MapGet("/claims.json", (HttpContext http, ExportService service) =>
            Download(http, actor => service.ClaimsJson(actor, PublicApi.BaseUri(http))));
        exports.MapGet("/claimreviews.json", (HttpContext http, ExportService service) =>
            Download(http, actor => service.ClaimReviewsJson(actor, PublicApi.BaseUri(http))));
    }

    /// <summary>The permission is checked when the file is opened, so a refusal is a 403 and never a half-written 200.</summary>
    private static IResult Download(HttpContext http, Func<Actor, ExportFile> open)
    {
        ExportFile file;
        try
        {
            file = open(Actor.From(http.User));
        }
        catch (AccessDeniedException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: ex.Message);
        }
        return Results.Stream(stream => file.WriteAsync(stream, http.RequestAborted), file.ContentType, file.FileName);
    }
}
