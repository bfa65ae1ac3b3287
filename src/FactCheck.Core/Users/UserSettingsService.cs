using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Users;

/// <summary>
/// A person's own display settings, kept on their account so they follow them to every browser:
/// the colour scheme and the time zone every date is shown in (an IANA id such as "Europe/Paris").
/// </summary>
public sealed class UserSettingsService(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public async Task SetThemeAsync(Actor actor, ThemePreference theme, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        if (!Enum.IsDefined(theme)) throw new ValidationException("Choose system, light or dark.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.ThemePreference, theme), cancellationToken);
    }

    /// <summary>
    /// Stores the time zone; with <paramref name="onlyIfUnset"/> (the first sign-in, from the browser)
    /// a zone the person already has is kept. Returns whether it was stored.
    /// </summary>
    public async Task<bool> SetTimeZoneAsync(Actor actor, string? timeZoneId, bool onlyIfUnset = false, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        var id = NormalizeTimeZone(timeZoneId) ?? throw new ValidationException($"“{timeZoneId}” is not a time zone this server knows; use an IANA name such as Europe/Paris.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.Where(u => u.Id == userId);
        if (onlyIfUnset) users = users.Where(u => u.TimeZone == null);
        return await users.ExecuteUpdateAsync(set => set.SetProperty(u => u.TimeZone, id), cancellationToken) > 0;
    }

    /// <summary>The IANA id of a zone this server knows (Windows ids are converted), or null.</summary>
    public static string? NormalizeTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return null;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)) return null;
        if (zone.HasIanaId) return zone.Id;
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
    }
}
