using FactCheck.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Cli;

/// <summary>
/// The app's own services for a command that changes the workspace (users, tokens): the same
/// AddFactCheckCore the web app uses, over --connection or ConnectionStrings__FactCheck (and
/// Database__Provider) from the environment.
/// </summary>
public static class WorkspaceServices
{
    public static ServiceProvider Build(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(connectionString is null ? [] : [new($"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionStringName}", connectionString)])
            .Build();
        var services = new ServiceCollection();
        // Logs go to stderr: stdout carries what scripts read (a token, JSON).
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddFactCheckCore(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}
