using System.CommandLine;
using System.Net;

namespace FactCheck.Cli.Load;

/// <summary>
/// `factcheck load --url http://127.0.0.1:5080 --clients 200`: connects hub clients to a running app
/// (started with Realtime:BenchmarkEndpoints=true) and measures how long review events take from the
/// save to every client, beside a raw SignalR broadcast of the same payload. Loopback addresses only.
/// </summary>
public static class LoadCommand
{
    public const string PasswordVariable = "FACTCHECK_PASSWORD";
    public const string TokenVariable = "FACTCHECK_TOKEN";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The app to load, on a loopback address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var clients = new Option<int>("--clients") { Description = "Hub connections to open.", DefaultValueFactory = _ => 200 };
        var events = new Option<int>("--events") { Description = "Review events to cause (and as many raw broadcasts).", DefaultValueFactory = _ => 40 };
        var interval = new Option<int>("--interval-ms") { Description = "Pause between one event and the next.", DefaultValueFactory = _ => 250 };
        var email = new Option<string>("--email") { Description = $"Admin to sign in as (password from {PasswordVariable}); ignored with a token.", DefaultValueFactory = _ => "admin@factcheck.local" };
        var token = new Option<string?>("--token") { Description = $"An admin's API token (or set {TokenVariable}) instead of signing in." };
        var publishUrl = new Option<string?>("--publish-url") { Description = "Cause the events on this instance instead (another instance of the same workspace, behind the same Redis): measures the cross-instance path." };
        var timeout = new Option<int>("--timeout-seconds") { Description = "The whole run stops after this long, finished or not.", DefaultValueFactory = _ => 600 };

        var command = new Command("load", "Measure review event latency to many hub clients against a raw SignalR broadcast.")
        {
            url, clients, events, interval, email, token, timeout, publishUrl,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var target = new Uri(parseResult.GetValue(url)!);
            if (!IsLoopback(target))
            {
                await Console.Error.WriteLineAsync($"Refusing {target.Host}: load runs only against this machine (127.0.0.1, localhost or ::1).");
                return 2;
            }
            var publishTarget = parseResult.GetValue(publishUrl) is { Length: > 0 } publishText ? new Uri(publishText) : null;
            if (publishTarget is not null && !IsLoopback(publishTarget))
            {
                await Console.Error.WriteLineAsync($"Refusing {publishTarget.Host}: load runs only against this machine (127.0.0.1, localhost or ::1).");
                return 2;
            }
            var settings = new LoadSettings(
                target,
                Math.Clamp(parseResult.GetValue(clients), 1, 5_000),
                Math.Clamp(parseResult.GetValue(events), 1, 1_000),
                TimeSpan.FromMilliseconds(Math.Clamp(parseResult.GetValue(interval), 10, 10_000)),
                parseResult.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable),
                parseResult.GetValue(email)!,
                Environment.GetEnvironmentVariable(PasswordVariable),
                publishTarget);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(parseResult.GetValue(timeout), 10, 3_600)));
            var report = await new LoadRun(settings, Console.Out).RunAsync(bounded.Token);
            report.Print(Console.Out);
            return report.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
