using FactCheck.Core.Diagnostics;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FactCheck.Core.Events;

/// <summary>Where domain services publish review events, once per change.</summary>
public interface IReviewEventBus
{
    /// <summary>Hands the event to each interested subscriber's queue and returns at once: it never waits for a subscriber.</summary>
    Task PublishAsync(ReviewEvent reviewEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers the events of <paramref name="topic"/> to <paramref name="handler"/>, one at a time, from
    /// the subscription's own bounded queue, until the returned subscription is disposed (dispose it with the component).
    /// </summary>
    ReviewEventSubscription Subscribe(ReviewEventTopic topic, Func<ReviewEvent, Task> handler);

    /// <summary>Every event (the hub relay, the Redis publisher, tests).</summary>
    IDisposable Subscribe(Func<ReviewEvent, Task> handler) => Subscribe(ReviewEventTopic.Everything, handler);
}

/// <summary>
/// One subscriber's queue. A slow or failing subscriber only delays or loses its own events: when
/// its queue is full the oldest waiting event is dropped and counted (views reload on the next
/// one, so a dropped event costs freshness, never correctness of what is stored). While
/// <see cref="Suspended"/> (its browser tab disconnected) nothing is queued for it at all.
/// </summary>
public sealed class ReviewEventSubscription : IDisposable
{
    /// <summary>A view needs one event to know it must refresh; 64 absorbs any burst a person can cause.</summary>
    public const int QueueCapacity = 64;

    private readonly Channel<ReviewEvent> _queue;
    private readonly Func<ReviewEvent, Task> _handler;
    private readonly Action<ReviewEventSubscription> _unsubscribe;
    private readonly ILogger _logger;
    private long _dropped;
    private int _disposed;

    internal ReviewEventSubscription(ReviewEventTopic topic, Func<ReviewEvent, Task> handler, Action<ReviewEventSubscription> unsubscribe,
        ILogger logger)
    {
        Topic = topic;
        _handler = handler;
        _unsubscribe = unsubscribe;
        _logger = logger;
        _queue = Channel.CreateBounded<ReviewEvent>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Dropped());
        _ = Task.Run(PumpAsync);
    }

    public ReviewEventTopic Topic { get; }

    /// <summary>Events this subscriber never received because its queue was full.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>While true, events are not queued for this subscriber (a disconnected circuit reloads when it comes back).</summary>
    public bool Suspended { get; set; }

    internal void Offer(ReviewEvent reviewEvent)
    {
        if (!Suspended) _queue.Writer.TryWrite(reviewEvent);
    }

    private void Dropped()
    {
        Interlocked.Increment(ref _dropped);
        FactCheckMetrics.EventDropped(Topic.Scope.ToString());
    }

    private async Task PumpAsync()
    {
        await foreach (var reviewEvent in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _handler(reviewEvent);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A review event subscriber ({Topic}) failed on {Type}", Topic, reviewEvent.Type);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}

/// <summary>
/// In-process bus, as eShop's notification service keys its subscribers by buyer: subscribers are
/// kept by <see cref="ReviewEventTopic"/>, and publishing only looks up the topics the event touches
/// and drops the event into each subscriber's own queue. The writer (a save, an import) therefore
/// never waits for a view to re-query or render, and one failing subscriber never affects the others.
/// </summary>
public sealed class InProcessReviewEventBus(ILogger<InProcessReviewEventBus> logger) : IReviewEventBus
{
    private ImmutableDictionary<ReviewEventTopic, ImmutableArray<ReviewEventSubscription>> _subscribers =
        ImmutableDictionary<ReviewEventTopic, ImmutableArray<ReviewEventSubscription>>.Empty;

    /// <summary>How many subscriptions are open (every topic), for tests and diagnostics.</summary>
    public int SubscriberCount => _subscribers.Values.Sum(s => s.Length);

    public Task PublishAsync(ReviewEvent reviewEvent, CancellationToken cancellationToken = default)
    {
        var subscribers = _subscribers;
        foreach (var topic in ReviewEventTopic.Of(reviewEvent))
        {
            if (!subscribers.TryGetValue(topic, out var list)) continue;
            foreach (var subscription in list) subscription.Offer(reviewEvent);
        }
        return Task.CompletedTask;
    }

    public ReviewEventSubscription Subscribe(ReviewEventTopic topic, Func<ReviewEvent, Task> handler)
    {
        var subscription = new ReviewEventSubscription(topic, handler, Remove, logger);
        ImmutableInterlocked.AddOrUpdate(ref _subscribers, topic, [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    private void Remove(ReviewEventSubscription subscription)
    {
        ImmutableInterlocked.Update(ref _subscribers, map =>
        {
            if (!map.TryGetValue(subscription.Topic, out var list)) return map;
            list = list.Remove(subscription);
            return list.IsEmpty ? map.Remove(subscription.Topic) : map.SetItem(subscription.Topic, list);
        });
    }
}
