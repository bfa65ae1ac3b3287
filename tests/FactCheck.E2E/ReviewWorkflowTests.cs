using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>
/// A lead's day in real Chromium: bulk-assign three claims to Alice and Bob, both reviewers record
/// verdicts with sources, the lead compares and publishes, a correction publishes version 2, and
/// an anonymous reader sees both versions.
/// </summary>
public sealed partial class ReviewWorkflowTests : BrowserTest
{
    [Fact]
    public async Task Bulk_assign_two_reviewers_compare_publish_and_correct()
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } };
        await using var leadContext = await browser.NewContextAsync(options);
        var lead = await leadContext.NewPageAsync();
        await lead.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        await lead.GotoAsync($"{app.BaseUrl}/claims");
        await lead.WaitForInteractiveAsync();
        var rows = lead.Locator("#claims-grid tbody tr");
        await rows.First.Locator(".fc-claim-link").WaitForAsync();

        // Select the three top claims and assign them to both reviewers in two bulk actions.
        var claimIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await rows.Nth(i).Locator("input[type=checkbox]").CheckAsync();
            claimIds.Add(ClaimIdRegex().Match((await rows.Nth(i).Locator(".fc-claim-link").GetAttributeAsync("href"))!).Groups[1].Value);
        }
        await lead.Locator("#bulk-bar").GetByText("3 selected").WaitForAsync();
        await lead.ScreenshotAsync("21-bulk-selected");
        await lead.ChooseAsync("bulk-reviewer", "Alice Reviewer");
        await lead.Locator("#bulk-assign").ClickAsync();
        await lead.GetByText("Assigned: 3 claims.").WaitForAsync();
        for (var i = 0; i < 3; i++) await rows.Nth(i).Locator("input[type=checkbox]").CheckAsync();
        await lead.ChooseAsync("bulk-reviewer", "Bob Reviewer");
        await lead.Locator("#bulk-assign").ClickAsync();
        await lead.GetByText("Assigned: 3 claims.").Last.WaitForAsync();
        // The first notice may still be up, so the wait above can end before the second save: give the
        // live refresh time on a busy machine (patience, not a timing assertion).
        await Assertions.Expect(rows.First).ToContainTextAsync("Alice Reviewer, Bob Reviewer", new() { Timeout = 30_000 });

        // Both reviewers see the claims as theirs and record a source and a verdict on the first.
        var claimUrl = $"{app.BaseUrl}/claims/{claimIds[0]}";
        foreach (var (email, rating, source) in new[] { ("alice@factcheck.local", "False", "Ministry dataset"), ("bob@factcheck.local", "Misleading", "UN OCHA update") })
        {
            await using var context = await browser.NewContextAsync(options);
            var reviewer = await context.NewPageAsync();
            await reviewer.SignInAsync(app.BaseUrl, email);
            await reviewer.GotoAsync($"{app.BaseUrl}/my/assignments");
            await reviewer.WaitForInteractiveAsync();
            Assert.Equal(3, await reviewer.Locator("#my-open [data-claim-id]").CountAsync());
            await reviewer.GotoAsync(claimUrl);
            await reviewer.WaitForInteractiveAsync();
            await reviewer.Locator("#source-url").FillAsync($"https://example.org/{source.Replace(' ', '-').ToLowerInvariant()}");
            await reviewer.Locator("#source-title").FillAsync(source);
            await reviewer.Locator("#source-add").ClickAsync();
            await reviewer.Locator("#sources-list").GetByText(source).WaitForAsync();
            await reviewer.ChooseAsync("verdict-rating", rating);
            await reviewer.Locator("#verdict-rationale").FillAsync($"{source} contradicts the figure.");
            await reviewer.Locator("#verdict-save").ClickAsync();
            await reviewer.Locator($"[data-verdict-by='{email}']").WaitForAsync();
        }

        // The lead compares the two verdicts side by side, publishes, then corrects.
        await lead.GotoAsync(claimUrl);
        await lead.WaitForInteractiveAsync();
        var agreement = lead.Locator("#agreement");
        await agreement.WaitForAsync();
        // One False and one Misleading: a split, said as such (not "50% agree").
        await Assertions.Expect(agreement).ToContainTextAsync("Split: 1 False, 1 Misleading");
        await lead.ScreenshotAsync("22-lead-compares");
        await lead.ChooseAsync("publish-rating", "False");
        await lead.Locator("#publish-summary").FillAsync("Both sources contradict the figure.");
        await lead.Locator("#publish-submit").ClickAsync();
        await lead.Locator("#reopen").ClickAsync();
        await lead.ChooseAsync("publish-rating", "Misleading");
        await lead.Locator("#publish-summary").FillAsync("The figure mixes two counts; it is misleading rather than false.");
        await lead.Locator("#publish-correction").FillAsync("Rating changed from False to Misleading after a reader's note.");
        await lead.Locator("#publish-submit").ClickAsync();
        await lead.Locator("#publications").GetByText("v2").WaitForAsync();
        var slug = (await lead.Locator("#publications a").First.GetAttributeAsync("href"))!;

        // The lead's overviews reflect the day: workload chart, board column, audit trail.
        await lead.GotoAsync($"{app.BaseUrl}/dashboard");
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(lead.Locator("#workload")).ToContainTextAsync("Workload per reviewer");
        await Assertions.Expect(lead.Locator("#workload svg")).ToBeVisibleAsync();
        await lead.ScreenshotAsync("24-lead-dashboard");
        await lead.GotoAsync($"{app.BaseUrl}/claims/board");
        await lead.WaitForInteractiveAsync();
        await lead.Locator($"[data-column='Published'] [data-claim-id='{claimIds[0]}']").WaitForAsync();
        await lead.ScreenshotAsync("25-lead-board");
        await lead.GotoAsync($"{app.BaseUrl}/audit");
        await lead.WaitForInteractiveAsync();
        await Assertions.Expect(lead.Locator("#audit-grid")).ToContainTextAsync("Corrected");
        await lead.ScreenshotAsync("26-lead-audit");

        // An anonymous reader sees the corrected verdict with both versions.
        await using var readerContext = await browser.NewContextAsync(options);
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync($"{app.BaseUrl}/{slug.TrimStart('/')}");
        var corrections = reader.Locator("#corrections");
        await Assertions.Expect(corrections).ToContainTextAsync("Version 2");
        await Assertions.Expect(corrections).ToContainTextAsync("Version 1");
        await Assertions.Expect(corrections).ToContainTextAsync("Rating changed from False to Misleading");
        await reader.ScreenshotAsync("23-reader-corrections");
    }

    [GeneratedRegex(@"claims/(\d+)")]
    private static partial Regex ClaimIdRegex();
}
