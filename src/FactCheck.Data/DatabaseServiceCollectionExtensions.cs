using System.Data.Common;
using FactCheck.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "FactCheck";

    /// <summary>
    /// Registers IDbContextFactory for the configured provider. SQLite is the embedded default: the
    /// database file lives in the app's data folder unless ConnectionStrings:FactCheck says otherwise.
    /// </summary>
    public static IServiceCollection AddFactCheckDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider '{provider}' is not available in this build; use 'Sqlite'.");

        var connectionString = SqliteConnectionString(configuration, contentRoot);
        services.AddDbContextFactory<FactCheckDbContext>(options => ConfigureSqlite(options, connectionString));
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(DatabaseServiceCollectionExtensions).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance);

    /// <summary>The configured connection string, or a file in the data folder; the folder is created.</summary>
    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(configuration["Data:Folder"] ?? Path.Combine(contentRoot, "data"), "factcheck.db")}"
            : configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var fullPath = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            builder.DataSource = fullPath;
        }
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}

/// <summary>
/// Per-connection SQLite settings: a busy timeout so concurrent writers wait instead of failing with
/// "database is locked" (efcore #29514), and foreign keys on. WAL is set once by the initializer
/// (it is stored in the database file).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
