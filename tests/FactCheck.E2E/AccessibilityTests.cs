using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FactCheck.E2E;

/// <summary>
/// axe-core (bundled with Deque.AxeCore.Playwright, injected into the page) over the main pages of
/// every role, in the light and the dark colour scheme, and the public pages in Arabic (right to left):
/// no serious or critical WCAG 2 A/AA violation.
/// </summary>
public sealed class AccessibilityTests(ITestOutputHelper output) : BrowserTest
{
    protected override IDictionary<string, string>? AppSettings => new Dictionary<string, string> { ["Demo__Story"] = "true" };

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Pages per role and browser language (Accept-Language); {claim}, {document} and {verdict} are
    /// filled from the demo data. Arabic readers get the public site in Arabic, right to left.
    /// </summary>
    private static readonly (string? Email, string Locale, string[] Paths)[] PagesByRole =
    [
        (null, "en-US", ["/verdicts", "/verdicts/{verdict}", "/Account/Login", "/Account/Register"]),
        ("reader@factcheck.local", "en-US", ["/verdicts", "/verdicts/{verdict}", "/my/suggestions"]),
        ("alice@factcheck.local", "en-US", ["/", "/my/assignments", "/claims", "/claims/board", "/claims/{claim}", "/documents", "/documents/{document}"]),
        ("lead@factcheck.local", "en-US", ["/", "/claims", "/claims/{claim}", "/dashboard", "/documents/import", "/inbox", "/exports", "/audit"]),
        ("admin@factcheck.local", "en-US", ["/admin/users", "/admin/tokens", "/admin/settings"]),
        (null, "ar", ["/verdicts", "/verdicts/{verdict}", "/verdicts/{verdict}/v/1", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/not-found"]),
        ("reader@factcheck.local", "ar", ["/verdicts", "/verdicts/{verdict}", "/my/suggestions", "/Account/ChangePassword"]),
    ];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_main_page_for_every_role_has_no_serious_or_critical_axe_violations(string scheme)
    {
        var places = await FindDemoPlacesAsync();
        var failures = new StringBuilder();
        var pageViews = 0;
        var failingViews = 0;
        foreach (var (email, locale, paths) in PagesByRole)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
                ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
                Locale = locale,
            });
            var page = await context.NewPageAsync();
            if (email is not null) await page.SignInAsync(app.BaseUrl, email);
            foreach (var template in paths)
            {
                var path = places.Aggregate(template, (p, place) => p.Replace("{" + place.Key + "}", place.Value));
                await page.GotoAsync(app.BaseUrl + path);
                if (await page.Locator("[data-interactive]").CountAsync() > 0) await page.WaitForInteractiveAsync();
                // The Arabic public pages really are Arabic and right to left (the workspace stays English).
                if (locale == "ar")
                {
                    Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
                    Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
                }
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await page.WaitForDataAsync();
                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
                var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
                pageViews++;
                if (serious.Count == 0) continue;
                failingViews++;
                failures.AppendLine($"{email ?? "anonymous"} {path} ({scheme}, {locale}):");
                foreach (var violation in serious)
                {
                    failures.AppendLine($"  {violation.Id} [{violation.Impact}] {violation.Help}");
                    foreach (var node in violation.Nodes.Take(4))
                        failures.AppendLine($"    {string.Join(" ", node.Target?.ToString() ?? "")} :: {Shorten(node.Html)} :: {Shorten(string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(check => check.Message)))}");
                }
            }
        }
        output.WriteLine($"{failingViews} of {pageViews} page views ({scheme}) have serious or critical violations.");
        output.WriteLine(failures.ToString());
        Assert.True(failingViews == 0, $"{failingViews} of {pageViews} page views ({scheme}) fail:\n{failures}");
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.ReplaceLineEndings(" ") is var line && line.Length > 220 ? line[..220] + "…" : line;

    /// <summary>A claim, a document and a published verdict of the demo data, found as a lead would.</summary>
    private async Task<Dictionary<string, string>> FindDemoPlacesAsync()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, "lead@factcheck.local");
        var places = new Dictionary<string, string>();
        await page.GotoAsync($"{app.BaseUrl}/documents");
        await page.WaitForInteractiveAsync();
        var documentHref = await page.Locator("a[href*='documents/']:not([href*='import'])").First.GetAttributeAsync("href");
        places["document"] = documentHref!.Split('/').Last();
        await page.GotoAsync($"{app.BaseUrl}/claims");
        await page.WaitForInteractiveAsync();
        var claimHref = await page.Locator("a[href*='claims/']:not([href*='board'])").First.GetAttributeAsync("href");
        places["claim"] = claimHref!.Split('/').Last();
        await page.GotoAsync($"{app.BaseUrl}/verdicts");
        var verdictLinks = page.Locator("a[href*='verdicts/']:not([href*='feed'])");
        places["verdict"] = await verdictLinks.CountAsync() > 0 ? (await verdictLinks.First.GetAttributeAsync("href"))!.Split('/').Last() : "none";
        return places;
    }
}
