using System.CommandLine;
using FactCheck.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace FactCheck.Cli.Database;

/// <summary>
/// `factcheck db copy` moves a workspace between databases (SQLite to PostgreSQL); `factcheck db
/// backup` takes a consistent copy of a live SQLite database.
/// </summary>
public static class DbCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Source connection string, e.g. \"Data Source=data/factcheck.db\".", Required = true };
        var fromProvider = new Option<string>("--from-provider") { Description = "Source provider: Sqlite (default) or Postgres.", DefaultValueFactory = _ => "Sqlite" };
        var to = new Option<string>("--to") { Description = "Target connection string, e.g. \"Host=localhost;Database=factcheck;Username=factcheck;Password=...\".", Required = true };
        var toProvider = new Option<string>("--to-provider") { Description = "Target provider: Postgres (default) or Sqlite.", DefaultValueFactory = _ => "Postgres" };
        var copy = new Command("copy", "Copy every table into an empty database (migrated first when it has no tables), then compare the counts.") { from, fromProvider, to, toProvider };
        copy.SetAction((parseResult, cancellationToken) => CopyAsync(parseResult.GetValue(from)!, parseResult.GetValue(fromProvider), parseResult.GetValue(to)!,
            parseResult.GetValue(toProvider), Console.Out, Console.Error, cancellationToken));

        var file = new Option<string>("--to") { Description = "The backup file to write (must not exist).", Required = true };
        var connection = new Option<string?>("--connection") { Description = "SQLite connection string; defaults to ConnectionStrings__FactCheck, else data/factcheck.db in the current folder." };
        var backup = new Command("backup", "Write a consistent copy of a SQLite database while the app keeps running.") { file, connection };
        backup.SetAction((parseResult, cancellationToken) => BackupAsync(parseResult.GetValue(file)!, parseResult.GetValue(connection), Console.Out, Console.Error, cancellationToken));

        return new Command("db", "Move or back up the workspace database.") { copy, backup };
    }

    public static async Task<int> CopyAsync(string from, string? fromProvider, string to, string? toProvider, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        DatabaseSettings source, target;
        try
        {
            source = Settings(DatabaseSettings.ParseProvider(fromProvider), from);
            target = Settings(DatabaseSettings.ParseProvider(toProvider ?? nameof(DatabaseProvider.Postgres)), to);
        }
        catch (DatabaseConfigurationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        try
        {
            await output.WriteLineAsync($"Copying {source.Provider} -> {target.Provider} ...");
            var tables = await new DatabaseCopier(source, target, output).CopyAsync(cancellationToken);
            await output.WriteLineAsync("Rows per table (source = target):");
            foreach (var table in tables) await output.WriteLineAsync($"{table.Table,-28} {table.SourceRows,10} = {table.TargetRows,10}");
            await output.WriteLineAsync($"Done: {tables.Count} tables, {tables.Sum(t => t.TargetRows)} rows.");
            return 0;
        }
        catch (DatabaseCopyRefusedException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>A SQLite path is taken as given (relative to the current folder); the file is never created here.</summary>
    private static DatabaseSettings Settings(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Sqlite) return new(provider, connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource)) builder.DataSource = Path.GetFullPath(builder.DataSource);
        return new(provider, builder.ToString());
    }

    public static async Task<int> BackupAsync(string file, string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(connectionString is null ? [] : [new(DatabaseSettings.ConnectionSetting, connectionString)])
            .Build();
        if (DatabaseSettings.ParseProvider(configuration[DatabaseSettings.ProviderSetting]) != DatabaseProvider.Sqlite && connectionString is null)
        {
            await error.WriteLineAsync("db backup is for SQLite; back up PostgreSQL with pg_dump.");
            return 2;
        }
        var configured = configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName);
        var source = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/factcheck.db" : configured);
        source.DataSource = Path.GetFullPath(source.DataSource);
        if (!File.Exists(source.DataSource))
        {
            await error.WriteLineAsync($"The database file '{source.DataSource}' does not exist.");
            return 1;
        }
        var destination = Path.GetFullPath(file);
        if (File.Exists(destination))
        {
            await error.WriteLineAsync($"'{destination}' already exists; choose a new file.");
            return 1;
        }
        source.Mode = SqliteOpenMode.ReadOnly;
        source.Pooling = false;
        await using var from = new SqliteConnection(source.ToString());
        await from.OpenAsync(cancellationToken);
        await using var into = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        await into.OpenAsync(cancellationToken);
        // SQLite's online backup: a consistent snapshot, while the app goes on writing.
        from.BackupDatabase(into);
        await output.WriteLineAsync($"Backed up {source.DataSource} to {destination} ({new FileInfo(destination).Length:N0} bytes).");
        return 0;
    }
}
