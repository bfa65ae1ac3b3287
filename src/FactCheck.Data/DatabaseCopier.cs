using System.Reflection;
using FactCheck.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FactCheck.Data;

/// <summary>The copy was refused before anything was written; the message says why.</summary>
public sealed class DatabaseCopyRefusedException(string message) : Exception(message);

/// <summary>One table's row counts after a copy.</summary>
public sealed record CopiedTable(string Table, int SourceRows, int TargetRows);

/// <summary>
/// `factcheck db copy`: moves a whole workspace from one database to another (typically SQLite to
/// PostgreSQL). Every table of the EF model is copied, so tables added later are included without
/// change here; principals before dependents (foreign-key order), in batches of one transaction
/// each, through EF so each provider's conversions apply (SQLite stores times as ticks, PostgreSQL as
/// timestamptz). The target must be empty; a database with no tables at all is migrated first.
/// Identity sequences are moved past the copied keys, and the counts are compared per table.
/// </summary>
public sealed class DatabaseCopier(DatabaseSettings source, DatabaseSettings target, TextWriter log)
{
    public const int BatchSize = 1000;

    public async Task<IReadOnlyList<CopiedTable>> CopyAsync(CancellationToken cancellationToken = default)
    {
        await using var from = DatabaseServiceCollectionExtensions.CreateContext(source);
        await using var to = DatabaseServiceCollectionExtensions.CreateContext(target);
        await CheckSourceAsync(from, cancellationToken);
        await PrepareTargetAsync(to, cancellationToken);

        var results = new List<CopiedTable>();
        foreach (var entityType in InForeignKeyOrder(from.Model))
        {
            var copy = typeof(DatabaseCopier).GetMethod(nameof(CopyEntitiesAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType);
            var copied = await (Task<int>)copy.Invoke(this, [entityType, cancellationToken])!;
            var targetCount = await CountAsync(target, entityType, cancellationToken);
            results.Add(new CopiedTable(entityType.GetTableName()!, copied, targetCount));
        }
        await using (var fix = DatabaseServiceCollectionExtensions.CreateContext(target))
        {
            await MoveIdentitySequencesAsync(fix, cancellationToken);
            await log.WriteLineAsync("Refreshing the target's planner statistics.");
            await DatabaseStatistics.RefreshAsync(fix, cancellationToken);
        }

        var wrong = results.Where(r => r.SourceRows != r.TargetRows).ToList();
        if (wrong.Count > 0)
            throw new InvalidOperationException("Counts differ after the copy: " + string.Join(", ", wrong.Select(w => $"{w.Table} {w.SourceRows} -> {w.TargetRows}")));
        return results;
    }

    private async Task CheckSourceAsync(FactCheckDbContext from, CancellationToken cancellationToken)
    {
        if (source.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            if (string.IsNullOrEmpty(file) || !File.Exists(file))
                throw new DatabaseCopyRefusedException($"The source database file '{file}' does not exist; nothing was copied.");
        }
        if (!await from.Database.CanConnectAsync(cancellationToken))
            throw new DatabaseCopyRefusedException("Cannot connect to the source database; nothing was copied.");
        var pending = (await from.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            throw new DatabaseCopyRefusedException($"The source database is not at the current schema ({pending.Count} migration(s) pending, e.g. {pending[0]}): start the app on it once to migrate it, then copy. Nothing was copied.");
    }

    private async Task PrepareTargetAsync(FactCheckDbContext to, CancellationToken cancellationToken)
    {
        if (!await to.Database.CanConnectAsync(cancellationToken))
            throw new DatabaseCopyRefusedException("Cannot connect to the target database (create it first, e.g. createdb); nothing was copied.");
        var applied = (await to.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (applied.Count == 0)
        {
            if (await HasAnyTableAsync(to, cancellationToken))
                throw new DatabaseCopyRefusedException("The target database has tables but no FactCheck migrations: it is not a FactCheck database. Use an empty database; nothing was copied.");
            await log.WriteLineAsync("Target has no tables: applying the migrations.");
            await to.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            var pending = (await to.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
                throw new DatabaseCopyRefusedException($"The target database is not migrated to the current schema ({pending.Count} migration(s) pending). Use an empty database; nothing was copied.");
        }
        foreach (var entityType in InForeignKeyOrder(to.Model))
        {
            var rows = await CountAsync(target, entityType, cancellationToken);
            if (rows > 0)
                throw new DatabaseCopyRefusedException($"The target database is not empty: {entityType.GetTableName()} has {rows} row(s). Copy into a new, empty database; nothing was copied.");
        }
    }

    private static async Task<bool> HasAnyTableAsync(FactCheckDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table'";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync(cancellationToken) > 0;
    }

    private async Task<int> CopyEntitiesAsync<TEntity>(IEntityType entityType, CancellationToken cancellationToken) where TEntity : class
    {
        await using var from = DatabaseServiceCollectionExtensions.CreateContext(source);
        var keys = entityType.FindPrimaryKey()!.Properties;
        // Every row, including a document still being imported (hidden by the query filters elsewhere).
        IQueryable<TEntity> rows = from.Set<TEntity>().IgnoreQueryFilters().AsNoTracking();
        // Key order, so rows that point at earlier rows of the same table arrive after them.
        rows = rows.OrderBy(e => EF.Property<object>(e, keys[0].Name));
        var copied = 0;
        var batch = new List<TEntity>(BatchSize);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                copied += await WriteBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0) copied += await WriteBatchAsync(batch, cancellationToken);
        await log.WriteLineAsync($"  {entityType.GetTableName()}: {copied}");
        return copied;
    }

    /// <summary>One transaction per batch: a failed batch leaves nothing of itself behind.</summary>
    private async Task<int> WriteBatchAsync<TEntity>(List<TEntity> batch, CancellationToken cancellationToken) where TEntity : class
    {
        await using var to = DatabaseServiceCollectionExtensions.CreateContext(target);
        to.ChangeTracker.AutoDetectChangesEnabled = false;
        to.AnnounceToWebhooks = false;
        await using var transaction = await to.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in batch)
        {
            var entry = to.Add(row);
            // PostgreSQL stores instants as UTC (timestamptz) and refuses other offsets.
            if (target.Provider == DatabaseProvider.Postgres)
                foreach (var property in entry.Properties)
                    if (property.CurrentValue is DateTimeOffset instant && instant.Offset != TimeSpan.Zero)
                        property.CurrentValue = instant.ToUniversalTime();
        }
        await to.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private static async Task<int> CountAsync(DatabaseSettings settings, IEntityType entityType, CancellationToken cancellationToken)
    {
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(settings);
        var count = typeof(DatabaseCopier).GetMethod(nameof(CountEntitiesAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entityType.ClrType);
        return await (Task<int>)count.Invoke(null, [db, cancellationToken])!;
    }

    private static Task<int> CountEntitiesAsync<TEntity>(FactCheckDbContext db, CancellationToken cancellationToken) where TEntity : class =>
        db.Set<TEntity>().IgnoreQueryFilters().CountAsync(cancellationToken);

    /// <summary>Rows copied with their keys leave PostgreSQL's identity sequences behind: move each past the highest key.</summary>
    private static async Task MoveIdentitySequencesAsync(FactCheckDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return;
        foreach (var entityType in db.Model.GetEntityTypes())
        foreach (var key in entityType.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
        {
            var table = entityType.GetTableName()!;
            var column = key.GetColumnName();
            // Names come from the EF model, never from input.
            var sql = $"""
                SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"
                """;
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    /// <summary>Entity types mapped to tables, each after the tables its foreign keys point at.</summary>
    public static IReadOnlyList<IEntityType> InForeignKeyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned() && t.FindPrimaryKey() is not null).ToList();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType type)
        {
            if (ordered.Contains(type) || !visiting.Add(type)) return;
            foreach (var principal in type.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != type && types.Contains(p)))
                Visit(principal);
            ordered.Add(type);
        }
        foreach (var type in types.OrderBy(t => t.GetTableName(), StringComparer.Ordinal)) Visit(type);
        return ordered;
    }
}
