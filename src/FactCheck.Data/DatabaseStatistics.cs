using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data;

/// <summary>
/// Refreshes the query planner's statistics after a bulk load (a `db copy`, generated demo data):
/// without them PostgreSQL plans the first queries blind until autovacuum gets round to the tables,
/// and cannot use index-only scans until VACUUM has set the visibility map; SQLite's planner
/// likewise picks better indexes with sqlite_stat1 filled in.
/// </summary>
public static class DatabaseStatistics
{
    public static async Task RefreshAsync(FactCheckDbContext db, CancellationToken cancellationToken = default)
    {
        // VACUUM cannot run inside a transaction; EF runs a raw command outside one unless one is open.
        var sql = db.Database.IsNpgsql() ? "VACUUM (ANALYZE)" : "ANALYZE";
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
