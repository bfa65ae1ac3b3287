using System.Globalization;
using System.Text.Json.Nodes;
using FactCheck.Core.Publishing;
using FactCheck.Core.Settings;

namespace FactCheck.Web.Api;

/// <summary>Anonymous, read-only endpoints for aggregators: ClaimReview JSON.</summary>
public static class PublicApi
{
    public static void MapPublicApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/claimreviews", async (HttpContext http, PublicVerdictService verdicts, SiteSettingsService settings,
            string? since, int? page, int? pageSize, CancellationToken cancellationToken) =>
        {
            DateTimeOffset? sinceTime = null;
            if (!string.IsNullOrWhiteSpace(since))
            {
                if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid 'since'",
                        detail: "'since' must be an ISO 8601 date or time, for example 2025-01-31 or 2025-01-31T12:00:00Z.");
                sinceTime = parsed;
            }
            var published = await verdicts.ListDetailedAsync(sinceTime, page ?? 0, pageSize ?? PublicVerdictService.MaxPageSize, cancellationToken);
            var baseUri = BaseUri(http);
            var profile = await settings.GetProfileAsync(cancellationToken);
            var array = new JsonArray(published.Select(v => (JsonNode)ClaimReviewBuilder.Build(v, profile.Organization, baseUri, profile.Labels)).ToArray());
            return Results.Text(array.ToJsonString(), "application/json; charset=utf-8");
        }).AllowAnonymous();
    }

    /// <summary>The site's public address (Site:BaseUrl, else the request's), for absolute URLs in ClaimReview, feeds and canonical links.</summary>
    public static Uri BaseUri(HttpContext http) => FactCheck.Web.Infrastructure.WebSecurity.PublicBaseUri(http);
}
