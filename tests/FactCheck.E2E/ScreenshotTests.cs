using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>
/// The main pages in light and dark, on a 1440 px desktop and a phone, saved under screenshots/ to
/// be looked at (the README's come from here); each page must fit its width without a horizontal
/// scroll bar.
/// </summary>
public sealed class ScreenshotTests : BrowserTest
{
    protected override IDictionary<string, string>? AppSettings => new Dictionary<string, string> { ["Demo__Story"] = "true" };

    /// <summary>Pages with the browser language they are opened in (Accept-Language): Arabic readers get the public site right to left.</summary>
    private static readonly (string Name, string? Email, string Path, string Locale)[] Pages =
    [
        ("reader-verdicts", null, "/verdicts", "en-US"),
        ("reader-verdict", null, "/verdicts/{verdict}", "en-US"),
        ("reader-verdicts-ar", null, "/verdicts", "ar"),
        ("reader-verdict-ar", null, "/verdicts/{verdict}", "ar"),
        ("reader-login-ar", null, "/Account/Login", "ar"),
        ("reader-suggestions-ar", "reader@factcheck.local", "/my/suggestions", "ar"),
        ("lead-overview", "lead@factcheck.local", "/", "en-US"),
        ("lead-claims", "lead@factcheck.local", "/claims", "en-US"),
        ("lead-board", "lead@factcheck.local", "/claims/board", "en-US"),
        ("lead-claim", "lead@factcheck.local", "/claims/{claim}", "en-US"),
        ("lead-dashboard", "lead@factcheck.local", "/dashboard", "en-US"),
        ("lead-audit", "lead@factcheck.local", "/audit", "en-US"),
        ("reviewer-assignments", "alice@factcheck.local", "/my/assignments", "en-US"),
    ];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Main_pages_fit_a_desktop_and_a_phone_without_horizontal_scrolling(string scheme)
    {
        var slug = await FirstVerdictSlugAsync();
        var claimId = await DisputedClaimIdAsync();
        var overflowing = new List<string>();
        foreach (var (device, size) in new[] { ("desktop", new ViewportSize { Width = 1440, Height = 900 }), ("phone", new ViewportSize { Width = 390, Height = 844 }) })
        {
            var sessions = new Dictionary<string, IPage>();
            foreach (var (name, email, template, locale) in Pages)
            {
                var key = $"{email ?? "anonymous"} {locale}";
                if (!sessions.TryGetValue(key, out var page))
                {
                    var context = await browser.NewContextAsync(new BrowserNewContextOptions
                    {
                        ViewportSize = size, ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
                        IsMobile = device == "phone", HasTouch = device == "phone", Locale = locale,
                    });
                    page = await context.NewPageAsync();
                    if (email is not null) await page.SignInAsync(app.BaseUrl, email);
                    sessions[key] = page;
                }
                await page.GotoAsync(app.BaseUrl + template.Replace("{verdict}", slug).Replace("{claim}", claimId));
                if (await page.Locator("[data-interactive]").CountAsync() > 0) await page.WaitForInteractiveAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await page.WaitForDataAsync();
                await page.ScreenshotAsync($"ux-{name}-{device}-{scheme}");
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0) overflowing.Add($"{name} {device}: {overflow}px");
            }
            foreach (var page in sessions.Values) await page.Context.DisposeAsync();
        }
        Assert.True(overflowing.Count == 0, "Horizontal overflow: " + string.Join(", ", overflowing));
    }

    private async Task<string> FirstVerdictSlugAsync()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/verdicts");
        return (await page.Locator("a[href*='verdicts/']:not([href*='feed'])").First.GetAttributeAsync("href"))!.Split('/').Last();
    }

    /// <summary>The demo claim with two verdicts that disagree (the richest claim page).</summary>
    private async Task<string> DisputedClaimIdAsync()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        await page.GotoAsync($"{app.BaseUrl}/claims/board");
        await page.WaitForInteractiveAsync();
        var link = page.Locator(".fc-board-column[data-column='AwaitingDecision'] a[href*='claims/']").First;
        await link.WaitForAsync();
        var href = await link.GetAttributeAsync("href");
        return href!.Split('/').Last();
    }
}
