using FactCheck.Core.Domain;
using FactCheck.Core.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Data.Tests;

/// <summary>SQLite only: the file and its journal mode.</summary>
public sealed class SqliteFileTests() : DatabaseTest(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task Migrations_create_the_whole_domain_in_a_WAL_mode_file()
    {
        var path = new SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());

        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        foreach (var table in new[] { "Documents", "Claims", "Assignments", "Verdicts", "Sources", "Comments", "Publications", "AuditEvents", "AspNetUsers", "AspNetRoles", "ClaimSearch" })
            Assert.Contains(table, names);
    }

    [Fact]
    public async Task The_migrations_moved_to_their_own_assembly_keep_their_ids_so_existing_databases_stay_current()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var applied = (await context.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(["20261125031001_Initial", "20261125032656_ImportAndTriage", "20261125032938_PublicSite",
            "20261125034449_ReviewWorkspace", "20261125034455_DataProtectionKeys"], applied.Take(5));
    }
}

/// <summary>PostgreSQL only: the search column is maintained by the server and indexed.</summary>
public sealed class PostgresSchemaTests() : DatabaseTest(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Claims_carry_a_gin_indexed_search_vector_kept_in_step_with_the_document_title()
    {
        var claimId = await db.ImportClaimAsync();
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var index = await context.Database.SqlQueryRaw<string>(
            "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Claims' AND indexname = 'IX_Claims_SearchVector'").SingleAsync();
        Assert.Contains("USING gin", index);

        var document = await context.Claims.Where(c => c.Id == claimId).Select(c => c.Document!).SingleAsync();
        document.Title = "Zanzibar fisheries";
        await context.SaveChangesAsync();
        var vector = await context.Database.SqlQueryRaw<string>(
            "SELECT \"SearchVector\"::text AS \"Value\" FROM \"Claims\" WHERE \"Id\" = {0}", claimId).SingleAsync();
        Assert.Contains("'zanzibar':", vector);
    }
}

public abstract class DatabaseTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Migrations_create_every_table_of_the_model()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await context.Documents.CountAsync());
        Assert.Equal(0, await context.AuditEvents.CountAsync());
        Assert.Equal(5, await context.Users.CountAsync());
        Assert.NotEmpty(await context.Roles.ToListAsync());
    }

    [Fact]
    public async Task Pending_migrations_are_none_after_initialization()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_stale_save_of_a_claim_is_a_concurrency_conflict()
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

public sealed class DatabaseTestsOnSqlite() : DatabaseTests(DatabaseProvider.Sqlite);

public sealed class DatabaseTestsOnPostgres() : DatabaseTests(DatabaseProvider.Postgres);

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
    public void An_unknown_provider_is_refused_at_start_with_the_allowed_values()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Database:Provider", "Oracle")]).Build();
        var refused = Assert.Throws<DatabaseConfigurationException>(() =>
            new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddFactCheckDatabase(configuration, Path.GetTempPath()));
        Assert.Contains("Database:Provider 'Oracle'", refused.Message);
        Assert.Contains("Sqlite, Postgres", refused.Message);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("POSTGRES")]
    [InlineData(" Postgres ")]
    public void The_provider_name_is_read_case_insensitively(string value) =>
        Assert.Equal(DatabaseProvider.Postgres, DatabaseSettings.ParseProvider(value));

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Database:Provider", "Postgres")]).Build();
        var refused = Assert.Throws<DatabaseConfigurationException>(() => DatabaseSettings.FromConfiguration(configuration, Path.GetTempPath()));
        Assert.Contains("ConnectionStrings:FactCheck", refused.Message);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_stops_the_start_with_a_message_naming_the_settings()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Database:Provider", "Postgres"),
            new("ConnectionStrings:FactCheck", $"Host=127.0.0.1;Port={closedPort};Database=factcheck;Username=factcheck;Timeout=3"),
        ]).Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLogging();
        services.AddFactCheckCore(configuration, Path.GetTempPath());
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => DatabaseInitializer.InitializeAsync(provider));

        Assert.Contains($"127.0.0.1:{closedPort}/factcheck", refused.Message);
        Assert.Contains("ConnectionStrings:FactCheck", refused.Message);
        Assert.Contains("Database:Provider", refused.Message);
    }
}
