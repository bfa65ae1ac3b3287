using System.Text.Json;
using Microsoft.Playwright;

namespace FactCheck.Benchmarks.Circuits;

/// <summary>
/// Memory per Blazor circuit: opens N claims pages in Debian's Chromium against a running app
/// (started with Realtime:BenchmarkEndpoints=true and demo accounts) and reads the server's GC heap
/// and working set, after a full collection, before and after. Loopback addresses only.
/// Usage: circuits [URL] [PAGES] [PATH, /claims by default]; the admin's password comes from FACTCHECK_PASSWORD (the demo one by default).
/// </summary>
public static class CircuitMemory
{
    private const int OpenParallelism = 4;

    public static async Task<int> RunAsync(string url, int pages, string path = "/claims")
    {
        if (!BenchmarkBrowser.IsLoopback(url)) return 2;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchmarkBrowser.LaunchAsync(playwright, "--renderer-process-limit=8");
        await using var context = await browser.NewContextAsync();
        var signIn = await context.NewPageAsync();
        await BenchmarkBrowser.SignInAsync(signIn, url, "admin@factcheck.local");
        // The sign-in page's own circuit is closed before the baseline, so it is not counted.
        await signIn.CloseAsync();
        await Task.Delay(2000);

        var before = await ReadAsync(context, url);
        Console.WriteLine($"Before: {before}");
        var opened = new List<IPage>();
        var failures = 0;
        await Parallel.ForAsync(0, pages, new ParallelOptions { MaxDegreeOfParallelism = OpenParallelism }, async (_, _) =>
        {
            var page = await context.NewPageAsync();
            lock (opened) opened.Add(page);
            try
            {
                await page.GotoAsync(url + path, new PageGotoOptions { Timeout = 60_000 });
                await page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                if (path == "/claims") await page.Locator("#claims-grid tbody tr").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        await Task.Delay(3000);
        var after = await ReadAsync(context, url);
        Console.WriteLine($"After {pages} pages of {path} ({failures} failed to become interactive): {after}");
        var circuits = after.Circuits - before.Circuits;
        if (circuits > 0)
        {
            Console.WriteLine($"Per circuit ({circuits} circuits): GC heap {(after.GcHeapBytes - before.GcHeapBytes) / 1048576.0 / circuits:0.00} MB, " +
                              $"working set {(after.WorkingSetBytes - before.WorkingSetBytes) / 1048576.0 / circuits:0.00} MB");
        }
        foreach (var page in opened) await page.CloseAsync();
        return failures == 0 && circuits == pages ? 0 : 1;
    }

    private sealed record ServerMemory(long WorkingSetBytes, long GcHeapBytes, int Circuits)
    {
        public override string ToString() =>
            $"{Circuits} circuits, GC heap {GcHeapBytes / 1048576.0:0.0} MB, working set {WorkingSetBytes / 1048576.0:0.0} MB";
    }

    private static async Task<ServerMemory> ReadAsync(IBrowserContext context, string url)
    {
        var response = await context.APIRequest.GetAsync($"{url}/api/benchmark/memory");
        if (!response.Ok) throw new InvalidOperationException($"GET /api/benchmark/memory answered {response.Status}: start the app with Realtime__BenchmarkEndpoints=true.");
        return JsonSerializer.Deserialize<ServerMemory>(await response.TextAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
