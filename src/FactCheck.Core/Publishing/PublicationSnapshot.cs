using System.Text.Json;
using FactCheck.Core.Domain;

namespace FactCheck.Core.Publishing;

/// <summary>
/// What a publication shows, copied from the claim when it is published: public pages, the
/// ClaimReview API, the feed, the sitemap and public search read this copy, never the live claim,
/// so edits and draft sources after a reopen stay private until the correction is published.
/// </summary>
public static class PublicationSnapshot
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Capture(Publication publication, Claim claim, IEnumerable<Source> sources)
    {
        publication.ClaimText = claim.Text;
        publication.Attribution = claim.Attribution;
        publication.ClaimantType = claim.ClaimantType;
        publication.SourcesJson = JsonSerializer.Serialize(
            sources.OrderBy(s => s.AddedAt).ThenBy(s => s.Id).Select(s => new PublishedSource(s.Url, s.Title, s.Publisher, s.Excerpt, s.Stance)).ToList(), Json);
    }

    public static IReadOnlyList<PublishedSource> Sources(Publication publication) =>
        string.IsNullOrEmpty(publication.SourcesJson) ? [] : JsonSerializer.Deserialize<List<PublishedSource>>(publication.SourcesJson, Json) ?? [];
}
