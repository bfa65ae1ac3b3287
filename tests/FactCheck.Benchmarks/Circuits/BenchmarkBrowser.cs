using System.Net;
using Microsoft.Playwright;

namespace FactCheck.Benchmarks.Circuits;

/// <summary>What the browser benchmarks share: loopback-only targets, Debian's Chromium, demo sign-in.</summary>
public static class BenchmarkBrowser
{
    /// <summary>False (with a message) for any address that is not this machine's.</summary>
    public static bool IsLoopback(string url)
    {
        var uri = new Uri(url);
        if (uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)) return true;
        Console.Error.WriteLine($"Refusing {uri.Host}: run only against this machine.");
        return false;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArgs) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--disable-background-timer-throttling", "--disable-renderer-backgrounding", .. extraArgs],
        });

    /// <summary>Signs a page in through the real form; the password comes from FACTCHECK_PASSWORD or is the demo one.</summary>
    public static async Task SignInAsync(IPage page, string url, string email)
    {
        await page.GotoAsync($"{url}/Account/Login");
        await page.Locator("[id='Input.Email']").FillAsync(email);
        await page.Locator("[id='Input.Password']").FillAsync(Environment.GetEnvironmentVariable("FACTCHECK_PASSWORD") ?? "Demo-pass-1");
        await page.Locator("#login-submit").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login"));
    }
}
