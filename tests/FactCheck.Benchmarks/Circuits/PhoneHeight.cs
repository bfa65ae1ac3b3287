using System.Globalization;
using Microsoft.Playwright;

namespace FactCheck.Benchmarks.Circuits;

/// <summary>
/// How tall a page is on a phone: opens PATH (the claims list by default) 390 px wide in Debian's
/// Chromium, signed in as the lead, waits for its rows, and prints the document's scroll height and
/// how many claim rows it shows. Usage: phone [URL] [PATH]; loopback addresses only; demo accounts.
/// </summary>
public static class PhoneHeight
{
    public static async Task<int> RunAsync(string url, string path = "/claims")
    {
        if (!BenchmarkBrowser.IsLoopback(url)) return 2;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await BenchmarkBrowser.SignInAsync(page, url, "lead@factcheck.local");
        await page.GotoAsync(url + path);
        await page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.Locator("#claims-grid tbody tr .fc-claim-link").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var rows = await page.Locator("#claims-grid tbody tr .fc-claim-link").CountAsync();
        var height = await page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        var width = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path} at 390 px: {rows} claim rows, page {height:0} px tall, {width:0} px wide"));
        return 0;
    }
}
