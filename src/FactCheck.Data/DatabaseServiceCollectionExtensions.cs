using System.Data.Common;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using FactCheck.Data.Postgres;
using FactCheck.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FactCheck.Data;

/// <summary>The database engines FactCheck runs on (setting Database:Provider).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded, one file; the default.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server, for several instances (scale-out).</summary>
    Postgres,
}

/// <summary>The provider and connection string chosen from configuration, checked before anything is registered.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderSetting = "Database:Provider";
    public const string ConnectionSetting = "ConnectionStrings:" + DatabaseServiceCollectionExtensions.ConnectionStringName;

    public static string AllowedProviders => string.Join(", ", Enum.GetNames<DatabaseProvider>());

    /// <summary>Parses a provider name, case-insensitively; anything else is refused with the allowed values.</summary>
    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        if (Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider))
            return provider;
        throw new DatabaseConfigurationException($"{ProviderSetting} '{value}' is not supported; use one of: {AllowedProviders}.");
    }

    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var provider = ParseProvider(configuration[ProviderSetting]);
        var configured = configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName);
        return provider switch
        {
            DatabaseProvider.Postgres => new(provider, string.IsNullOrWhiteSpace(configured)
                ? throw new DatabaseConfigurationException($"{ProviderSetting} is Postgres but {ConnectionSetting} is not set; give a connection string such as \"Host=localhost;Database=factcheck;Username=factcheck;Password=...\".")
                : configured),
            _ => new(provider, DatabaseServiceCollectionExtensions.SqliteConnectionString(configuration, contentRoot)),
        };
    }
}

/// <summary>Database:Provider or ConnectionStrings:FactCheck is wrong; the message says which and what is allowed.</summary>
public sealed class DatabaseConfigurationException(string message) : InvalidOperationException(message);

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "FactCheck";

    /// <summary>
    /// Registers IDbContextFactory and the full-text search for the configured provider. SQLite is the
    /// embedded default: the database file lives in the app's data folder unless
    /// ConnectionStrings:FactCheck says otherwise.
    /// </summary>
    public static IServiceCollection AddFactCheckDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot) =>
        services.AddFactCheckDatabase(DatabaseSettings.FromConfiguration(configuration, contentRoot));

    public static IServiceCollection AddFactCheckDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddDbContextFactory<FactCheckDbContext>(options => Configure(options, settings));
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<IClaimSearch, PostgresClaimSearch>();
            services.AddSingleton<IReviewTurnaroundQuery, PostgresReviewTurnaroundQuery>();
        }
        else
        {
            services.AddSingleton<IClaimSearch, SqliteClaimSearch>();
            services.AddSingleton<IReviewTurnaroundQuery, SqliteReviewTurnaroundQuery>();
        }
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings) => settings.Provider switch
    {
        DatabaseProvider.Postgres => ConfigurePostgres(options, settings.ConnectionString),
        _ => ConfigureSqlite(options, settings.ConnectionString),
    };

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteClaimSearch).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance);

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresClaimSearch).Assembly.GetName().Name));

    /// <summary>A context on one connection string, outside dependency injection (db copy, tests).</summary>
    public static FactCheckDbContext CreateContext(DatabaseSettings settings) =>
        new(((DbContextOptionsBuilder<FactCheckDbContext>)Configure(new DbContextOptionsBuilder<FactCheckDbContext>(), settings)).Options);

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

    /// <summary>The server and database a PostgreSQL connection string names, without its password (for messages).</summary>
    public static string DescribePostgres(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
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
