using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FactCheck.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FactCheckDbContext>
{
    public FactCheckDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FactCheckDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design-time.db");
        return new FactCheckDbContext(options.Options);
    }
}
