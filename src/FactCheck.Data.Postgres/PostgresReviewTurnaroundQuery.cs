using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Postgres;

/// <summary>Turnaround medians on PostgreSQL: percentile_cont over the hours from a claim's creation to its first verdict or publication.</summary>
public sealed class PostgresReviewTurnaroundQuery : IReviewTurnaroundQuery
{
    private static string MedianHours(string table, string timeColumn) => $"""
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (EXTRACT(EPOCH FROM firsts.first - c."CreatedAt") / 3600.0)::double precision) AS "Value"
        FROM (SELECT "ClaimId", MIN("{timeColumn}") AS first FROM "{table}" GROUP BY "ClaimId") firsts
        JOIN "Claims" c ON c."Id" = firsts."ClaimId"
        """;

    private static readonly string ToFirstVerdict = MedianHours("Verdicts", "SubmittedAt");
    private static readonly string ToPublication = MedianHours("Publications", "PublishedAt");

    public async Task<ReviewTurnaround> MeasureAsync(FactCheckDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.Database.SqlQueryRaw<double?>(ToFirstVerdict).SingleAsync(cancellationToken),
            await db.Database.SqlQueryRaw<double?>(ToPublication).SingleAsync(cancellationToken));
}
