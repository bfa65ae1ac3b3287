using FactCheck.Core.Domain;
using FactCheck.Core.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace FactCheck.Data.Tests;

public sealed class DatabaseTests : DatabaseTest
{
    [Fact]
    public async Task Migrations_create_the_whole_domain_in_a_WAL_mode_file()
    {
        Assert.True(File.Exists(db.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={db.DatabasePath}");
        await connection.OpenAsync();
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());

        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var table in new[] { "Documents", "Claims", "Assignments", "Verdicts", "Sources", "Comments", "Publications", "AuditEvents", "AspNetUsers", "AspNetRoles" })
            Assert.Contains(table, names);
    }

    [Fact]
    public async Task Pending_migrations_are_none_after_initialization()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_stale_save_of_a_claim_is_a_concurrency_conflict_on_SQLite()
    {
        var claimId = await db.ImportClaimAsync();
        await using var first = await db.DbFactory.CreateDbContextAsync();
        await using var second = await db.DbFactory.CreateDbContextAsync();
        var mine = await first.Claims.SingleAsync(c => c.Id == claimId);
        var theirs = await second.Claims.SingleAsync(c => c.Id == claimId);

        theirs.Priority = ClaimPriority.Urgent;
        await second.SaveChangesAsync();
        mine.Priority = ClaimPriority.Low;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        await using var check = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(ClaimPriority.Urgent, (await check.Claims.SingleAsync(c => c.Id == claimId)).Priority);
    }

    [Fact]
    public async Task Documents_with_claims_cannot_be_hard_deleted()
    {
        var claimId = await db.ImportClaimAsync();
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var document = await context.Documents.SingleAsync(d => d.Claims.Any(c => c.Id == claimId));
        context.Documents.Remove(document);
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }
}

public sealed class ConnectionStringTests
{
    [Fact]
    public void Without_configuration_the_database_is_a_file_in_the_data_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "factcheck-cs", Guid.NewGuid().ToString("N"));
        var connection = new SqliteConnectionStringBuilder(
            DatabaseServiceCollectionExtensions.SqliteConnectionString(new ConfigurationBuilder().Build(), root));
        Assert.Equal(Path.Combine(root, "data", "factcheck.db"), connection.DataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_relative_configured_path_is_resolved_against_the_app_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "factcheck-cs", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:FactCheck", "Data Source=store/fc.db")]).Build();
        var connection = new SqliteConnectionStringBuilder(DatabaseServiceCollectionExtensions.SqliteConnectionString(configuration, root));
        Assert.Equal(Path.Combine(root, "store", "fc.db"), connection.DataSource);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void An_unknown_provider_is_refused_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Database:Provider", "Oracle")]).Build();
        var refused = Assert.Throws<InvalidOperationException>(() =>
            new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddFactCheckDatabase(configuration, Path.GetTempPath()));
        Assert.Contains("Oracle", refused.Message);
    }
}
