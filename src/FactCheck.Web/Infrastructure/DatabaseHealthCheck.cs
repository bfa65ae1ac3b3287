using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FactCheck.Web.Infrastructure;

/// <summary>/health is healthy only when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<FactCheckDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken) && await db.Roles.AnyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database is not reachable or not initialized.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database failed a query.", ex);
        }
    }
}
