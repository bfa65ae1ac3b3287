using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>Two browsers stay in sync without reloading: assignment notice, sources, presence, editing.</summary>
public sealed class LiveCollaborationTests : BrowserTest
{
    [Fact]
    public async Task The_reviewer_is_told_of_an_assignment_and_both_see_each_others_work_live()
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 950 } };
        await using var leadContext = await browser.NewContextAsync(options);
        await using var aliceContext = await browser.NewContextAsync(options);
        var lead = await leadContext.NewPageAsync();
        var alice = await aliceContext.NewPageAsync();

        // Alice waits on her assignments page; nothing is hers yet.
        await alice.SignInAsync(app.BaseUrl, "alice@factcheck.local");
        await alice.GotoAsync($"{app.BaseUrl}/claims");
        await alice.WaitForInteractiveAsync();

        // The lead opens the top claim and assigns Alice.
        await lead.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        await lead.GotoAsync($"{app.BaseUrl}/claims");
        await lead.WaitForInteractiveAsync();
        await lead.Locator("#claims-grid .fc-claim-link").First.ClickAsync();
        await lead.WaitForURLAsync(url => url.Contains("/claims/"));
        await lead.WaitForInteractiveAsync();
        var claimUrl = lead.Url;
        await lead.ChooseAsync("assign-reviewer", "Alice Reviewer");
        await lead.Locator("#assign-submit").ClickAsync();

        // Alice is told at once, the badge counts it and her open list shows it, all without a reload.
        await alice.GetByText("Lee Lead assigned you claim").WaitForAsync();
        await Assertions.Expect(alice.Locator("#my-assignments-badge")).ToContainTextAsync("1");
        await Assertions.Expect(alice.Locator("#claims-grid tbody tr").First).ToContainTextAsync("Alice Reviewer");
        await alice.ScreenshotAsync("41-reviewer-notified");

        // Both on the claim: each sees the other.
        await alice.GotoAsync(claimUrl);
        await alice.WaitForInteractiveAsync();
        await lead.Locator("#presence [data-viewer='Alice Reviewer']").WaitForAsync();
        await alice.Locator("#presence [data-viewer='Lee Lead']").WaitForAsync();

        // Alice's source appears on the lead's open page.
        await alice.Locator("#source-url").FillAsync("https://example.org/live-source");
        await alice.Locator("#source-title").FillAsync("Live source from Alice");
        await alice.Locator("#source-add").ClickAsync();
        await lead.Locator("#sources-list").GetByText("Live source from Alice").WaitForAsync();

        // Typing a verdict shows Alice as editing to the lead.
        await alice.Locator("#verdict-rationale").FillAsync("Drafting my verdict…");
        await lead.Locator("#presence [data-viewer='Alice Reviewer'][data-editing='true']").WaitForAsync();
        await lead.ScreenshotAsync("42-lead-sees-presence");

        // Alice leaves: she is gone from the lead's page within seconds.
        await alice.CloseAsync();
        await Assertions.Expect(lead.Locator("#presence [data-viewer='Alice Reviewer']")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
    }
}
