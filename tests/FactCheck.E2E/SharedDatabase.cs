namespace FactCheck.E2E;

/// <summary>
/// The database several app instances share in the scale-out tests. The provider is a parameter:
/// <c>FACTCHECK_E2E_SCALEOUT_PROVIDER</c> = <c>Postgres</c> (the default, as production runs
/// several instances: a database of its own on the test run's throwaway server) or <c>Sqlite</c>
/// (one shared file).
/// </summary>
public sealed class SharedDatabase : IAsyncDisposable
{
    public const string ProviderVariable = "FACTCHECK_E2E_SCALEOUT_PROVIDER";

    private readonly string _folder;
    private readonly Func<Task>? _drop;

    private SharedDatabase(string folder, IReadOnlyDictionary<string, string> settings, Func<Task>? drop = null)
    {
        _folder = folder;
        Settings = settings;
        _drop = drop;
    }

    /// <summary>Environment settings every instance gets (provider and connection string).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<SharedDatabase> CreateAsync(string? provider = null)
    {
        provider ??= Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } chosen ? chosen : "Postgres";
        var folder = Path.Combine(Path.GetTempPath(), "factcheck-e2e-shared", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return provider switch
        {
            "Sqlite" => new SharedDatabase(folder, new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__FactCheck"] = $"Data Source={Path.Combine(folder, "factcheck.db")}",
            }),
            "Postgres" => await PostgresAsync(folder),
            _ => throw new NotSupportedException($"{ProviderVariable}={provider}: use Postgres or Sqlite."),
        };
    }

    /// <summary>An empty database on the run's throwaway server; the first instance migrates it at start.</summary>
    private static async Task<SharedDatabase> PostgresAsync(string folder)
    {
        var server = await FactCheck.Testing.PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        return new SharedDatabase(folder, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__FactCheck"] = connectionString,
        }, () => server.DropDatabaseAsync(connectionString));
    }

    public async ValueTask DisposeAsync()
    {
        if (_drop is not null) await _drop();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
