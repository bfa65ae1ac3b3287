using System.Text.Json;
using System.Xml.Linq;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>The admin's settings reach the ClaimReview author, the rating wording and the feed (its own app: it changes them).</summary>
public sealed class SettingsOnPublicSiteTests : IAsyncLifetime
{
    private readonly FactCheckWebFactory factory = new();
    private string slug = "";

    public async Task InitializeAsync()
    {
        var lead = await factory.ActorAsync("lead@factcheck.local");
        var alice = await factory.ActorAsync("alice@factcheck.local");
        var review = factory.Services.GetRequiredService<ReviewService>();
        var claim = (await factory.Services.GetRequiredService<ClaimQueryService>().ListAsync(lead, new ClaimQuery { PageSize = 1 })).Items[0];
        await review.AssignAsync(lead, claim.Id, alice.UserId!);
        await review.SaveVerdictAsync(alice, claim.Id, Rating.Misleading, "Mixes categories.");
        slug = (await review.PublishAsync(lead, claim.Id, Rating.Misleading, "The figure mixes killed and wounded.")).Slug;
    }

    public Task DisposeAsync()
    {
        factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Changing_the_settings_changes_the_ClaimReview_author_and_rating_wording()
    {
        using (var before = PublishedSite.JsonLd(await factory.CreateBrowserClient().GetStringAsync($"/verdicts/{slug}")))
        {
            // Nothing stored yet: the Organization configuration section speaks.
            Assert.Equal("FactCheck", before.RootElement.GetProperty("author").GetProperty("name").GetString());
            Assert.False(before.RootElement.GetProperty("author").TryGetProperty("logo", out _));
        }

        var admin = await factory.ActorAsync("admin@factcheck.local");
        var settings = factory.Services.GetRequiredService<SiteSettingsService>();
        var input = await settings.GetForEditAsync(admin);
        input.OrganizationName = "Gaza Fact Desk";
        input.OrganizationUrl = "https://desk.example/";
        input.OrganizationLogoUrl = "https://desk.example/logo.png";
        input.RatingLabels[Rating.Misleading] = "Missing context";
        await settings.UpdateAsync(admin, input);

        var html = await factory.CreateBrowserClient().GetStringAsync($"/verdicts/{slug}");
        using var page = PublishedSite.JsonLd(html);
        var author = page.RootElement.GetProperty("author");
        Assert.Equal("Gaza Fact Desk", author.GetProperty("name").GetString());
        Assert.Equal("https://desk.example/", author.GetProperty("url").GetString());
        Assert.Equal("https://desk.example/logo.png", author.GetProperty("logo").GetProperty("url").GetString());
        Assert.Equal("Missing context", page.RootElement.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal(2, page.RootElement.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
        Assert.Contains(">Missing context</span>", html);
        Assert.Contains("<meta property=\"og:site_name\" content=\"Gaza Fact Desk\"", html);

        using var api = JsonDocument.Parse(await factory.CreateBrowserClient().GetStringAsync("/api/claimreviews"));
        Assert.Equal("Gaza Fact Desk", api.RootElement[0].GetProperty("author").GetProperty("name").GetString());

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await factory.CreateBrowserClient().GetStringAsync("/verdicts/feed.atom")).Root!;
        Assert.Equal("Gaza Fact Desk", feed.Element(atom + "author")!.Element(atom + "name")!.Value);
        Assert.StartsWith("Missing context: ", feed.Element(atom + "entry")!.Element(atom + "title")!.Value);
    }
}
