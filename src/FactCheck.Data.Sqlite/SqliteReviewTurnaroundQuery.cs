using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Sqlite;

/// <summary>
/// Turnaround medians on SQLite. Times are stored by EF's DateTimeOffsetToBinaryConverter:
/// (local ticks / 1000) shifted left 11 bits, with the offset in minutes in the low 11 bits (signed);
/// <see cref="UtcUnits"/> turns that back into a UTC instant in units of 1,000 ticks (0.1 ms), so
/// differences are plain integer arithmetic (36,000,000 units an hour). The median is the middle row (or the mean of the two
/// middle rows) of the ordered durations.
/// </summary>
public sealed class SqliteReviewTurnaroundQuery : IReviewTurnaroundQuery
{
    private static string UtcUnits(string column) =>
        $"(({column} >> 11) - (CASE WHEN ({column} & 2047) >= 1024 THEN ({column} & 2047) - 2048 ELSE ({column} & 2047) END) * 600000)";

    private static string MedianHours(string table, string timeColumn) => $$"""
        WITH durations AS (
            SELECT (MIN({{UtcUnits($"t.\"{timeColumn}\"")}}) - {{UtcUnits("c.\"CreatedAt\"")}}) / 36000000.0 AS hours
            FROM "Claims" c JOIN "{{table}}" t ON t."ClaimId" = c."Id"
            WHERE c."CreatedAt" >= {0}
            GROUP BY c."Id"),
        ordered AS (
            SELECT hours, ROW_NUMBER() OVER (ORDER BY hours) AS position, COUNT(*) OVER () AS total FROM durations)
        SELECT AVG(hours) AS "Value" FROM ordered WHERE position IN ((total + 1) / 2, (total + 2) / 2)
        """;

    private static readonly string ToFirstVerdict = MedianHours("Verdicts", "SubmittedAt");
    private static readonly string ToPublication = MedianHours("Publications", "PublishedAt");

    public async Task<ReviewTurnaround> MeasureAsync(FactCheckDbContext db, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        // The stored form of the instant (as EF compares it everywhere else), so the CreatedAt index serves the range.
        var stored = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(since.ToUniversalTime())!;
        return new(await db.Database.SqlQueryRaw<double?>(ToFirstVerdict, stored).SingleAsync(cancellationToken),
            await db.Database.SqlQueryRaw<double?>(ToPublication, stored).SingleAsync(cancellationToken));
    }
}
