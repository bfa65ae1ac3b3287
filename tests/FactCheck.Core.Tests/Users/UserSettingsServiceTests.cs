using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Tests.Users;

/// <summary>Theme and time zone stored on the account, on both providers.</summary>
public abstract class UserSettingsServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private UserSettingsService Settings => db.Services.GetRequiredService<UserSettingsService>();

    [Fact]
    public async Task The_theme_and_time_zone_are_stored_on_the_persons_own_account()
    {
        await Settings.SetThemeAsync(db.Alice, ThemePreference.Dark);
        Assert.True(await Settings.SetTimeZoneAsync(db.Alice, "Europe/Paris"));

        var (alice, bob) = (await UserAsync(db.Alice), await UserAsync(db.Bob));
        Assert.Equal((ThemePreference.Dark, "Europe/Paris"), (alice.ThemePreference, alice.TimeZone));
        Assert.Equal((null, null), (bob.ThemePreference, bob.TimeZone));
    }

    [Fact]
    public async Task The_browsers_zone_at_sign_in_never_replaces_a_stored_one()
    {
        Assert.True(await Settings.SetTimeZoneAsync(db.Alice, "America/New_York", onlyIfUnset: true));
        Assert.False(await Settings.SetTimeZoneAsync(db.Alice, "Asia/Tokyo", onlyIfUnset: true));
        Assert.Equal("America/New_York", (await UserAsync(db.Alice)).TimeZone);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("<script>")]
    public async Task An_unknown_time_zone_is_refused_and_nothing_changes(string zone)
    {
        await Settings.SetTimeZoneAsync(db.Alice, "Europe/Paris");
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => Settings.SetTimeZoneAsync(db.Alice, zone));
        Assert.Contains("not a time zone", refusal.Message);
        Assert.Equal("Europe/Paris", (await UserAsync(db.Alice)).TimeZone);
        await Assert.ThrowsAsync<ValidationException>(() => Settings.SetThemeAsync(db.Alice, (ThemePreference)7));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Settings.SetThemeAsync(db.Anonymous, ThemePreference.Dark));
    }

    private async Task<ApplicationUser> UserAsync(Actor actor)
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        return await context.Users.AsNoTracking().SingleAsync(u => u.Id == actor.UserId);
    }
}

public sealed class UserSettingsServiceTestsOnSqlite() : UserSettingsServiceTests(DatabaseProvider.Sqlite);

public sealed class UserSettingsServiceTestsOnPostgres() : UserSettingsServiceTests(DatabaseProvider.Postgres);
