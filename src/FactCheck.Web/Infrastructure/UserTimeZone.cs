using System.Globalization;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// The reader's time zone, as their browser reports it (js/factcheck.js keeps it in the "fc-tz"
/// cookie; stored on the account of a signed-in user), and the one date and time format of the app:
/// "25 Nov 2026, 14:05", in the request culture's words (month names in Arabic on an Arabic page). Times are stored
/// in UTC; only display converts. Without the cookie (first request, no JavaScript) it is UTC, and says so.
/// </summary>
public sealed class UserTimeZone(IHttpContextAccessor http)
{
    public const string CookieName = "fc-tz";
    private TimeZoneInfo? zone;

    /// <summary>The signed-in user's stored zone, else the browser's cookie, else UTC.</summary>
    public TimeZoneInfo Zone => zone ??= Find(
        http.HttpContext?.User.FindFirst(FactCheck.Core.Security.FactCheckClaimsPrincipalFactory.TimeZoneClaim)?.Value ?? http.HttpContext?.Request.Cookies[CookieName]);

    public static TimeZoneInfo Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return TimeZoneInfo.Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(Uri.UnescapeDataString(id), out var found) ? found : TimeZoneInfo.Utc;
    }

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public string DateTime(DateTimeOffset at) => Format(Local(at), Zone, withTime: true);

    public string Date(DateTimeOffset at) => Format(Local(at), Zone, withTime: false);

    /// <summary>
    /// A due date picked as a day in the user's zone: the end of that day there (23:59:59), as the
    /// UTC instant it is stored as. "Due 10 March" in Paris is 10 March 22:59:59 UTC, not 23:59:59 UTC.
    /// </summary>
    public static DateTimeOffset? EndOfDay(System.DateTime? day, TimeZoneInfo zone)
    {
        if (day is not { } d) return null;
        var local = System.DateTime.SpecifyKind(d.Date.AddDays(1).AddSeconds(-1), DateTimeKind.Unspecified);
        // A moment skipped by a clock change cannot be the end of a day, but be safe: step back an hour.
        if (zone.IsInvalidTime(local)) local = local.AddHours(-1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    public DateTimeOffset? EndOfDay(System.DateTime? day) => EndOfDay(day, Zone);

    public static string Format(DateTimeOffset local, TimeZoneInfo zone, bool withTime) =>
        local.ToString(withTime ? "d MMM yyyy, HH:mm" : "d MMM yyyy", FormatCulture)
        + (withTime && zone == TimeZoneInfo.Utc ? " UTC" : "");

    // The request culture's month names on the Gregorian calendar and with Latin digits: the same
    // day reads the same in every language (Arabic cultures may default to another calendar).
    private static CultureInfo FormatCulture
    {
        get
        {
            var culture = CultureInfo.CurrentCulture;
            if (culture.Calendar is GregorianCalendar) return culture;
            var gregorian = (CultureInfo)culture.Clone();
            gregorian.DateTimeFormat.Calendar = new GregorianCalendar();
            return gregorian;
        }
    }
}
