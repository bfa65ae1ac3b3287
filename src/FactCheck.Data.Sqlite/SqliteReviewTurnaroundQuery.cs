using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Sqlite;

/// <summary>
/// Turnaround medians on SQLite. Times are stored by EF's DateTimeOffsetToBinaryConverter:
/// (local ticks / 1000) shifted left 11 bits, with the offset in minutes in the low 11 bits (signed);
/// <see cref="UtcUnits"/> turns that back into a UTC instant in units of 1,000 ticks (0.1 ms), so
/// differences are plain integer arithmetic. The median is the middle row (or the mean of the two
/// middle rows) of the ordered durations.
/// </summary>
public sealed class SqliteReviewTurnaroundQuery : IReviewTurnaroundQuery
{
    /// <summary>1,000-tick units in an hour.</summary>
    private const double UnitsPerHour = 36_000_000.0;

    private static string UtcUnits(string column) =>
        $"(({column} >> 11) - (CASE WHEN ({column} & 2047) >= 1024 THEN ({column} & 2047) - 2048 ELSE ({column} & 2047) END) * 600000)";

    private static string MedianHours(string table, string timeColumn) => $"""
        WITH firsts AS (
            SELECT "ClaimId", MIN({UtcUnits($"\"{timeColumn}\"")}) AS first FROM "{table}" GROUP BY "ClaimId"),
        durations AS (
            SELECT (firsts.first - {UtcUnits("c.\"CreatedAt\"")}) / {UnitsPerHour:F1} AS hours FROM firsts JOIN "Claims" c ON c."Id" = firsts."ClaimId"),
        ordered AS (
            SELECT hours, ROW_NUMBER() OVER (ORDER BY hours) AS position, COUNT(*) OVER () AS total FROM durations)
        SELECT AVG(hours) AS "Value" FROM ordered WHERE position IN ((total + 1) / 2, (total + 2) / 2)
        """;

    private static readonly string ToFirstVerdict = MedianHours("Verdicts", "SubmittedAt");
    private static readonly string ToPublication = MedianHours("Publications", "PublishedAt");

    public async Task<ReviewTurnaround> MeasureAsync(FactCheckDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.Database.SqlQueryRaw<double?>(ToFirstVerdict).SingleAsync(cancellationToken),
            await db.Database.SqlQueryRaw<double?>(ToPublication).SingleAsync(cancellationToken));
}
