using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FactCheck.Data.Sqlite;

/// <summary>Lets `dotnet ef migrations add` (scripts/add-migration.sh) build the SQLite model without starting the app.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<FactCheckDbContext>
{
    public FactCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FactCheckDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(typeof(SqliteClaimSearch).Assembly.GetName().Name))
            .Options);
}
