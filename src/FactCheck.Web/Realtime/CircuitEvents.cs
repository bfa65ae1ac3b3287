using FactCheck.Core.Events;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FactCheck.Web.Realtime;

/// <summary>
/// The review-event subscriptions of one Blazor circuit (one browser tab). While the tab's
/// connection is down nothing is queued for it (its pages reload when it comes back, through
/// <see cref="CircuitPresence.ConnectionRestored"/>); when the circuit closes every subscription is
/// disposed at once, instead of when the circuit's retention period ends.
/// </summary>
public sealed class CircuitEvents(IReviewEventBus bus) : CircuitHandler, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReviewEventSubscription> _subscriptions = [];
    private bool _connected = true;
    private bool _closed;

    /// <summary>Subscribes a view of this circuit to a topic; dispose the result with the component.</summary>
    public IDisposable Subscribe(ReviewEventTopic topic, Func<ReviewEvent, Task> handler)
    {
        var subscription = bus.Subscribe(topic, handler);
        lock (_gate)
        {
            if (_closed)
            {
                subscription.Dispose();
                return subscription;
            }
            subscription.Suspended = !_connected;
            _subscriptions.Add(subscription);
        }
        return new Handle(this, subscription);
    }

    /// <summary>Open subscriptions of this circuit (for tests).</summary>
    public int Count
    {
        get { lock (_gate) return _subscriptions.Count; }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        SetConnected(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        SetConnected(true);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private void SetConnected(bool connected)
    {
        lock (_gate)
        {
            _connected = connected;
            foreach (var subscription in _subscriptions) subscription.Suspended = !connected;
        }
    }

    public void Dispose()
    {
        List<ReviewEventSubscription> open;
        lock (_gate)
        {
            _closed = true;
            open = [.. _subscriptions];
            _subscriptions.Clear();
        }
        foreach (var subscription in open) subscription.Dispose();
    }

    private void Forget(ReviewEventSubscription subscription)
    {
        lock (_gate) _subscriptions.Remove(subscription);
        subscription.Dispose();
    }

    private sealed class Handle(CircuitEvents owner, ReviewEventSubscription subscription) : IDisposable
    {
        public void Dispose() => owner.Forget(subscription);
    }
}

/// <summary>
/// "Dirty flag + one refresh in flight" for a live view: the first request starts a refresh at
/// once (never delayed); requests that arrive while it runs are folded into a single refresh after
/// it. A burst of 50 events therefore costs at most two refreshes, and no sleep.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh, ILogger? logger = null)
{
    private const int Idle = 0, Running = 1, RunningAndDirty = 2;
    private int _state;

    /// <summary>Asks for a refresh and returns at once; the refresh runs in the background.</summary>
    public void Request()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle) continue;
                _ = RunAsync();
                return;
            }
            if (state == Running && Interlocked.CompareExchange(ref _state, RunningAndDirty, Running) != Running) continue;
            return;
        }
    }

    /// <summary>An event handler for <see cref="CircuitEvents.Subscribe"/>.</summary>
    public Task OnEvent(ReviewEvent _)
    {
        Request();
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await refresh();
            }
            catch (Exception ex)
            {
                logger?.LogWarning(ex, "A live view's refresh failed");
            }
            // Dirty: one more refresh covers everything that arrived meanwhile. Otherwise go idle.
            if (Interlocked.CompareExchange(ref _state, Running, RunningAndDirty) == RunningAndDirty) continue;
            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running) return;
        }
    }
}
