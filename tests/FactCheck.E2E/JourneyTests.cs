using System.Text.Json;
using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>
/// The whole path of the foundation issue in real Chromium: the lead assigns a seed claim, the
/// reviewer records a verdict with a counter-source, the lead publishes, and an anonymous reader
/// finds it with its ClaimReview markup.
/// </summary>
public sealed class JourneyTests : BrowserTest
{
    [Fact]
    public async Task Lead_assigns_reviewer_verifies_lead_publishes_reader_finds_the_verdict()
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } };
        await using var leadContext = await browser.NewContextAsync(options);
        await using var reviewerContext = await browser.NewContextAsync(options);
        await using var readerContext = await browser.NewContextAsync(options);
        var lead = await leadContext.NewPageAsync();
        var reviewer = await reviewerContext.NewPageAsync();
        var reader = await readerContext.NewPageAsync();

        // The lead finds the seed article, already imported, with its claims highlighted.
        await lead.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        await lead.GotoAsync($"{app.BaseUrl}/documents");
        await lead.WaitForInteractiveAsync();
        await lead.GetByText("Hamas confirms talks with Israel in Doha").First.ClickAsync();
        await lead.Locator(".fc-claim-span").First.WaitForAsync();
        Assert.True(await lead.Locator(".fc-claim-span").CountAsync() >= 5, "The seed's claims are highlighted in the document.");
        await lead.ScreenshotAsync("01-lead-document");

        // The claims grid, highest score first; the lead opens the top claim and assigns Alice.
        await lead.GotoAsync($"{app.BaseUrl}/claims");
        await lead.WaitForInteractiveAsync();
        await lead.Locator("#claims-grid .fc-claim-link").First.WaitForAsync();
        await lead.ScreenshotAsync("02-lead-claims");
        var claimText = (await lead.Locator("#claims-grid .fc-claim-link").First.TextContentAsync())!.Trim();
        await lead.Locator("#claims-grid .fc-claim-link").First.ClickAsync();
        await lead.WaitForURLAsync(url => url.Contains("/claims/"));
        var claimUrl = lead.Url;
        await lead.WaitForInteractiveAsync();
        await lead.ChooseAsync("assign-reviewer", "Alice Reviewer");
        await lead.Locator("#assign-submit").ClickAsync();
        await lead.Locator("[data-assignee='alice@factcheck.local']").WaitForAsync();
        await lead.ScreenshotAsync("03-lead-assigned");

        // Alice records a counter-source and her verdict.
        await reviewer.SignInAsync(app.BaseUrl, "alice@factcheck.local");
        await reviewer.GotoAsync(claimUrl);
        await reviewer.WaitForInteractiveAsync();
        await reviewer.Locator("#source-url").FillAsync("https://www.ohchr.org/en/press-releases/2024/health-workers");
        await reviewer.Locator("#source-title").FillAsync("UN Special Rapporteurs on attacks on health workers");
        await reviewer.Locator("#source-add").ClickAsync();
        await reviewer.Locator("#sources-list").GetByText("UN Special Rapporteurs on attacks on health workers").WaitForAsync();
        await reviewer.ChooseAsync("verdict-rating", "Misleading");
        await reviewer.Locator("#verdict-rationale").FillAsync("The **ministry figure** combines killed and wounded; the UN count is lower.");
        await reviewer.Locator("#verdict-save").ClickAsync();
        await reviewer.Locator("[data-verdict-by='alice@factcheck.local']").WaitForAsync();
        Assert.Equal("Misleading", (await reviewer.Locator("[data-verdict-by='alice@factcheck.local'] .fc-rating").TextContentAsync())?.Trim());
        await reviewer.ScreenshotAsync("04-reviewer-verdict");

        // Alice may not publish: the decision panel is a lead's.
        Assert.Equal(0, await reviewer.Locator("#decision-panel").CountAsync());

        // The lead sees the verdict (live) and publishes.
        await lead.Locator("[data-verdict-by='alice@factcheck.local']").WaitForAsync();
        await lead.ChooseAsync("publish-rating", "Misleading");
        await lead.Locator("#publish-summary").FillAsync("The figure mixes killed and wounded; UN data gives a lower count of deaths.");
        await lead.Locator("#publish-submit").ClickAsync();
        await lead.Locator("#publications").GetByText("public page").WaitForAsync();
        await lead.ScreenshotAsync("05-lead-published");

        // An anonymous reader finds it at /verdicts by searching, with ClaimReview JSON-LD in the page.
        await reader.GotoAsync($"{app.BaseUrl}/verdicts");
        await reader.ScreenshotAsync("06-reader-verdicts");
        var searchTerm = claimText.Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First().Trim('.', ',', '"', '“', '”');
        await reader.Locator("#verdicts-search").FillAsync(searchTerm);
        await reader.Locator("#verdicts-submit").ClickAsync();
        await reader.WaitForURLAsync(url => url.Contains("q="));
        Assert.Equal(1, await reader.Locator(".fc-verdict-card").CountAsync());
        await reader.Locator(".fc-verdict-card a").First.ClickAsync();
        await reader.WaitForURLAsync(url => url.Contains("/verdicts/"));
        Assert.Equal(claimText, (await reader.Locator("#verdict-claim").TextContentAsync())!.Trim().Trim('“', '”'));
        var jsonLd = await reader.Locator("script[type='application/ld+json']").TextContentAsync();
        using var claimReview = JsonDocument.Parse(jsonLd!);
        Assert.Equal("ClaimReview", claimReview.RootElement.GetProperty("@type").GetString());
        Assert.Equal(claimText, claimReview.RootElement.GetProperty("claimReviewed").GetString());
        Assert.Equal(2, claimReview.RootElement.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
        Assert.Equal("Misleading", claimReview.RootElement.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal(reader.Url, claimReview.RootElement.GetProperty("url").GetString());
        Assert.Equal(1, await reader.Locator("#correction-sign-in").CountAsync());
        await reader.ScreenshotAsync("07-reader-verdict");

        // The same page on a phone.
        await reader.SetViewportSizeAsync(390, 844);
        await reader.ScreenshotAsync("08-reader-verdict-phone");
        await reader.GotoAsync($"{app.BaseUrl}/verdicts");
        await reader.ScreenshotAsync("09-reader-verdicts-phone");
    }
}
