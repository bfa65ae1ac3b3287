using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>
/// One app whose seed claims are in every public state, reached through the real services:
/// a corrected verdict with tags and two sources, a plain verdict, an unpublished claim, a dismissed
/// claim, and a published claim whose row was later marked dismissed.
/// </summary>
public sealed partial class PublishedSite : IAsyncLifetime
{
    public FactCheckWebFactory Factory { get; } = new();
    public string CorrectedSlug { get; private set; } = "";
    public string PlainSlug { get; private set; } = "";
    public Claim Unpublished { get; private set; } = default!;
    public Claim Dismissed { get; private set; } = default!;
    public Claim PublishedThenDismissed { get; private set; } = default!;
    public string PublishedThenDismissedSlug { get; private set; } = "";
    public IReadOnlyList<string> PublishedTexts { get; private set; } = [];

    /// <summary>Claims no public surface may show.</summary>
    public IEnumerable<Claim> Hidden => [Unpublished, Dismissed, PublishedThenDismissed];

    public async Task InitializeAsync()
    {
        var lead = await Factory.ActorAsync("lead@factcheck.local");
        var alice = await Factory.ActorAsync("alice@factcheck.local");
        var bob = await Factory.ActorAsync("bob@factcheck.local");
        var review = Factory.Services.GetRequiredService<ReviewService>();
        var claims = (await Factory.Services.GetRequiredService<ClaimQueryService>().ListAsync(lead, new ClaimQuery { PageSize = 5 })).Items;
        Assert.True(claims.Count >= 5, "The seed article is imported with enough claims.");

        var corrected = claims[0].Id;
        await review.AssignAsync(lead, corrected, alice.UserId!);
        await review.AddSourceAsync(alice, corrected, "https://www.un.org/en/report", "UN report", SourceStance.Refutes, "A lower count.", "United Nations");
        await review.AddSourceAsync(alice, corrected, "https://ministry.example/figures", "Ministry figures", SourceStance.Supports);
        await review.SaveVerdictAsync(alice, corrected, Rating.Misleading, "The count mixes categories.");
        CorrectedSlug = (await review.PublishAsync(lead, corrected, Rating.Misleading, "The figure mixes killed and wounded.")).Slug;
        await review.ReopenAsync(lead, corrected);
        await review.PublishAsync(lead, corrected, Rating.False, "The **UN count** is far lower.", "New UN data.");

        var plain = claims[1].Id;
        await review.AssignAsync(lead, plain, bob.UserId!);
        await review.SaveVerdictAsync(bob, plain, Rating.True, "Matches the record.");
        PlainSlug = (await review.PublishAsync(lead, plain, Rating.True, "The record confirms it.")).Slug;

        var later = claims[4].Id;
        await review.AssignAsync(lead, later, bob.UserId!);
        await review.SaveVerdictAsync(bob, later, Rating.Mixed, "Partly.");
        PublishedThenDismissedSlug = (await review.PublishAsync(lead, later, Rating.Mixed, "Partly right.")).Slug;

        await review.DismissAsync(lead, claims[3].Id, "Opinion, not a checkable claim.");

        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync())
        {
            // Tags have no editor yet; set them as a lead's tool would store them.
            await db.Claims.Where(c => c.Id == corrected).ExecuteUpdateAsync(s => s.SetProperty(c => c.Tags, "health,casualties"));
            // The workflow never dismisses a published claim, but a dismissed claim's old publication
            // (from an import or a manual fix) must stay hidden all the same.
            await db.Claims.Where(c => c.Id == later).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClaimStatus.Dismissed));
            Unpublished = await db.Claims.AsNoTracking().SingleAsync(c => c.Id == claims[2].Id);
            Dismissed = await db.Claims.AsNoTracking().SingleAsync(c => c.Id == claims[3].Id);
            PublishedThenDismissed = await db.Claims.AsNoTracking().SingleAsync(c => c.Id == later);
            PublishedTexts = await db.Claims.AsNoTracking().Where(c => c.Id == corrected || c.Id == plain).Select(c => c.Text).ToListAsync();
        }
        Assert.Equal(ClaimStatus.New, Unpublished.Status);
        Assert.Equal(ClaimStatus.Dismissed, Dismissed.Status);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public HttpClient Anonymous() => Factory.CreateBrowserClient();

    /// <summary>The text a browser shows: entities decoded, so claim text compares as stored.</summary>
    public static string Visible(string html) => WebUtility.HtmlDecode(html);

    public static JsonDocument JsonLd(string html)
    {
        var match = JsonLdRegex().Match(html);
        Assert.True(match.Success, "The page embeds application/ld+json.");
        return JsonDocument.Parse(match.Groups[1].Value);
    }

    public static string AntiforgeryToken(string html)
    {
        var token = AntiforgeryRegex().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The form carries an antiforgery token.");
        return WebUtility.HtmlDecode(token);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryRegex();
}
