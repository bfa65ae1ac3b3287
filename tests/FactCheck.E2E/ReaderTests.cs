using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>
/// A registered reader's path in real Chromium: the reader suggests a web address to check, a lead
/// answers it in the inbox, and the reader reads the answer on "My suggestions".
/// </summary>
public sealed class ReaderTests : BrowserTest
{
    [Fact]
    public async Task Reader_suggests_a_url_lead_answers_in_the_inbox_reader_sees_the_answer()
    {
        const string url = "https://news.example/2025/03/ministry-figures";
        const string answer = "Thank you. We accepted it; a reviewer is checking the figures.";
        var desktop = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } };
        await using var readerContext = await browser.NewContextAsync(desktop);
        await using var leadContext = await browser.NewContextAsync(desktop);
        var reader = await readerContext.NewPageAsync();
        var lead = await leadContext.NewPageAsync();

        // Anonymous, the list offers sign-in to suggest; signed in, the reader lands back on the form.
        await reader.GotoAsync($"{app.BaseUrl}/verdicts");
        await reader.Locator("#suggest-sign-in").ClickAsync();
        await reader.Locator("[id='Input.Email']").FillAsync("reader@factcheck.local");
        await reader.Locator("[id='Input.Password']").FillAsync("Demo-pass-1");
        await reader.Locator("#login-submit").ClickAsync();
        await reader.WaitForURLAsync(u => u.Contains("/my/suggestions"));

        // A non-web address is refused with a message, and the draft stays.
        await reader.Locator("#suggestion-text").FillAsync("The ministry said 445,581 people were killed, 'according to official figures'.");
        await reader.Locator("#suggestion-url").FillAsync("ftp://files.example/figures");
        await reader.Locator("#suggestion-submit").ClickAsync();
        await reader.Locator("#suggest-error").WaitForAsync();
        Assert.Contains("http://", await reader.Locator("#suggest-error").TextContentAsync());

        await reader.Locator("#suggestion-url").FillAsync(url);
        await reader.Locator("#suggestion-submit").ClickAsync();
        await reader.WaitForURLAsync(u => u.Contains("sent=suggestion"));
        await reader.Locator("#my-suggestions").GetByText(url).WaitForAsync();
        await reader.ScreenshotAsync("10-reader-suggested");

        // The lead finds it in the inbox and accepts it with an answer.
        await lead.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        await lead.GotoAsync($"{app.BaseUrl}/inbox");
        await lead.WaitForInteractiveAsync();
        var card = lead.Locator("#inbox-suggestions [data-suggestion]", new PageLocatorOptions { HasText = url });
        await card.WaitForAsync();
        await card.Locator("textarea").First.FillAsync(answer);
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Accept" }).ClickAsync();
        await card.GetByText("Answer:").WaitForAsync();
        await lead.ScreenshotAsync("11-lead-inbox");

        // The reader sees the answer and the new status.
        await reader.GotoAsync($"{app.BaseUrl}/my/suggestions");
        var mine = reader.Locator("#my-suggestions [data-suggestion]", new PageLocatorOptions { HasText = url });
        Assert.Contains(answer, await mine.Locator("[data-answer]").TextContentAsync());
        Assert.Equal("Accepted", (await mine.Locator(".fc-request-status").TextContentAsync())?.Trim());
        await reader.ScreenshotAsync("12-reader-answer");
        await reader.SetViewportSizeAsync(390, 844);
        await reader.ScreenshotAsync("13-reader-answer-phone");
    }
}
