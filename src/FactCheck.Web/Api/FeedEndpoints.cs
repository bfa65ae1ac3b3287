using System.Xml.Linq;
using FactCheck.Core.Common;
using FactCheck.Core.Publishing;
using FactCheck.Core.Settings;

namespace FactCheck.Web.Api;

/// <summary>Anonymous feeds for readers' feed readers and search engines: Atom 1.0 and the sitemap.</summary>
public static class FeedEndpoints
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The newest verdicts the feed carries; older ones stay in the list and the sitemap.</summary>
    public const int FeedSize = 50;

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        // A literal segment outranks the verdict page's {Slug} route, so this never reaches the page.
        app.MapGet("/verdicts/feed.atom", async (HttpContext http, PublicVerdictService verdicts, SiteSettingsService settings, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var profile = await settings.GetProfileAsync(cancellationToken);
            var latest = await verdicts.ListDetailedAsync(pageSize: FeedSize, cancellationToken: cancellationToken);
            var baseUri = PublicApi.BaseUri(http);
            var feedUrl = new Uri(baseUri, "verdicts/feed.atom").AbsoluteUri;
            var feed = new XElement(Atom + "feed",
                new XElement(Atom + "id", feedUrl),
                new XElement(Atom + "title", $"{profile.Organization.Name}: published verdicts"),
                new XElement(Atom + "subtitle", "Every claim we checked, our rating and the evidence."),
                new XElement(Atom + "updated", Timestamp(latest.Count > 0 ? latest.Max(v => v.PublishedAt) : clock.GetUtcNow())),
                Link("self", feedUrl, "application/atom+xml"),
                Link("alternate", new Uri(baseUri, "verdicts").AbsoluteUri, "text/html"),
                Author(profile),
                latest.Select(v => Entry(v, profile, baseUri)));
            return Results.Text(Serialize(new XDocument(new XDeclaration("1.0", "utf-8", null), feed)), "application/atom+xml; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/sitemap.xml", async (HttpContext http, PublicVerdictService verdicts, CancellationToken cancellationToken) =>
        {
            var pages = await verdicts.ListPagesAsync(cancellationToken: cancellationToken);
            var baseUri = PublicApi.BaseUri(http);
            var list = new XElement(Sitemap + "url", new XElement(Sitemap + "loc", new Uri(baseUri, "verdicts").AbsoluteUri));
            if (pages.Count > 0) list.Add(new XElement(Sitemap + "lastmod", Timestamp(pages.Max(p => p.LastModified))));
            var urlset = new XElement(Sitemap + "urlset", list,
                pages.Select(p => new XElement(Sitemap + "url",
                    new XElement(Sitemap + "loc", VerdictUrl(baseUri, p.Slug)),
                    new XElement(Sitemap + "lastmod", Timestamp(p.LastModified)))));
            return Results.Text(Serialize(new XDocument(new XDeclaration("1.0", "utf-8", null), urlset)), "application/xml; charset=utf-8");
        }).AllowAnonymous();
    }

    private static XElement Entry(PublishedVerdict verdict, SiteProfile profile, Uri baseUri)
    {
        var url = VerdictUrl(baseUri, verdict.Slug);
        // The page's address is the entry's permanent id: a correction updates the same entry.
        return new XElement(Atom + "entry",
            new XElement(Atom + "id", url),
            new XElement(Atom + "title", $"{profile.Labels.Label(verdict.Rating)}: {verdict.ClaimText}"),
            new XElement(Atom + "updated", Timestamp(verdict.PublishedAt)),
            new XElement(Atom + "published", Timestamp(verdict.FirstPublishedAt)),
            Link("alternate", url, "text/html"),
            Author(profile),
            new XElement(Atom + "summary", new XAttribute("type", "text"), MarkdownRenderer.ToPlainText(verdict.Summary)),
            verdict.Tags.Select(t => new XElement(Atom + "category", new XAttribute("term", t))));
    }

    private static XElement Author(SiteProfile profile) =>
        new(Atom + "author", new XElement(Atom + "name", profile.Organization.Name), new XElement(Atom + "uri", profile.Organization.Url));

    private static XElement Link(string rel, string href, string type) =>
        new(Atom + "link", new XAttribute("rel", rel), new XAttribute("type", type), new XAttribute("href", href));

    private static string VerdictUrl(Uri baseUri, string slug) => new Uri(baseUri, $"verdicts/{Uri.EscapeDataString(slug)}").AbsoluteUri;

    /// <summary>RFC 3339 in UTC, which both Atom and the sitemap protocol accept.</summary>
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static string Serialize(XDocument document) => $"{document.Declaration}\n{document.Root}";
}
