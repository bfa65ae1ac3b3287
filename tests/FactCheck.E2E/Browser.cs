using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>Debian's Chromium driven by Playwright; no browser download, flags for a closed network as root.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>What the user sees in the window (a full-page shot would repeat the fixed app bar mid-page).</summary>
    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png") });

    /// <summary>Waits until the interactive circuit has taken over the prerendered page.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

    /// <summary>Waits (up to 10 s) until no loading bar is left, so lists and grids show their rows.</summary>
    public static async Task WaitForDataAsync(this IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => !document.querySelector('.mud-progress-linear.mud-progress-indeterminate, .mud-table-loading')",
                null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // A page may legitimately keep a bar (an import in progress); check what is there.
        }
    }

    public static async Task SignInAsync(this IPage page, string baseUrl, string email, string password = "Demo-pass-1")
    {
        await page.GotoAsync($"{baseUrl}/Account/Login");
        await page.Locator("[id='Input.Email']").FillAsync(email);
        await page.Locator("[id='Input.Password']").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
    }

    /// <summary>Opens a MudSelect and picks an option by its text.</summary>
    public static async Task ChooseAsync(this IPage page, string selectId, string option)
    {
        // Once a value is chosen, MudSelect hides its input; its surrounding control takes the click.
        await page.Locator($"#{selectId}").Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = option }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
    }
}
