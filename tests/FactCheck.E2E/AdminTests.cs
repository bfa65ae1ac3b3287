using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>An admin manages users in the MudBlazor grid: create, change roles, lock and unlock.</summary>
public sealed class AdminTests : BrowserTest
{
    [Fact]
    public async Task An_admin_creates_a_user_and_locks_then_unlocks_it()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, "admin@factcheck.local");
        await page.GotoAsync($"{app.BaseUrl}/admin/users");
        await page.WaitForInteractiveAsync();
        var grid = page.Locator("#users-grid");
        await Assertions.Expect(grid).ToContainTextAsync("alice@factcheck.local");

        await page.Locator("#new-user-email").FillAsync("carol@factcheck.local");
        await page.Locator("#new-user-name").FillAsync("Carol Reviewer");
        await page.Locator("#new-user-password").FillAsync("Carol-pass-1");
        await page.Locator("#new-user-submit").ClickAsync();
        var carol = grid.Locator("tr", new LocatorLocatorOptions { HasText = "carol@factcheck.local" });
        await Assertions.Expect(carol).ToContainTextAsync("Active");

        await carol.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Lock" }).ClickAsync();
        await Assertions.Expect(carol).ToContainTextAsync("Locked");
        await page.ScreenshotAsync("31-admin-users");

        // A locked account cannot sign in.
        await using var other = await browser.NewContextAsync();
        var carolPage = await other.NewPageAsync();
        await carolPage.GotoAsync($"{app.BaseUrl}/Account/Login");
        await carolPage.Locator("[id='Input.Email']").FillAsync("carol@factcheck.local");
        await carolPage.Locator("[id='Input.Password']").FillAsync("Carol-pass-1");
        await carolPage.Locator("#login-submit").ClickAsync();
        await carolPage.WaitForURLAsync(url => url.Contains("/Account/Lockout"));

        await carol.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(carol).ToContainTextAsync("Active");
        await carolPage.SignInAsync(app.BaseUrl, "carol@factcheck.local", "Carol-pass-1");
        Assert.DoesNotContain("/Account/", carolPage.Url);
    }
}
