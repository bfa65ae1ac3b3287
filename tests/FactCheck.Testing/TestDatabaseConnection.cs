using FactCheck.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Testing;

/// <summary>
/// A database of its own for one test (or one test class), on either provider: a SQLite file in a
/// temporary folder, or a database on the shared throwaway PostgreSQL server copied from a migrated
/// template (so it is ready in milliseconds). Its settings are what the app reads from configuration.
/// </summary>
public sealed class TestDatabaseConnection : IAsyncDisposable
{
    /// <summary>The PostgreSQL template every test database is copied from: migrated, with the roles.</summary>
    public const string MigratedTemplate = "factcheck_migrated";

    private readonly PostgresServer? _server;

    private TestDatabaseConnection(DatabaseProvider provider, string connectionString, string folder, PostgresServer? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        _server = server;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>A temporary folder of this test's own (the SQLite file lives here; anything else may too).</summary>
    public string Folder { get; }

    public DatabaseSettings Settings => new(Provider, ConnectionString);

    /// <summary>The two settings, as configuration keys and values.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Configuration =>
    [
        new(DatabaseSettings.ProviderSetting, Provider.ToString()),
        new(DatabaseSettings.ConnectionSetting, ConnectionString),
    ];

    /// <param name="migrated">PostgreSQL only: copy the migrated template (false: an empty database).</param>
    public static async Task<TestDatabaseConnection> CreateAsync(DatabaseProvider provider, bool migrated = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "factcheck-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == DatabaseProvider.Sqlite)
            return new(provider, $"Data Source={Path.Combine(folder, "factcheck.db")}", folder, null);

        var server = await PostgresServer.SharedAsync();
        var connectionString = migrated
            ? await server.CreateDatabaseAsync(MigratedTemplate, MigrateAsync)
            : await server.CreateDatabaseAsync();
        return new(provider, connectionString, folder, server);
    }

    /// <summary>Migrations and roles, exactly as the app does at start.</summary>
    private static async Task MigrateAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new(DatabaseSettings.ProviderSetting, nameof(DatabaseProvider.Postgres)),
            new(DatabaseSettings.ConnectionSetting, connectionString),
        ]).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddFactCheckCore(configuration, Path.GetTempPath());
        await using var provider = services.BuildServiceProvider();
        await DatabaseInitializer.InitializeAsync(provider);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DropDatabaseAsync(ConnectionString);
        else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
