using FactCheck.Core.ScaleOut;
using StackExchange.Redis;

namespace FactCheck.Web.ScaleOut;

/// <summary>
/// Cache signals over a Redis channel: a topic published here is delivered here at once and on
/// every other instance when the message arrives. After a Redis outage every topic is delivered
/// locally, since signals sent meanwhile were lost.
/// </summary>
public sealed class RedisClusterSignals(RedisConnection redis, ILogger<RedisClusterSignals> logger) : IClusterSignals, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("factcheck:signals");
    private static readonly string[] AllTopics = [ClusterTopics.SiteSettingsChanged];

    private readonly LocalClusterSignals _local = new();
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await redis.GetAsync();
        multiplexer.ConnectionRestored += (_, _) =>
        {
            foreach (var topic in AllTopics) _local.Deliver(topic);
        };
        try
        {
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The multiplexer keeps the subscription and makes it when it connects.
            logger.LogWarning(ex, "Redis is unreachable: cache signals stay on this instance until it connects");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(string topic, CancellationToken cancellationToken = default)
    {
        _local.Deliver(topic);
        try
        {
            await (await redis.GetAsync()).GetSubscriber().PublishAsync(Channel, $"{_instance}|{topic}");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not signal {Topic} through Redis: other instances see the change when their cache expires", topic);
        }
    }

    public IDisposable Subscribe(string topic, Action handler) => _local.Subscribe(topic, handler);

    private void Receive(RedisValue message)
    {
        var parts = message.ToString().Split('|', 2);
        if (parts.Length == 2 && parts[0] != _instance) _local.Deliver(parts[1]);
    }
}
