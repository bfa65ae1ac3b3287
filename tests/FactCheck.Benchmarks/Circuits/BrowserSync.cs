using System.Globalization;
using Microsoft.Playwright;

namespace FactCheck.Benchmarks.Circuits;

/// <summary>
/// Save in one real browser, see it in another: two Chromium pages on the same claim (the lead
/// comments, the admin watches). Each run stamps the moment before the click in page A and the
/// moment the comment is rendered in page B (a MutationObserver), on the same browser clock.
/// Usage: browsers [URL] [RUNS]; loopback addresses only; demo accounts.
/// </summary>
public static class BrowserSync
{
    public static async Task<int> RunAsync(string url, int runs)
    {
        if (!BenchmarkBrowser.IsLoopback(url)) return 2;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright);
        var writer = await SignedInPageAsync(browser, url, "lead@factcheck.local");
        var watcher = await SignedInPageAsync(browser, url, "admin@factcheck.local");

        // Claim #1 is the first claim of the seed article in a Development database.
        await writer.GotoAsync($"{url}/claims/1");
        await writer.Locator("[data-interactive='true']").WaitForAsync();
        await watcher.GotoAsync(writer.Url);
        await watcher.Locator("[data-interactive='true']").WaitForAsync();
        // Record when each comment first shows up in the watching page.
        await watcher.EvaluateAsync("""
            () => {
                window.__seen = {};
                new MutationObserver(() => {
                    for (const el of document.querySelectorAll('.fc-comment')) {
                        const text = el.textContent;
                        const match = text.match(/sync-probe-[0-9a-f]+-\d+/);
                        if (match && !window.__seen[match[0]]) window.__seen[match[0]] = performance.timeOrigin + performance.now();
                    }
                }).observe(document.body, { childList: true, subtree: true, characterData: true });
            }
            """);

        // A fresh prefix per run, so comments left by an earlier run on this claim never match.
        var run = Guid.NewGuid().ToString("N")[..8];
        var latencies = new List<double>();
        for (var i = 0; i < runs + 3; i++)
        {
            var probe = $"sync-probe-{run}-{i}";
            var comment = $"Benchmark comment {probe}";
            await writer.Locator("#comment-body").FillAsync(comment);
            // Never send an empty or stale comment: the box must hold exactly this run's text.
            if (await writer.Locator("#comment-body").InputValueAsync() != comment)
                throw new InvalidOperationException($"The comment box does not hold run {i}'s text; refusing to send it.");
            var sent = await writer.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            await writer.Locator("#comment-add").ClickAsync();
            await watcher.WaitForFunctionAsync($"() => window.__seen['{probe}'] !== undefined", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            var seen = await watcher.EvaluateAsync<double>($"() => window.__seen['{probe}']");
            if (i >= 3) latencies.Add(seen - sent);
            // Wait until the writer's own page rendered the save (its comment shown, the box cleared)
            // before typing the next one; typing earlier raced the re-render, which cleared the new text.
            await writer.WaitForFunctionAsync($"() => [...document.querySelectorAll('.fc-comment')].some(e => e.textContent.includes('{probe}')) && document.querySelector('#comment-body').value === ''",
                null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        }

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Count} saves: p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {latencies[^1]:0.0} ms"));
        return 0;
    }

    private static async Task<IPage> SignedInPageAsync(IBrowser browser, string url, string email)
    {
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        await BenchmarkBrowser.SignInAsync(page, url, email);
        return page;
    }
}
