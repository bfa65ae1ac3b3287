using System.Net;
using System.Text.RegularExpressions;
using FactCheck.Web.Tests.Api;
using FactCheck.Web.Tests.Security;

namespace FactCheck.Web.Tests.Notifications;

/// <summary>
/// Identity:RequireConfirmedEmail over HTTP with a real local SMTP server: a new reader is not signed
/// in, cannot sign in before confirming (and is told so, with a way to get the link again), and can
/// after opening the mailed link.
/// </summary>
public sealed partial class EmailConfirmationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private SmtpServer smtp = default!;
    private FactCheckWebFactory factory = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpServer.StartAsync();
        factory = new FactCheckWebFactory { Settings = smtp.AppSettings(("Notifications:Mail:Enabled", "false"), ("Identity:RequireConfirmedEmail", "true")) };
        _ = factory.Server;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_new_reader_signs_in_only_after_opening_the_mailed_confirmation_link()
    {
        const string email = "new-reader@example.org";
        var client = factory.CreateBrowserClient();
        var registered = await HardeningTests.RegisterAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.EndsWith("/Account/ResendConfirmation?registered=true", registered.Headers.Location?.OriginalString);
        Assert.DoesNotContain(registered.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("FactCheck.Auth="));
        Assert.Contains("We mailed you a link", await client.GetStringAsync("/Account/ResendConfirmation?registered=true"));

        // The right password, unconfirmed: told to confirm, with a link to get it again; a wrong one learns nothing.
        var early = await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), email, "Reader-pass-1");
        var earlyPage = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Confirm your e-mail address first", earlyPage);
        Assert.Contains("Account/ResendConfirmation?email=new-reader%40example.org", earlyPage);
        var wrong = await (await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), email, "Not-the-pass-1")).Content.ReadAsStringAsync();
        Assert.Contains("Wrong e-mail or password.", wrong);
        Assert.DoesNotContain("Confirm your e-mail", wrong);

        // Asking again sends a second link; either one confirms.
        var resendPage = await client.GetStringAsync("/Account/ResendConfirmation");
        var resent = await client.PostAsync("/Account/ResendConfirmation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PublishedSite.AntiforgeryToken(resendPage),
            ["_handler"] = "resend-confirmation",
            ["Input.Email"] = email,
        }));
        Assert.Contains("a new link is on its way", await resent.Content.ReadAsStringAsync());
        var mails = await smtp.WaitForMessagesAsync(email, 2, Patience);
        Assert.All(mails, m => Assert.Equal("Confirm your FactCheck account", m.Subject));

        var link = new Uri(ConfirmationLink().Match(mails[^1].TextBody ?? "").Value);
        var confirmed = await client.GetStringAsync(link.PathAndQuery);
        Assert.Contains("your e-mail address is confirmed", confirmed);

        Assert.Equal(HttpStatusCode.Redirect, (await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), email, "Reader-pass-1")).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_cut_confirmation_link_confirms_nothing()
    {
        const string email = "forger@example.org";
        var client = factory.CreateBrowserClient();
        await HardeningTests.RegisterAsync(client, email);
        var mail = Assert.Single(await smtp.WaitForMessagesAsync(email, 1, Patience));
        var link = new Uri(ConfirmationLink().Match(mail.TextBody ?? "").Value);
        var userId = System.Web.HttpUtility.ParseQueryString(link.Query)["userId"];

        foreach (var bad in new[] { $"/Account/ConfirmEmail?userId={userId}&code=Zm9yZ2Vk", $"/Account/ConfirmEmail?userId={userId}&code=%%%", "/Account/ConfirmEmail", $"/Account/ConfirmEmail?userId=nobody&code=Zm9yZ2Vk" })
            Assert.Contains("This confirmation link is not valid", await client.GetStringAsync(bad));
        Assert.Contains("Confirm your e-mail address first",
            await (await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), email, "Reader-pass-1")).Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmationLink();
}
