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
            claim["author"] = new JsonObject { ["@type"] = ClaimantKind.Of(verdict.ClaimantType, verdict.Attribution), ["name"] = verdict.Attribution };
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
            // reviewBody is plain text; the summary is written in Markdown.
            ["reviewBody"] = FactCheck.Core.Common.MarkdownRenderer.ToPlainText(verdict.Summary),
        };
    }
}

/// <summary>
/// Whether whoever made a claim is a person or an organization, for schema.org's Person or
/// Organization: a title ("Dr.", "Minister") or a short name of capitalised words without an
/// institution word ("Ministry", "Agency", "Party"...) reads as a person.
/// </summary>
public static class ClaimantKind
{
    public const string Person = "Person";
    public const string Organization = "Organization";

    private static readonly HashSet<string> PersonTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "sen", "senator", "rep", "representative",
        "gov", "governor", "president", "minister", "mayor", "judge", "general", "gen", "col", "captain", "capt", "rev",
        "pope", "king", "queen", "prince", "princess", "chancellor", "ambassador", "spokesman", "spokeswoman", "spokesperson",
    };

    private static readonly string[] InstitutionWords =
    [
        "ministry", "department", "office", "agency", "authority", "party", "council", "government", "inc", "ltd", "llc", "corp",
        "company", "university", "institute", "association", "committee", "commission", "bank", "army", "forces", "force",
        "organization", "organisation", "union", "group", "foundation", "police", "court", "parliament", "congress", "senate",
        "news", "times", "post", "agency", "service", "services", "center", "centre", "board", "bureau", "federation",
        "network", "hospital", "school", "club", "fund", "programme", "program", "nations", "hamas", "who", "un", "eu", "nato",
        "officials", "spokespeople", "team", "staff", "campaign", "movement", "coalition", "alliance", "administration",
    ];

    /// <summary>The lead's choice when they made one, the guess from the attribution otherwise.</summary>
    public static string Of(ClaimantType type, string? attribution) => type switch
    {
        ClaimantType.Person => Person,
        ClaimantType.Organization => Organization,
        _ => Guess(attribution),
    };

    public static string Guess(string? attribution)
    {
        if (string.IsNullOrWhiteSpace(attribution)) return Organization;
        var words = attribution.Split([' ', ',', '-', '\'', '’'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', '(', ')', '"')).Where(w => w.Length > 0).ToList();
        if (words.Any(w => InstitutionWords.Contains(w, StringComparer.OrdinalIgnoreCase))) return Organization;
        if (words.Count > 0 && PersonTitles.Contains(words[0])) return Person;
        // "Ana Lopez", "Jean-Luc Picard": two to four capitalised words, none of them an acronym.
        var capitalised = words.Count is >= 2 and <= 4 && words.All(w => char.IsUpper(w[0]) && w.Skip(1).Any(char.IsLower));
        return capitalised ? Person : Organization;
    }
}
