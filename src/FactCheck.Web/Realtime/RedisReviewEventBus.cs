using System.Text.Json;
using FactCheck.Core.Events;
using StackExchange.Redis;

namespace FactCheck.Web.Realtime;

/// <summary>A bus that also carries other instances' events can tell which ones were published on this instance.</summary>
public interface ILocalReviewEventSource
{
    /// <summary>Like <see cref="IReviewEventBus.Subscribe"/>, for events published on this instance only.</summary>
    IDisposable SubscribeLocal(Func<ReviewEvent, Task> handler);
}

/// <summary>
/// Review events across app instances: each event goes to this instance's subscribers at once and to
/// a Redis channel; events arriving from the channel that another instance published go to this
/// instance's subscribers. While Redis is unreachable each instance still serves its own users;
/// events published meanwhile reach only their own instance (they are not queued for later), and the
/// subscription comes back by itself when Redis does (AbortOnConnectFail=false).
/// </summary>
public sealed class RedisReviewEventBus(
    InProcessReviewEventBus everyone,
    InProcessReviewEventBus publishedHere,
    ConfigurationOptions redisOptions,
    ILogger<RedisReviewEventBus> logger) : IReviewEventBus, ILocalReviewEventSource, IHostedService, IAsyncDisposable
{
    private sealed record Envelope(Guid Origin, ReviewEvent Event);

    private static readonly RedisChannel Channel = RedisChannel.Literal("factcheck:review-events");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Guid _instance = Guid.NewGuid();
    private ConnectionMultiplexer? _redis;
    private IDisposable? _toRedis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(redisOptions);
        // The Redis publisher is one more subscriber of this instance's events, with its own queue.
        _toRedis = publishedHere.Subscribe(ReviewEventTopic.Everything, PublishToRedisAsync);
        _redis.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}); review events stay on this instance until it returns", e.FailureType);
        _redis.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored; review events cross instances again");
        try
        {
            // The multiplexer remembers the subscription and renews it after every reconnect.
            await _redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = DeliverFromRedisAsync(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable at start; this instance serves only its own users until it connects");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Queues the event for this instance's subscribers and for the Redis publisher (its own
    /// subscriber on <paramref name="publishedHere"/>), and returns: the save never waits for Redis.
    /// </summary>
    public Task PublishAsync(ReviewEvent reviewEvent, CancellationToken cancellationToken = default)
    {
        everyone.PublishAsync(reviewEvent, cancellationToken);
        publishedHere.PublishAsync(reviewEvent, cancellationToken);
        return Task.CompletedTask;
    }

    public ReviewEventSubscription Subscribe(ReviewEventTopic topic, Func<ReviewEvent, Task> handler) => everyone.Subscribe(topic, handler);

    public IDisposable SubscribeLocal(Func<ReviewEvent, Task> handler) => publishedHere.Subscribe(ReviewEventTopic.Everything, handler);

    private async Task PublishToRedisAsync(ReviewEvent reviewEvent)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            logger.LogWarning("Redis is unreachable: {Type} reaches this instance's users only", reviewEvent.Type);
            return;
        }
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(_instance, reviewEvent), Json));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not publish {Type} to Redis; it reaches this instance's users only", reviewEvent.Type);
        }
    }

    private async Task DeliverFromRedisAsync(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString(), Json);
            // Our own events were delivered here when they were published.
            if (envelope is null || envelope.Origin == _instance) return;
            await everyone.PublishAsync(envelope.Event);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed review event from Redis");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _toRedis?.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
