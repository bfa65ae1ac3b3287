using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace FactCheck.Benchmarks.Circuits;

/// <summary>
/// Save latency while other people keep claims pages open: opens N `/claims` pages in Debian's
/// Chromium (signed in as the admin), then times (a) POST /api/documents from the same signed-in
/// browser context and (b) a comment saved on claim #1 by the lead, from the click until the
/// writer's own page shows it. Before the fix every save waited for every open grid to re-query.
/// Usage: saves [URL] [OPEN_PAGES] [RUNS]; loopback addresses only; demo accounts.
/// </summary>
public static class SaveLatency
{
    private const int WarmUpRuns = 3;
    private const int OpenParallelism = 4;

    public static async Task<int> RunAsync(string url, int openPages, int runs)
    {
        if (!BenchmarkBrowser.IsLoopback(url)) return 2;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright, "--renderer-process-limit=8");
        await using var watchers = await browser.NewContextAsync();
        var signIn = await watchers.NewPageAsync();
        await BenchmarkBrowser.SignInAsync(signIn, url, "admin@factcheck.local");
        var failures = 0;
        await Parallel.ForAsync(0, openPages, new ParallelOptions { MaxDegreeOfParallelism = OpenParallelism }, async (_, _) =>
        {
            var page = await watchers.NewPageAsync();
            try
            {
                await page.GotoAsync($"{url}/claims", new PageGotoOptions { Timeout = 60_000 });
                await page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                await page.Locator("#claims-grid").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Console.WriteLine($"{openPages} /claims pages open ({failures} failed to become interactive).");

        // Cookie writes carry the antiforgery header, as the app's pages send it.
        var antiforgery = System.Text.Json.JsonDocument.Parse(await (await watchers.APIRequest.GetAsync($"{url}/api/v1/antiforgery")).TextAsync()).RootElement;
        var headers = new Dictionary<string, string> { [antiforgery.GetProperty("headerName").GetString()!] = antiforgery.GetProperty("token").GetString()! };
        var run = Guid.NewGuid().ToString("N")[..8];
        var imports = new List<double>();
        for (var i = 0; i < runs + WarmUpRuns; i++)
        {
            var text = $"Officials said {i + 1} of {run} save samples arrived on Monday, according to the benchmark. Run {run}, save {i}.";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await watchers.APIRequest.PostAsync($"{url}/api/documents", new APIRequestContextOptions
            {
                DataObject = new { title = $"save {run} {i}", text },
                Headers = headers,
                Timeout = 120_000,
            });
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.Status != (int)HttpStatusCode.Created) throw new InvalidOperationException($"POST /api/documents answered {response.Status}: {await response.TextAsync()}");
            if (i >= WarmUpRuns) imports.Add(elapsed);
        }
        Print("POST /api/documents", imports);

        await using var writerContext = await browser.NewContextAsync();
        var writer = await writerContext.NewPageAsync();
        await BenchmarkBrowser.SignInAsync(writer, url, "lead@factcheck.local");
        await writer.GotoAsync($"{url}/claims/1");
        await writer.Locator("[data-interactive='true']").WaitForAsync();
        var comments = new List<double>();
        for (var i = 0; i < runs + WarmUpRuns; i++)
        {
            var probe = $"save-probe-{run}-{i}";
            await writer.Locator("#comment-body").FillAsync($"Benchmark comment {probe}");
            var sent = await writer.EvaluateAsync<double>("() => performance.now()");
            await writer.Locator("#comment-add").ClickAsync();
            await writer.WaitForFunctionAsync($"() => [...document.querySelectorAll('.fc-comment')].some(e => e.textContent.includes('{probe}'))",
                null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 5 });
            var seen = await writer.EvaluateAsync<double>("() => performance.now()");
            if (i >= WarmUpRuns) comments.Add(seen - sent);
        }
        Print("comment save (click → shown)", comments);
        return failures == 0 ? 0 : 1;
    }

    private static void Print(string what, List<double> latencies)
    {
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {latencies.Count} saves, p50 {Percentile(0.50):0.0} ms, p95 {Percentile(0.95):0.0} ms, max {latencies[^1]:0.0} ms"));
    }
}
