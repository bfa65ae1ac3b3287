using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>A lead imports several files at once, then adds a claim the extractor missed by selecting it.</summary>
public sealed class ImportTests : BrowserTest
{
    private readonly string files = Path.Combine(Path.GetTempPath(), "factcheck-e2e-files", Guid.NewGuid().ToString("N"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(files);
        await File.WriteAllTextAsync(Path.Combine(files, "briefing.md"), """
            # Weekly briefing

            The agency said **unemployment fell to 3.9%** in October, the lowest rate since 2019.

            Officials expect growth to slow next year.
            """);
        await File.WriteAllTextAsync(Path.Combine(files, "report.html"), """
            <html><head><title>Hospital report</title></head><body>
            <nav>Home | News</nav>
            <article><p>According to the WHO, 22 hospitals have been damaged since January.</p>
            <p>The clinic treated more patients this winter than in any year before.</p>
            <p>I think the nurses there did a wonderful job.</p></article>
            <footer>Contact us</footer></body></html>
            """);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(files, recursive: true);
    }

    [Fact]
    public async Task A_lead_uploads_several_files_and_adds_a_missed_claim_by_selection()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        await page.GotoAsync($"{app.BaseUrl}/documents/import");
        await page.WaitForInteractiveAsync();

        // Blazor's InputFile reports a selection only once its script has attached to the element
        // (it then carries _blazorInputFileNextFileId), a moment after the circuit starts.
        await page.WaitForFunctionAsync("() => { const input = document.querySelector('input[type=file]:not(.d-none)'); return input && input._blazorInputFileNextFileId !== undefined; }");
        await page.Locator("input[type=file]:not(.d-none)").SetInputFilesAsync([Path.Combine(files, "briefing.md"), Path.Combine(files, "report.html")]);
        var progress = page.Locator("#import-progress");
        await progress.GetByText("2 of 2").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal(2, await progress.GetByText("claims extracted").CountAsync());
        await page.ScreenshotAsync("11-import-progress");

        // Open the HTML report: its navigation and footer were dropped, its claims highlighted.
        await page.GotoAsync($"{app.BaseUrl}/documents");
        await page.WaitForInteractiveAsync();
        await page.GetByText("Hospital report").ClickAsync();
        await page.WaitForInteractiveAsync();
        var text = page.Locator(".fc-document-text");
        await text.WaitForAsync();
        Assert.DoesNotContain("Contact us", await text.TextContentAsync());
        var before = await page.Locator(".fc-claim-span").CountAsync();
        Assert.True(before >= 1);

        // The opinion is not extracted; the lead disagrees, selects it in the text and adds it as a claim.
        Assert.Equal(0, await page.Locator(".fc-claim-span", new PageLocatorOptions { HasText = "wonderful job" }).CountAsync());
        await page.EvaluateAsync("""
            () => {
                const root = document.querySelector('.fc-document-text');
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                let node;
                while ((node = walker.nextNode())) {
                    const at = node.textContent.indexOf('the nurses there did a wonderful job');
                    if (at >= 0) {
                        const range = document.createRange();
                        range.setStart(node, at);
                        range.setEnd(node, at + 'the nurses there did a wonderful job'.length);
                        const selection = window.getSelection();
                        selection.removeAllRanges();
                        selection.addRange(range);
                        return;
                    }
                }
                throw new Error('text not found');
            }
            """);
        await page.Locator("#add-selection").ClickAsync();
        await page.GetByText("Claim added.").WaitForAsync();
        var added = page.Locator(".fc-claim-span", new PageLocatorOptions { HasText = "wonderful job" });
        await added.WaitForAsync();
        Assert.Equal("the nurses there did a wonderful job", (await added.TextContentAsync())?.Trim());
        await page.ScreenshotAsync("12-document-added-claim");
    }
}
