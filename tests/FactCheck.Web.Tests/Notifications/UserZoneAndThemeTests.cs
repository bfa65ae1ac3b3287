using System.Net;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Web.Infrastructure;
using FactCheck.Web.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Notifications;

/// <summary>Due dates picked as a day in the user's zone, and theme and zone kept on the account rather than per browser.</summary>
public sealed class UserZoneAndThemeTests(FactCheckWebFactory factory) : IClassFixture<FactCheckWebFactory>
{
    [Theory]
    [InlineData("Europe/Paris", "2026-03-10", "2026-03-10T22:59:59Z")]  // UTC+1 in winter
    [InlineData("Europe/Paris", "2026-07-10", "2026-07-10T21:59:59Z")]  // UTC+2 in summer
    [InlineData("America/New_York", "2026-03-08", "2026-03-09T03:59:59Z")] // the day the clocks go forward: EDT by night
    [InlineData("Asia/Tokyo", "2026-01-01", "2026-01-01T14:59:59Z")]
    [InlineData("UTC", "2026-01-01", "2026-01-01T23:59:59Z")]
    public void A_due_day_is_the_end_of_that_day_in_the_users_zone_stored_as_utc(string zone, string day, string expectedUtc)
    {
        var due = UserTimeZone.EndOfDay(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), due);
        Assert.Equal(TimeSpan.Zero, due!.Value.Offset);
        Assert.Null(UserTimeZone.EndOfDay(null, TimeZoneInfo.Utc));
    }

    [Fact]
    public async Task The_first_sign_in_stores_the_browsers_zone_and_the_theme_follows_the_person_to_another_browser()
    {
        const string email = "zone-reader@example.org";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Zone Reader", EmailConfirmed = true }, "Reader-pass-1")).Succeeded);
        }
        var browser = factory.CreateBrowserClient();
        browser.DefaultRequestHeaders.Add("Cookie", $"{UserTimeZone.CookieName}={Uri.EscapeDataString("Europe/Paris")}");
        Assert.Equal(HttpStatusCode.Redirect, (await FactCheckWebFactory.PostLoginAsync(browser, email, "Reader-pass-1")).StatusCode);
        Assert.Equal("Europe/Paris", (await UserAsync(email)).TimeZone);

        // Dark, chosen in this browser while signed in, is stored on the account.
        var page = await browser.GetStringAsync("/verdicts");
        var chosen = await browser.PostAsync("/preferences/scheme", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PublishedSite.AntiforgeryToken(page), ["scheme"] = "dark", ["returnUrl"] = "/verdicts",
        }));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(ThemePreference.Dark, (await UserAsync(email)).ThemePreference);

        // Another browser (no scheme cookie) shows dark always once this person signs in; anonymous, it follows the system.
        var other = factory.CreateBrowserClient();
        Assert.Contains("prefers-color-scheme: dark", await other.GetStringAsync("/verdicts"));
        await FactCheckWebFactory.PostLoginAsync(other, email, "Reader-pass-1");
        var signedIn = await other.GetStringAsync("/verdicts");
        Assert.DoesNotContain("prefers-color-scheme: dark", signedIn);
        Assert.Contains("html:root", signedIn);
    }

    private async Task<ApplicationUser> UserAsync(string email)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }
}
