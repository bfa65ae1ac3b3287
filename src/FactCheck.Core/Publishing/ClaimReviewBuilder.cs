using System.Text.Json.Nodes;
using FactCheck.Core.Domain;
using FactCheck.Core.Settings;

namespace FactCheck.Core.Publishing;

/// <summary>Who publishes the fact-checks: the ClaimReview author.</summary>
public sealed class OrganizationOptions
{
    public string Name { get; set; } = "FactCheck";
    public string Url { get; set; } = "https://factcheck.local/";
    public string? LogoUrl { get; set; }
}

/// <summary>
/// Builds schema.org ClaimReview objects (https://schema.org/ClaimReview) with the fields Google's
/// fact-check guidelines require and recommend: claimReviewed, reviewRating (ratingValue,
/// bestRating 5, worstRating 1, alternateName), itemReviewed Claim (author, datePublished,
/// appearance), author Organization, datePublished, url. The alternateName is the rating's wording
/// as the admin configured it (<paramref name="labels"/>), the same words the verdict page shows.
/// </summary>
public static class ClaimReviewBuilder
{
    public static JsonObject Build(PublishedVerdict verdict, OrganizationOptions organization, Uri baseUri, RatingLabels? labels = null)
    {
        var url = new Uri(baseUri, $"verdicts/{Uri.EscapeDataString(verdict.Slug)}").AbsoluteUri;
        var rating = new JsonObject
        {
            ["@type"] = "Rating",
            ["bestRating"] = 5,
            ["worstRating"] = 1,
            ["alternateName"] = (labels ?? RatingLabels.Default).Label(verdict.Rating),
        };
        if (verdict.Rating.RatingValue() is { } value) rating["ratingValue"] = value;

        var claim = new JsonObject
        {
            ["@type"] = "Claim",
            ["datePublished"] = (verdict.DocumentPublishedAt ?? verdict.ClaimFirstSeenAt).ToString("yyyy-MM-dd"),
        };
        if (!string.IsNullOrWhiteSpace(verdict.Attribution))
            claim["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = verdict.Attribution };
        var appearance = new JsonObject { ["@type"] = "CreativeWork", ["headline"] = verdict.DocumentTitle };
        if (verdict.DocumentUrl is not null) appearance["url"] = verdict.DocumentUrl;
        if (verdict.DocumentPublisher is not null) appearance["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = verdict.DocumentPublisher };
        claim["appearance"] = new JsonArray(appearance);

        var author = new JsonObject { ["@type"] = "Organization", ["name"] = organization.Name, ["url"] = organization.Url };
        if (!string.IsNullOrWhiteSpace(organization.LogoUrl))
            author["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = organization.LogoUrl };

        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["url"] = url,
            ["claimReviewed"] = verdict.ClaimText,
            ["datePublished"] = verdict.FirstPublishedAt.ToString("yyyy-MM-dd"),
            ["dateModified"] = verdict.PublishedAt.ToString("O"),
            ["author"] = author,
            ["reviewRating"] = rating,
            ["itemReviewed"] = claim,
            ["reviewBody"] = verdict.Summary,
        };
    }
}
