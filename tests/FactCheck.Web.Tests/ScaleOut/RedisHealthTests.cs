using System.Net;
using System.Net.Sockets;
using FactCheck.E2E;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace FactCheck.Web.Tests.ScaleOut;

/// <summary>Readiness follows Redis when it is configured; liveness and /health (the public contract) do not.</summary>
public sealed class RedisHealthTests
{
    [Fact]
    public async Task Ready_turns_503_when_the_configured_Redis_stops_while_live_and_health_stay_200()
    {
        await using var redis = await RedisServer.StartAsync();
        using var factory = new FactCheckWebFactory { Settings = new Dictionary<string, string?> { ["Realtime:Redis"] = redis.ConnectionString } };
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await redis.StopAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage ready;
        while ((ready = await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task An_unreachable_Redis_at_start_is_logged_and_the_app_serves_degraded_but_not_ready()
    {
        var logs = new CapturedLogs();
        using var factory = new FactCheckWebFactory { Settings = new Dictionary<string, string?> { ["Realtime:Redis"] = $"127.0.0.1:{ClosedPort()}" } };
        using var configured = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = configured.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verdicts")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Contains(logs.Messages, m => m.Contains("Realtime:Redis") && m.Contains("unreachable at start") && m.Contains("degraded"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Keeps every log message the app writes, for tests that check what an operator is told.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void Dispose()
    {
    }

    private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
