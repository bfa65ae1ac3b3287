using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>The public contract over HTTP: health, verdict pages with ClaimReview, the JSON API.</summary>
public sealed partial class PublicSiteTests(PublicSiteTests.PublishedFixture fixture) : IClassFixture<PublicSiteTests.PublishedFixture>
{
    /// <summary>One app with one verdict published through the real services, as the lead.</summary>
    public sealed class PublishedFixture : IAsyncLifetime
    {
        public FactCheckWebFactory Factory { get; } = new();
        public string Slug { get; private set; } = "";
        public string ClaimText { get; private set; } = "";
        public int UnpublishedClaimId { get; private set; }

        public async Task InitializeAsync()
        {
            var lead = await Factory.ActorAsync("lead@factcheck.local");
            var alice = await Factory.ActorAsync("alice@factcheck.local");
            var queries = Factory.Services.GetRequiredService<ClaimQueryService>();
            var review = Factory.Services.GetRequiredService<ReviewService>();
            var claims = (await queries.ListAsync(lead, new ClaimQuery { PageSize = 5 })).Items;
            Assert.True(claims.Count >= 2, "The seed article is imported with its claims.");
            var claim = claims[0];
            ClaimText = claim.Text;
            UnpublishedClaimId = claims[1].Id;
            await review.AssignAsync(lead, claim.Id, alice.UserId!);
            await review.AddSourceAsync(alice, claim.Id, "https://www.un.org/en/report", "UN report", SourceStance.Refutes, "A lower count.");
            await review.SaveVerdictAsync(alice, claim.Id, Rating.Misleading, "The count mixes categories.");
            Slug = (await review.PublishAsync(lead, claim.Id, Rating.Misleading, "The figure mixes killed and wounded.")).Slug;
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private HttpClient Anonymous() => fixture.Factory.CreateBrowserClient();

    [Fact]
    public async Task Health_is_200_when_the_app_and_database_are_up()
    {
        var response = await Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Top_level_wwwroot_files_are_served()
    {
        var css = await Anonymous().GetAsync("/css/app.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".fc-claim-span", await css.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync("/favicon.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync("/img/logo.svg")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_readers_see_the_published_verdict_list()
    {
        var response = await Anonymous().GetAsync("/verdicts");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"verdicts/{fixture.Slug}", html);
        Assert.Contains("Misleading", html);
    }

    [Fact]
    public async Task A_verdict_page_embeds_ClaimReview_JSON_LD_matching_the_publication()
    {
        var html = await Anonymous().GetStringAsync($"/verdicts/{fixture.Slug}");
        var match = JsonLdRegex().Match(html);
        Assert.True(match.Success, "The page embeds application/ld+json.");
        using var json = JsonDocument.Parse(match.Groups[1].Value);
        var root = json.RootElement;
        Assert.Equal("ClaimReview", root.GetProperty("@type").GetString());
        Assert.Equal(fixture.ClaimText, root.GetProperty("claimReviewed").GetString());
        Assert.EndsWith($"/verdicts/{fixture.Slug}", root.GetProperty("url").GetString());
        var rating = root.GetProperty("reviewRating");
        Assert.Equal(2, rating.GetProperty("ratingValue").GetInt32());
        Assert.Equal(5, rating.GetProperty("bestRating").GetInt32());
        Assert.Equal(1, rating.GetProperty("worstRating").GetInt32());
        Assert.Equal("Misleading", rating.GetProperty("alternateName").GetString());
        Assert.Equal("Organization", root.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("Claim", root.GetProperty("itemReviewed").GetProperty("@type").GetString());
        Assert.True(root.GetProperty("itemReviewed").TryGetProperty("appearance", out _));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", root.GetProperty("datePublished").GetString());
        Assert.Contains("<link rel=\"canonical\"", html);
        Assert.Contains("UN report", html);
    }

    [Fact]
    public async Task The_ClaimReview_API_lists_published_verdicts_only()
    {
        var response = await Anonymous().GetAsync("/api/claimreviews");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var review = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(fixture.ClaimText, review.GetProperty("claimReviewed").GetString());
    }

    [Fact]
    public async Task Since_filters_and_a_malformed_since_is_a_clear_400()
    {
        var future = await Anonymous().GetStringAsync("/api/claimreviews?since=2999-01-01T00:00:00Z");
        Assert.Equal("[]", future);
        var past = await Anonymous().GetStringAsync("/api/claimreviews?since=2000-01-01");
        Assert.Contains(fixture.Slug, past);

        var bad = await Anonymous().GetAsync("/api/claimreviews?since=yesterday-ish");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("ISO 8601", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_slug_is_a_friendly_404()
    {
        var response = await Anonymous().GetAsync("/verdicts/no-such-verdict-1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("href=\"/verdicts\"", html);
    }

    [Fact]
    public async Task Unpublished_claims_are_not_public()
    {
        var slugOfUnpublished = $"claim-{fixture.UnpublishedClaimId}";
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/verdicts/{slugOfUnpublished}")).StatusCode);
        var api = await Anonymous().GetStringAsync("/api/claimreviews");
        Assert.DoesNotContain($"-{fixture.UnpublishedClaimId}\"", api);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdRegex();
}
