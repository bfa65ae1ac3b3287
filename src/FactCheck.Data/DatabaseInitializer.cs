using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data;

/// <summary>Brings the database to the current schema and makes sure the roles exist.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            else
                await EnsureReachableAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            await PublicationSnapshotBackfill.RunAsync(db, cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseInitializer)).LogInformation("Database ready");
    }

    /// <summary>
    /// Opens one connection first, so a server that cannot be reached (or refuses the login) stops
    /// the start with a message naming the settings to check, not a stack of socket errors.
    /// </summary>
    private static async Task EnsureReachableAsync(FactCheckDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            var where = DatabaseServiceCollectionExtensions.DescribePostgres(db.Database.GetConnectionString() ?? "");
            throw new DatabaseUnavailableException(
                $"Cannot reach the PostgreSQL database {where}: {ex.GetBaseException().Message} Check {DatabaseSettings.ConnectionSetting} and {DatabaseSettings.ProviderSetting}.", ex);
        }
    }
}

/// <summary>The configured database cannot be reached at start; the message names the settings.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
