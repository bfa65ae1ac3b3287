namespace FactCheck.E2E;

/// <summary>
/// The database several app instances share in the scale-out tests. The provider is a parameter:
/// <c>FACTCHECK_E2E_SCALEOUT_PROVIDER</c> = <c>Sqlite</c> (one shared file, the default) or
/// <c>Postgres</c> (once the PostgreSQL provider is merged: a throwaway server per test class).
/// </summary>
public sealed class SharedDatabase : IAsyncDisposable
{
    public const string ProviderVariable = "FACTCHECK_E2E_SCALEOUT_PROVIDER";

    private readonly string _folder;

    private SharedDatabase(string folder, IReadOnlyDictionary<string, string> settings)
    {
        _folder = folder;
        Settings = settings;
    }

    /// <summary>Environment settings every instance gets (provider and connection string).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static Task<SharedDatabase> CreateAsync(string? provider = null)
    {
        provider ??= Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } chosen ? chosen : "Sqlite";
        var folder = Path.Combine(Path.GetTempPath(), "factcheck-e2e-shared", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return provider switch
        {
            "Sqlite" => Task.FromResult(new SharedDatabase(folder, new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__FactCheck"] = $"Data Source={Path.Combine(folder, "factcheck.db")}",
            })),
            _ => throw new NotSupportedException($"{ProviderVariable}={provider}: only Sqlite until the PostgreSQL provider (and its test server helper) is merged."),
        };
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
