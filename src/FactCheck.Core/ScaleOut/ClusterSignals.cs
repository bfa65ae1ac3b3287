using System.Collections.Immutable;

namespace FactCheck.Core.ScaleOut;

/// <summary>
/// "Something changed, drop what you cached" across instances: a topic published on one instance
/// reaches the subscribers on every instance (this one included, at once). With Redis it crosses
/// over a channel; without it, only this instance exists.
/// </summary>
public interface IClusterSignals
{
    Task PublishAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> on every signal of <paramref name="topic"/> until the handle is disposed.</summary>
    IDisposable Subscribe(string topic, Action handler);
}

/// <summary>The topics the app signals.</summary>
public static class ClusterTopics
{
    /// <summary>An admin saved the site settings.</summary>
    public const string SiteSettingsChanged = "site-settings";
}

/// <summary>Delivers signals to this instance's subscribers (also what the Redis signals use for their local delivery).</summary>
public sealed class LocalClusterSignals : IClusterSignals
{
    private ImmutableArray<(string Topic, Action Handler)> _handlers = [];

    public Task PublishAsync(string topic, CancellationToken cancellationToken = default)
    {
        Deliver(topic);
        return Task.CompletedTask;
    }

    public void Deliver(string topic)
    {
        foreach (var (subscribed, handler) in _handlers)
            if (subscribed == topic) handler();
    }

    public IDisposable Subscribe(string topic, Action handler)
    {
        var entry = (topic, handler);
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(entry));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(entry)));
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
        }
    }
}
