using System.Text.RegularExpressions;
using Microsoft.Playwright;
using FactCheck.Testing;

namespace FactCheck.E2E;

/// <summary>
/// Password reset by e-mail end to end: the app sends through MailKit to a real local SMTP server
/// (aiosmtpd), the link in the received mail sets a new password, and the new password signs in;
/// then the signed-in reader changes it again on the change-password page.
/// </summary>
public sealed partial class MailTests : IAsyncLifetime
{
    private SmtpServer smtp = default!;
    private AppProcess app = default!;
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpServer.StartAsync();
        app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtp.Port.ToString(),
            ["Mail__Smtp__Security"] = "None",
        });
        (playwright, browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_reader_resets_a_forgotten_password_from_the_mailed_link_and_then_changes_it()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        await page.Locator("#forgot-password").ClickAsync();
        // Blazor's enhanced navigation patches the page in place: fill the field once the new form is there.
        await page.Locator("#forgot-submit").WaitForAsync();
        await page.Locator("[id='Input.Email']").FillAsync("reader@factcheck.local");
        await page.Locator("#forgot-submit").ClickAsync();
        try
        {
            await page.Locator("#reset-sent").WaitForAsync();
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"No confirmation. Page:\n{await page.Locator("body").InnerTextAsync()}\nApp:\n{app.Output}\nSMTP:\n{smtp.Received}");
        }

        var received = await smtp.WaitForAsync("Reset your FactCheck password", TimeSpan.FromSeconds(30));
        Assert.Contains("To: reader@factcheck.local", received);
        var link = ResetLink().Match(received).Value;
        Assert.StartsWith(app.BaseUrl + "/Account/ResetPassword?", link);

        await page.GotoAsync(link);
        await page.Locator("[id='Input.Password']").FillAsync("New-pass-2");
        await page.Locator("#reset-submit").ClickAsync();
        await page.Locator("#reset-done").WaitForAsync();

        // The old password no longer works; the new one does.
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        await page.Locator("[id='Input.Email']").FillAsync("reader@factcheck.local");
        await page.Locator("[id='Input.Password']").FillAsync("Demo-pass-1");
        await page.Locator("#login-submit").ClickAsync();
        await page.Locator("#login-error").WaitForAsync();
        await page.SignInAsync(app.BaseUrl, "reader@factcheck.local", "New-pass-2");

        // The same link cannot be used twice.
        await page.GotoAsync(link);
        await page.Locator("[id='Input.Password']").FillAsync("Other-pass-3");
        await page.Locator("#reset-submit").ClickAsync();
        await page.Locator("#reset-error").WaitForAsync();

        await page.GotoAsync($"{app.BaseUrl}/Account/ChangePassword");
        await page.Locator("[id='Input.Current']").FillAsync("wrong-password");
        await page.Locator("[id='Input.New']").FillAsync("Third-pass-4");
        await page.Locator("#change-password-submit").ClickAsync();
        await page.Locator("#password-error").WaitForAsync();
        await page.Locator("[id='Input.Current']").FillAsync("New-pass-2");
        await page.Locator("[id='Input.New']").FillAsync("Third-pass-4");
        await page.Locator("#change-password-submit").ClickAsync();
        await page.Locator("#password-changed").WaitForAsync();

        await using var fresh = await browser.NewContextAsync();
        await (await fresh.NewPageAsync()).SignInAsync(app.BaseUrl, "reader@factcheck.local", "Third-pass-4");
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
