using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Postgres;

/// <summary>Turnaround medians on PostgreSQL: percentile_cont over the hours from a claim's creation to its first verdict or publication.</summary>
public sealed class PostgresReviewTurnaroundQuery : IReviewTurnaroundQuery
{
    private static string MedianHours(string table, string timeColumn) => $$"""
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS "Value"
        FROM (
            SELECT (EXTRACT(EPOCH FROM MIN(t."{{timeColumn}}") - c."CreatedAt") / 3600.0)::double precision AS hours
            FROM "Claims" c JOIN "{{table}}" t ON t."ClaimId" = c."Id"
            WHERE c."CreatedAt" >= {0}
            GROUP BY c."Id") durations
        """;

    private static readonly string ToFirstVerdict = MedianHours("Verdicts", "SubmittedAt");
    private static readonly string ToPublication = MedianHours("Publications", "PublishedAt");

    public async Task<ReviewTurnaround> MeasureAsync(FactCheckDbContext db, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        new(await db.Database.SqlQueryRaw<double?>(ToFirstVerdict, since.ToUniversalTime()).SingleAsync(cancellationToken),
            await db.Database.SqlQueryRaw<double?>(ToPublication, since.ToUniversalTime()).SingleAsync(cancellationToken));
}
