using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace FactCheck.Core.Events;

/// <summary>Where domain services publish review events, once per change.</summary>
public interface IReviewEventBus
{
    Task PublishAsync(ReviewEvent reviewEvent, CancellationToken cancellationToken = default);

    /// <summary>Registers a handler until the returned handle is disposed (dispose it with the component).</summary>
    IDisposable Subscribe(Func<ReviewEvent, Task> handler);
}

/// <summary>
/// In-process bus, as eShop's OrderStatusNotificationService: delivers each event to every
/// subscribed circuit or hub relay. A failing subscriber is logged and never blocks the others
/// or the writer.
/// </summary>
public sealed class InProcessReviewEventBus(ILogger<InProcessReviewEventBus> logger) : IReviewEventBus
{
    private ImmutableArray<Func<ReviewEvent, Task>> _handlers = [];

    public async Task PublishAsync(ReviewEvent reviewEvent, CancellationToken cancellationToken = default)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(reviewEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A review event subscriber failed on {Type}", reviewEvent.Type);
            }
        }
    }

    public IDisposable Subscribe(Func<ReviewEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
        }
    }
}
