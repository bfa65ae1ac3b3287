using StackExchange.Redis;

namespace FactCheck.Web.ScaleOut;

/// <summary>
/// The one Redis connection that shared presence, rate limits, cache signals and the readiness check
/// use (the review event bus and the hub backplane keep their own). It connects once, in the
/// background: an unreachable Redis at start is logged and the app runs degraded (each instance on
/// its own) until the multiplexer reconnects by itself.
/// </summary>
public sealed class RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger) : IHostedService, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() => ConnectAsync(options, logger));

    /// <summary>The connected (or still reconnecting) multiplexer; never throws for an unreachable server.</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>Keep retrying in the background instead of failing the start, and fail a command at once while disconnected instead of queueing it.</summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options, ILogger logger)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        multiplexer.ConnectionFailed += (_, e) => logger.LogWarning("Redis ({Setting}) connection lost ({FailureType}): presence, rate limits and settings are per instance until it returns",
            Realtime.RealtimeServiceExtensions.RedisSettingName, e.FailureType);
        multiplexer.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored: presence, rate limits and settings are shared again");
        if (!multiplexer.IsConnected)
            logger.LogWarning("Redis ({Setting} = {Endpoints}) is unreachable at start: running degraded, each instance with its own presence, rate limits and settings cache, until it connects",
                Realtime.RealtimeServiceExtensions.RedisSettingName, string.Join(", ", options.EndPoints));
        return multiplexer;
    }

    public async Task StartAsync(CancellationToken cancellationToken) => await GetAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated) await (await _multiplexer.Value).DisposeAsync();
    }
}
