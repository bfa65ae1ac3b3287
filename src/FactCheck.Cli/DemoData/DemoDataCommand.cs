using System.CommandLine;
using FactCheck.Data;
using FactCheck.Data.Generation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Cli.DemoData;

/// <summary>
/// `factcheck demo-data --claims 100000 --connection "Data Source=FILE"`: adds a realistic workspace
/// at scale to a database (migrated first if needed), to measure the app at 100,000 claims.
/// </summary>
public static class DemoDataCommand
{
    public static Command Create()
    {
        var claims = new Option<int>("--claims") { Description = "How many claims to add (20 per generated document).", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed on the same database gives the same data.", DefaultValueFactory = _ => 1 };
        var connection = new Option<string?>("--connection")
        {
            Description = "SQLite connection string; defaults to ConnectionStrings__FactCheck, else data/factcheck.db in the current folder.",
        };
        var command = new Command("demo-data", "Add generated documents, claims, assignments, verdicts, publications and audit rows to a database.") { claims, seed, connection };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(claims), parseResult.GetValue(seed),
            parseResult.GetValue(connection), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int claims, int seed, string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (claims is < 1 or > 10_000_000)
        {
            await error.WriteLineAsync("--claims must be between 1 and 10,000,000.");
            return 2;
        }
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(connectionString is null ? [] : [new("ConnectionStrings:FactCheck", connectionString)])
            .Build();
        var resolved = DatabaseServiceCollectionExtensions.SqliteConnectionString(configuration, Directory.GetCurrentDirectory());
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddFactCheckDatabase(configuration, Directory.GetCurrentDirectory());
        services.AddIdentityCore<ApplicationUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<FactCheckDbContext>();
        await using (var provider = services.BuildServiceProvider())
            await DatabaseInitializer.InitializeAsync(provider, cancellationToken);

        var progress = new Progress<string>(message => error.WriteLine(message));
        var result = await new WorkspaceDataGenerator(resolved, seed).GenerateAsync(claims, progress, cancellationToken);
        await output.WriteLineAsync($"Added {result.Documents:N0} documents, {result.Claims:N0} claims, {result.Assignments:N0} assignments, " +
            $"{result.Verdicts:N0} verdicts, {result.Sources:N0} sources, {result.Comments:N0} comments, {result.Publications:N0} publications, " +
            $"{result.AuditEvents:N0} audit events and {result.UsersCreated} accounts in {result.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
