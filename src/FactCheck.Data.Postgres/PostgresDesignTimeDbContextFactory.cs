using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FactCheck.Data.Postgres;

/// <summary>Lets `dotnet ef migrations add` (scripts/add-migration.sh) build the PostgreSQL model; no server is contacted.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<FactCheckDbContext>
{
    public FactCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FactCheckDbContext>()
            .UseNpgsql("Host=localhost;Database=factcheck_design", npgsql => npgsql.MigrationsAssembly(typeof(PostgresClaimSearch).Assembly.GetName().Name))
            .Options);
}
