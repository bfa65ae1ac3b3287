using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FactCheck.Testing;

/// <summary>
/// Debian's PostgreSQL as a throwaway server: initdb and pg_ctl in a temporary folder, on a free
/// loopback port, trust authentication, no fsync (test data only). When the tests run as root the
/// folder belongs to the `postgres` user and the server runs as that user (PostgreSQL refuses
/// root). One server per test process (<see cref="SharedAsync"/>), stopped when the process ends;
/// each test gets its own database, cheaply copied from a template (<see cref="CreateDatabaseAsync"/>).
/// test.sh installs the `postgresql` package when it is missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync());

    private readonly string _folder;
    private readonly string _binFolder;
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private readonly Dictionary<string, bool> _templates = [];
    private bool _stopped;

    private PostgresServer(string folder, string binFolder, int port)
    {
        _folder = folder;
        _binFolder = binFolder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to one database of this server, as the superuser.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, Timeout = 15 }.ToString();

    /// <summary>The server this test process shares; started on first use, stopped at process exit.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Where Debian puts the server binaries: /usr/lib/postgresql/VERSION/bin, the newest version.</summary>
    public static string? FindBinFolder() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinFolder() ?? throw new FileNotFoundException("PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin): run ./test.sh, which installs the postgresql package.");
        var folder = Path.Combine(Path.GetTempPath(), "factcheck-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(folder, bin, LoopbackPort.Free());
        if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        await server.RunServerToolAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
        await server.RunServerToolAsync("pg_ctl", ["-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        await server.WaitUntilListeningAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>
    /// A new empty database, or a copy of <paramref name="template"/> (made once by <paramref name="prepareTemplate"/>,
    /// which receives the template's connection string). Returns the new database's connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? template = null, Func<string, Task>? prepareTemplate = null)
    {
        if (template is not null) await EnsureTemplateAsync(template, prepareTemplate);
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task EnsureTemplateAsync(string template, Func<string, Task>? prepare)
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templates.ContainsKey(template)) return;
            await ExecuteAsync($"CREATE DATABASE {template}");
            var connectionString = ConnectionString(template);
            if (prepare is not null) await prepare(connectionString);
            // CREATE DATABASE ... TEMPLATE needs the template to have no open connections.
            await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
            _templates[template] = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await ExecuteAsync("SELECT 1");
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops the server at once (its data is throwaway) and removes its folder.</summary>
    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunServerToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a server tool, as the postgres user when we are root.</summary>
    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binFolder, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // pg_ctl start leaves the server holding the inherited pipes: read only until the tool exits.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }

}
