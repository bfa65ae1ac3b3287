using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace FactCheck.Cli.Load;

/// <param name="PublishUrl">Where the events are caused: <see cref="Url"/> itself, or another instance of the same workspace (the events then cross instances through Redis).</param>
public sealed record LoadSettings(Uri Url, int Clients, int Events, TimeSpan Interval, string? Token, string Email, string? Password, Uri? PublishUrl = null);

/// <summary>
/// One bounded load run: sign in, connect the clients, cause review events (POST /api/documents,
/// which stores a small document and publishes DocumentImported) alternating with raw broadcasts of
/// the same payload (POST /api/benchmark/broadcast), and record, at every client, the time from the
/// event's timestamp (taken by the server just before it saves, or just before it broadcasts) to receipt.
/// </summary>
public sealed partial class LoadRun(LoadSettings settings, TextWriter progress)
{
    private const int ConnectParallelism = 16;
    private const int WarmUpEvents = 3;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly CookieContainer _cookies = new();
    private readonly LatencyRecorder _review = new();
    private readonly LatencyRecorder _raw = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private int _closedWithError;
    private volatile bool _measuring;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = settings.PublishUrl ?? settings.Url, Timeout = TimeSpan.FromSeconds(60) };
        if (settings.Token is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else await SignInAsync(http, cancellationToken);

        var connections = new ConcurrentBag<HubConnection>();
        var connectTime = Stopwatch.StartNew();
        await Parallel.ForAsync(0, settings.Clients, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                var connection = Build();
                try
                {
                    await connection.StartAsync(ct);
                    connections.Add(connection);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    CountError("connect: " + ex.GetType().Name + " " + ex.Message);
                    await connection.DisposeAsync();
                }
            });
        connectTime.Stop();
        await progress.WriteLineAsync($"Connected {connections.Count} of {settings.Clients} clients in {connectTime.Elapsed.TotalSeconds:0.0} s.");

        try
        {
            // Warm-up (JIT, connection pools, first queries), not recorded.
            for (var i = 0; i < WarmUpEvents; i++) await CauseBothAsync(http, "warm", i, cancellationToken);
            await Task.Delay(1000, cancellationToken);
            _measuring = true;
            for (var i = 0; i < settings.Events; i++) await CauseBothAsync(http, "measure", i, cancellationToken);

            var expected = (long)settings.Events * connections.Count;
            var drain = Stopwatch.StartNew();
            while ((_review.Count < expected || _raw.Count < expected) && drain.Elapsed < DrainTimeout)
                await Task.Delay(100, cancellationToken);
            _measuring = false;
            return new LoadReport(settings, connections.Count, connectTime.Elapsed, _review.Summarize(), _raw.Summarize(), expected,
                Volatile.Read(ref _closedWithError), new Dictionary<string, int>(_errors));
        }
        finally
        {
            await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
                async (connection, _) => await connection.DisposeAsync());
        }
    }

    private HubConnection Build()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(settings.Url, "/hubs/review"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (settings.Token is { } token) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                else options.Cookies = _cookies;
            })
            .Build();
        connection.On<JsonElement>("ReviewEvent", Receive);
        connection.Closed += error =>
        {
            if (error is not null)
            {
                Interlocked.Increment(ref _closedWithError);
                CountError("closed: " + error.GetType().Name + " " + error.Message);
            }
            return Task.CompletedTask;
        };
        return connection;
    }

    private void Receive(JsonElement message)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (!_measuring) return;
        if (!message.TryGetProperty("data", out var data) || !data.TryGetProperty("title", out var title)) return;
        var text = title.GetString() ?? "";
        if (!text.StartsWith($"load {_run} measure ", StringComparison.Ordinal)) return;
        var latency = (receivedAt - message.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds;
        (text.EndsWith(" raw", StringComparison.Ordinal) ? _raw : _review).Add(latency);
    }

    /// <summary>One review event, half an interval, one raw broadcast, half an interval: both see the same conditions.</summary>
    private async Task CauseBothAsync(HttpClient http, string phase, int index, CancellationToken cancellationToken)
    {
        var title = $"load {_run} {phase} {index}";
        var text = $"Officials said {index + 1} of {_run} load samples arrived on Monday, according to the benchmark. Run {_run}, event {phase} {index}.";
        var imported = await http.PostAsJsonAsync("/api/documents", new { title = title + " review", text }, cancellationToken);
        if (imported.StatusCode != HttpStatusCode.Created) CountError($"import: HTTP {(int)imported.StatusCode}");
        await Task.Delay(settings.Interval / 2, cancellationToken);
        var raw = await http.PostAsync($"/api/benchmark/broadcast?title={Uri.EscapeDataString(title + " raw")}", null, cancellationToken);
        if (raw.StatusCode != HttpStatusCode.NoContent)
            CountError($"broadcast: HTTP {(int)raw.StatusCode} (start the app with Realtime__BenchmarkEndpoints=true and sign in as an admin)");
        await Task.Delay(settings.Interval / 2, cancellationToken);
    }

    private async Task SignInAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.Password))
            throw new InvalidOperationException($"Set {LoadCommand.PasswordVariable} (or give --token) to sign in as {settings.Email}.");
        var form = await http.GetStringAsync("/Account/Login", cancellationToken);
        var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryRegex().Match(form).Groups[1].Value,
            ["_handler"] = "login",
            ["Input.Email"] = settings.Email,
            ["Input.Password"] = settings.Password,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("/Account/", StringComparison.OrdinalIgnoreCase) == true)
            throw new InvalidOperationException($"Could not sign in as {settings.Email} (HTTP {(int)response.StatusCode}).");
    }

    private void CountError(string error) => _errors.AddOrUpdate(error, 1, (_, count) => count + 1);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryRegex();
}

public sealed record LoadReport(
    LoadSettings Settings,
    int Connected,
    TimeSpan ConnectTime,
    LatencySummary Review,
    LatencySummary Raw,
    long ExpectedPerKind,
    int ClosedWithError,
    IReadOnlyDictionary<string, int> Errors)
{
    public bool Succeeded => Connected == Settings.Clients && Errors.Count == 0 && Review.Samples == ExpectedPerKind && Raw.Samples == ExpectedPerKind;

    public void Print(TextWriter output)
    {
        output.WriteLine($"Clients: {Connected} connected of {Settings.Clients} ({ConnectTime.TotalSeconds:0.0} s), {ClosedWithError} closed with an error.");
        if (Settings.PublishUrl is { } publishedOn) output.WriteLine($"Events caused on {publishedOn}, received by the clients of {Settings.Url} (across instances).");
        output.WriteLine($"Events: {Settings.Events} review events and {Settings.Events} raw broadcasts, {Settings.Interval.TotalMilliseconds:0} ms apart.");
        output.WriteLine("path                      received / expected      p50 ms   p95 ms   p99 ms   max ms");
        Row(output, "review event (save→hub)", Review);
        Row(output, "raw broadcast (baseline)", Raw);
        output.WriteLine($"Ratio to baseline: p50 {Review.P50 / Raw.P50:0.00}×, p95 {Review.P95 / Raw.P95:0.00}×, p99 {Review.P99 / Raw.P99:0.00}×");
        foreach (var (error, count) in Errors.OrderByDescending(e => e.Value)) output.WriteLine($"error ×{count}: {error}");
        output.WriteLine(Succeeded ? "Result: every client received every event, no errors." : "Result: FAILED (missing receipts or errors above).");
    }

    private void Row(TextWriter output, string name, LatencySummary summary) =>
        output.WriteLine($"{name,-25} {summary.Samples,8} / {ExpectedPerKind,-8}  {summary.P50,9:0.0} {summary.P95,8:0.0} {summary.P99,8:0.0} {summary.Max,8:0.0}");
}
