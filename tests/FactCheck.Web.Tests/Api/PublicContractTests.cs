using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using FactCheck.Core.Domain;
using FactCheck.Core.Publishing;
using FactCheck.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>
/// What readers and aggregators get: ClaimReview on every verdict page, the Atom feed, the sitemap,
/// the list's filters, and no unpublished or dismissed claim anywhere.
/// </summary>
public sealed class PublicContractTests(PublishedSite site) : IClassFixture<PublishedSite>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task Every_verdict_page_embeds_ClaimReview_matching_the_published_verdict()
    {
        var verdicts = await site.Factory.Services.GetRequiredService<PublicVerdictService>().ListDetailedAsync();
        var profile = await site.Factory.Services.GetRequiredService<SiteSettingsService>().GetProfileAsync();
        Assert.Equal(2, verdicts.Count);
        foreach (var verdict in verdicts)
        {
            var html = await site.Anonymous().GetStringAsync($"/verdicts/{verdict.Slug}");
            using var json = PublishedSite.JsonLd(html);
            var root = json.RootElement;
            var url = root.GetProperty("url").GetString()!;
            Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
            Assert.Equal("ClaimReview", root.GetProperty("@type").GetString());
            Assert.Equal($"http://localhost/verdicts/{verdict.Slug}", url);
            Assert.Contains($"<link rel=\"canonical\" href=\"{url}\"", html);
            Assert.Contains($"<meta property=\"og:url\" content=\"{url}\"", html);
            Assert.Equal(verdict.ClaimText, root.GetProperty("claimReviewed").GetString());
            Assert.Equal(verdict.FirstPublishedAt.ToString("yyyy-MM-dd"), root.GetProperty("datePublished").GetString());
            Assert.Equal(verdict.PublishedAt, DateTimeOffset.Parse(root.GetProperty("dateModified").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(FactCheck.Core.Common.MarkdownRenderer.ToPlainText(verdict.Summary), root.GetProperty("reviewBody").GetString());

            var author = root.GetProperty("author");
            Assert.Equal("Organization", author.GetProperty("@type").GetString());
            Assert.Equal(profile.Organization.Name, author.GetProperty("name").GetString());
            Assert.Equal(profile.Organization.Url, author.GetProperty("url").GetString());

            var rating = root.GetProperty("reviewRating");
            Assert.Equal("Rating", rating.GetProperty("@type").GetString());
            Assert.Equal((int)verdict.Rating, rating.GetProperty("ratingValue").GetInt32());
            Assert.Equal(5, rating.GetProperty("bestRating").GetInt32());
            Assert.Equal(1, rating.GetProperty("worstRating").GetInt32());
            Assert.Equal(verdict.Rating.Label(), rating.GetProperty("alternateName").GetString());

            var claim = root.GetProperty("itemReviewed");
            Assert.Equal("Claim", claim.GetProperty("@type").GetString());
            Assert.Equal((verdict.DocumentPublishedAt ?? verdict.ClaimFirstSeenAt).ToString("yyyy-MM-dd"), claim.GetProperty("datePublished").GetString());
            if (verdict.Attribution is not null) Assert.Equal(verdict.Attribution, claim.GetProperty("author").GetProperty("name").GetString());
            var appearance = Assert.Single(claim.GetProperty("appearance").EnumerateArray());
            Assert.Equal(verdict.DocumentTitle, appearance.GetProperty("headline").GetString());
            if (verdict.DocumentUrl is not null) Assert.Equal(verdict.DocumentUrl, appearance.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task A_verdict_page_shows_attribution_evidence_by_stance_and_every_version()
    {
        var response = await site.Anonymous().GetAsync($"/verdicts/{site.CorrectedSlug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PublishedSite.Visible(await response.Content.ReadAsStringAsync());
        Assert.Contains("Sources that refute the claim", html);
        Assert.Contains("Sources that support the claim", html);
        Assert.Contains("UN report", html);
        Assert.Contains("Ministry figures", html);
        Assert.Contains("data-version=\"2\"", html);
        Assert.Contains("data-version=\"1\"", html);
        Assert.Contains("New UN data.", html);
        Assert.Contains("The figure mixes killed and wounded.", html);
        Assert.Contains("<meta property=\"og:title\" content=\"False: ", html);
        Assert.Contains("<meta name=\"description\"", html);
        Assert.Contains("Sign in to ask for a correction", html);
        Assert.Contains("#health", html);
        // Statically rendered: no circuit is started for readers.
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html);
    }

    [Fact]
    public async Task The_list_filters_by_search_rating_tag_and_date_and_pages()
    {
        async Task<string> ListAsync(string query) => PublishedSite.Visible(await site.Anonymous().GetStringAsync($"/verdicts{query}"));

        var all = await ListAsync("");
        Assert.Contains($"verdicts/{site.CorrectedSlug}", all);
        Assert.Contains($"verdicts/{site.PlainSlug}", all);
        Assert.Contains("rel=\"alternate\" type=\"application/atom+xml\"", all);

        var byRating = await ListAsync("?rating=True");
        Assert.Contains($"verdicts/{site.PlainSlug}", byRating);
        Assert.DoesNotContain($"verdicts/{site.CorrectedSlug}", byRating);

        var byTag = await ListAsync("?tag=health");
        Assert.Contains($"verdicts/{site.CorrectedSlug}", byTag);
        Assert.DoesNotContain($"verdicts/{site.PlainSlug}", byTag);
        Assert.DoesNotContain($"verdicts/{site.CorrectedSlug}", await ListAsync("?tag=heal"));

        var search = await ListAsync("?q=" + Uri.EscapeDataString("confirms"));
        Assert.Contains($"verdicts/{site.PlainSlug}", search);
        Assert.DoesNotContain($"verdicts/{site.CorrectedSlug}", search);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Contains($"verdicts/{site.PlainSlug}", await ListAsync($"?from={today}&to={today}"));
        var past = await ListAsync("?from=2000-01-01&to=2000-12-31");
        Assert.Contains("No published verdict matches your search.", past);

        Assert.Contains("This page is past the last verdict.", await ListAsync("?page=3"));
    }

    [Fact]
    public async Task The_Atom_feed_is_valid_Atom_1_0_with_every_required_element()
    {
        var response = await site.Anonymous().GetAsync("/verdicts/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "id")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
        Assert.True(DateTimeOffset.TryParse(feed.Element(Atom + "updated")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        var self = feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        Assert.Equal("http://localhost/verdicts/feed.atom", (string?)self.Attribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "author")?.Element(Atom + "name")?.Value));

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            var id = entry.Element(Atom + "id")?.Value;
            Assert.True(Uri.IsWellFormedUriString(id, UriKind.Absolute), $"Entry id {id} is an absolute IRI.");
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
            Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            var link = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate");
            Assert.Equal(id, (string?)link.Attribute("href"));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "summary")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "author")?.Element(Atom + "name")?.Value));
        }
        var corrected = entries.Single(e => e.Element(Atom + "id")!.Value.EndsWith(site.CorrectedSlug, StringComparison.Ordinal));
        Assert.StartsWith("False: ", corrected.Element(Atom + "title")!.Value);
        Assert.True(DateTimeOffset.Parse(corrected.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(corrected.Element(Atom + "published")!.Value, CultureInfo.InvariantCulture));
        Assert.Contains(corrected.Elements(Atom + "category"), c => (string?)c.Attribute("term") == "health");
    }

    [Fact]
    public async Task The_sitemap_lists_the_verdict_list_and_every_current_verdict_with_lastmod()
    {
        var response = await site.Anonymous().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var urlset = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Sitemap + "urlset", urlset.Name);
        var urls = urlset.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "lastmod")?.Value);
        Assert.Equal(["http://localhost/verdicts", $"http://localhost/verdicts/{site.CorrectedSlug}", $"http://localhost/verdicts/{site.PlainSlug}"], urls.Keys.Order());
        Assert.All(urls.Values, lastmod => Assert.True(DateTimeOffset.TryParse(lastmod, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)));
    }

    [Fact]
    public async Task Hidden_claims_never_reach_the_verdict_list()
    {
        var html = PublishedSite.Visible(await site.Anonymous().GetStringAsync("/verdicts"));
        foreach (var claim in site.Hidden)
        {
            Assert.DoesNotContain(claim.Text, html);
            var searched = PublishedSite.Visible(await site.Anonymous().GetStringAsync("/verdicts?q=" + Uri.EscapeDataString(claim.Text[..Math.Min(40, claim.Text.Length)])));
            Assert.DoesNotContain(claim.Text, searched);
        }
        Assert.DoesNotContain(site.PublishedThenDismissedSlug, html);
    }

    [Fact]
    public async Task Hidden_claims_have_no_verdict_page()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync($"/verdicts/{site.PublishedThenDismissedSlug}")).StatusCode);
        foreach (var claim in site.Hidden)
            Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync($"/verdicts/claim-{claim.Id}")).StatusCode);
    }

    [Fact]
    public async Task Hidden_claims_never_reach_the_feed()
    {
        var feed = XDocument.Parse(await site.Anonymous().GetStringAsync("/verdicts/feed.atom"));
        var text = string.Concat(feed.Descendants().Select(e => e.Value + " " + string.Join(" ", e.Attributes().Select(a => a.Value))));
        foreach (var claim in site.Hidden) Assert.DoesNotContain(claim.Text, text);
        Assert.DoesNotContain(site.PublishedThenDismissedSlug, text);
    }

    [Fact]
    public async Task Hidden_claims_never_reach_the_sitemap()
    {
        var sitemap = await site.Anonymous().GetStringAsync("/sitemap.xml");
        Assert.DoesNotContain(site.PublishedThenDismissedSlug, sitemap);
        foreach (var claim in site.Hidden) Assert.DoesNotContain($"-{claim.Id}</loc>", sitemap);
    }

    [Fact]
    public async Task Hidden_claims_never_reach_the_ClaimReview_API()
    {
        foreach (var query in new[] { "", "?since=2000-01-01", "?page=0&pageSize=1", "?page=1&pageSize=1", "?page=2&pageSize=1" })
        {
            using var json = JsonDocument.Parse(await site.Anonymous().GetStringAsync("/api/claimreviews" + query));
            var reviewed = json.RootElement.EnumerateArray().Select(r => r.GetProperty("claimReviewed").GetString()).ToList();
            foreach (var claim in site.Hidden) Assert.DoesNotContain(claim.Text, reviewed);
            Assert.All(reviewed, text => Assert.Contains(text, site.PublishedTexts));
        }
    }
}
