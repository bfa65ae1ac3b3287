using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>Base for browser tests: the app in its own process and Debian's Chromium, per test class.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected AppProcess app { get; private set; } = default!;
    protected IBrowser browser { get; private set; } = default!;
    private IPlaywright playwright = default!;

    /// <summary>Settings for the app under test (environment variables), e.g. Demo__Story=true.</summary>
    protected virtual IDictionary<string, string>? AppSettings => null;

    public virtual async Task InitializeAsync()
    {
        app = await AppProcess.StartAsync(AppSettings);
        (playwright, browser) = await Browser.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.DisposeAsync();
    }
}
