using FactCheck.Core.Domain;
using FactCheck.Core.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Cli.Tests.Database;

/// <summary>`factcheck db copy` and `db backup`, run as the built command on real SQLite and PostgreSQL databases.</summary>
public sealed class DbCommandTests : IAsyncLifetime
{
    private TestDatabase _source = default!;

    public async Task InitializeAsync() => _source = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await _source.DisposeAsync();

    private string SourceFile => new SqliteConnectionStringBuilder(_source.ConnectionString).DataSource;

    /// <summary>A workspace with a published verdict, sources, audit rows, an API token and settings.</summary>
    private async Task FillSourceAsync()
    {
        var claimId = await _source.ImportClaimAsync();
        await _source.ImportClaimAsync("Unemployment fell to 4.1% in June, the labour office said.");
        await _source.Review.AssignAsync(_source.Lead, claimId, _source.Alice.UserId!);
        await _source.Review.AddSourceAsync(_source.Alice, claimId, "https://www.un.org/report", "UN report", SourceStance.Refutes, "Figures differ.");
        await _source.Review.SaveVerdictAsync(_source.Alice, claimId, Rating.False, "The UN figure is lower.");
        await _source.Review.PublishAsync(_source.Lead, claimId, Rating.False, "The figure is not supported by the record.");
        await _source.Tokens.CreateAsync(_source.Lead, "Newsroom importer", ["lead"]);
    }

    private static async Task<Dictionary<string, int>> CountsAsync(DatabaseSettings settings)
    {
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(settings);
        var counts = new Dictionary<string, int>();
        foreach (var entityType in DatabaseCopier.InForeignKeyOrder(db.Model))
        {
            var method = typeof(DbCommandTests).GetMethod(nameof(CountOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(entityType.ClrType);
            counts[entityType.GetTableName()!] = await (Task<int>)method.Invoke(null, [db])!;
        }
        return counts;
    }

    private static Task<int> CountOfAsync<T>(Core.Persistence.FactCheckDbContext db) where T : class => db.Set<T>().CountAsync();

    [Fact]
    public async Task Copy_moves_every_table_from_SQLite_into_an_empty_PostgreSQL_database_and_prints_the_counts()
    {
        await FillSourceAsync();
        await using var target = await TestDatabaseConnection.CreateAsync(DatabaseProvider.Postgres, migrated: false);

        var result = await CliProcess.RunAsync(["db", "copy", "--from", $"Data Source={SourceFile}", "--from-provider", "Sqlite",
            "--to", target.ConnectionString, "--to-provider", "Postgres"]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var before = await CountsAsync(_source.Database);
        var after = await CountsAsync(target.Settings);
        Assert.Equal(before, after);
        foreach (var table in new[] { "Claims", "Verdicts", "Publications", "AuditEvents", "AspNetUsers", "AspNetUserRoles", "AspNetRoles", "ApiTokens", "Sources" })
        {
            Assert.True(after[table] > 0, $"{table} should hold rows");
            Assert.Contains(table, result.Output);
        }

        // The copied workspace works on PostgreSQL: search finds a copied claim, and new rows get new keys.
        await using var copied = await TestDatabase.OpenAsync(target.Settings);
        var found = await copied.Queries.ListAsync(_source.Alice, new Core.Review.ClaimQuery { Search = "unemployment" });
        Assert.Single(found.Items);
        var imported = await copied.Importer.ImportAsync(_source.Lead, new Core.Documents.ImportRequest("Trade", "Exports doubled to 12 billion dollars in 2023, the customs office said."));
        Assert.True(imported.Claims[0].Id > before["Claims"]);
    }

    [Fact]
    public async Task Copy_into_a_database_that_already_holds_a_workspace_is_refused_and_writes_nothing()
    {
        await FillSourceAsync();
        await using var target = await TestDatabaseConnection.CreateAsync(DatabaseProvider.Postgres, migrated: true);
        var before = await CountsAsync(target.Settings);

        var result = await CliProcess.RunAsync(["db", "copy", "--from", $"Data Source={SourceFile}", "--to", target.ConnectionString, "--to-provider", "Postgres"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not empty", result.Error);
        Assert.Equal(before, await CountsAsync(target.Settings));
    }

    [Fact]
    public async Task Copy_into_a_database_with_foreign_tables_is_refused_as_unmigrated_and_writes_nothing()
    {
        await using var target = await TestDatabaseConnection.CreateAsync(DatabaseProvider.Postgres, migrated: false);
        var server = await PostgresServer.SharedAsync();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;
        await server.ExecuteAsync("CREATE TABLE inventory (id int)", database);

        var result = await CliProcess.RunAsync(["db", "copy", "--from", $"Data Source={SourceFile}", "--to", target.ConnectionString]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no FactCheck migrations", result.Error);
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(target.Settings);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Copy_from_a_missing_file_or_with_an_unknown_provider_is_refused_and_creates_nothing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "factcheck-cli", Guid.NewGuid().ToString("N"), "nope.db");
        await using var target = await TestDatabaseConnection.CreateAsync(DatabaseProvider.Postgres, migrated: false);

        var fromMissing = await CliProcess.RunAsync(["db", "copy", "--from", $"Data Source={missing}", "--to", target.ConnectionString]);
        var badProvider = await CliProcess.RunAsync(["db", "copy", "--from", $"Data Source={SourceFile}", "--to", target.ConnectionString, "--to-provider", "Oracle"]);

        Assert.Equal(1, fromMissing.ExitCode);
        Assert.Contains("does not exist", fromMissing.Error);
        Assert.False(File.Exists(missing));
        Assert.Equal(2, badProvider.ExitCode);
        Assert.Contains("Sqlite, Postgres", badProvider.Error);
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(target.Settings);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Backup_writes_a_consistent_copy_of_a_live_SQLite_database_and_never_overwrites()
    {
        await FillSourceAsync();
        var file = Path.Combine(Path.GetTempPath(), "factcheck-cli", Guid.NewGuid().ToString("N"), "backup.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        var result = await CliProcess.RunAsync(["db", "backup", "--to", file, "--connection", $"Data Source={SourceFile}"]);
        var again = await CliProcess.RunAsync(["db", "backup", "--to", file, "--connection", $"Data Source={SourceFile}"]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(await CountsAsync(_source.Database), await CountsAsync(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}")));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
