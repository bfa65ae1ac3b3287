using FactCheck.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FactCheck.E2E;

/// <summary>
/// The web app as a newcomer runs it: its own process, Development environment (demo accounts and
/// the seed article), a fresh SQLite file and a free loopback port.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataFolder;

    private AppProcess(Process process, string baseUrl, string dataFolder)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataFolder = dataFolder;
    }

    public string BaseUrl { get; }

    /// <summary>The folder holding the SQLite file: give it to <see cref="StartAsync"/> again to restart on the same data.</summary>
    public string DataFolder => _dataFolder;

    /// <summary>Whether disposing deletes the data folder (not while a restart on it is to come).</summary>
    public bool KeepData { get; set; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? settings = null, string? dataFolder = null)
    {
        var repository = RepositoryRoot();
        var webProject = Path.Combine(repository, "src", "FactCheck.Web");
        // Same configuration (Debug/Release) as this test assembly was built with.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "FactCheck.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first.", dll);

        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        dataFolder ??= Path.Combine(Path.GetTempPath(), "factcheck-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__FactCheck"] = $"Data Source={Path.Combine(dataFolder, "factcheck.db")}";
        start.Environment["Security__LoginAttemptsPerMinute"] = "1000";
        start.Environment["Security__RegistrationsPerHour"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Journeys start from the fresh seed article; tests that want the demo story set Demo__Story=true.
        start.Environment["Demo__Story"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, baseUrl, dataFolder);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not become healthy within 90 s:\n{Output}");
    }


    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FactCheck.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("FactCheck.sln not found above the test folder.");
    }

    /// <summary>kill -9: SIGKILL, no shutdown, nothing flushed; the data folder stays for a restart.</summary>
    public async Task KillHardAsync()
    {
        KeepData = true;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (!KeepData)
        {
            try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
