using FactCheck.Core.Events;
using FactCheck.Web.Realtime;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactCheck.Web.Tests.Realtime;

public sealed class LiveViewPlumbingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_burst_of_events_costs_one_refresh_at_once_and_one_after_it_never_a_delayed_first()
    {
        var refreshes = 0;
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var secondDone = new TaskCompletionSource();
        var refresh = new CoalescedRefresh(async () =>
        {
            var n = Interlocked.Increment(ref refreshes);
            if (n == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }
            else
            {
                secondDone.TrySetResult();
            }
        });

        refresh.Request();
        // The first refresh started synchronously, with no debounce before it.
        Assert.True(firstStarted.Task.IsCompleted);
        for (var i = 0; i < 50; i++) refresh.Request();
        release.SetResult();
        await secondDone.Task.WaitAsync(Patience);
        await Task.Delay(50);

        Assert.Equal(2, Volatile.Read(ref refreshes));
        refresh.Request();
        Assert.Equal(3, Volatile.Read(ref refreshes));
    }

    [Fact]
    public async Task A_disconnected_circuit_gets_no_events_and_a_closed_one_has_no_subscriptions_left()
    {
        var bus = new InProcessReviewEventBus(NullLogger<InProcessReviewEventBus>.Instance);
        var circuitEvents = new CircuitEvents(bus);
        var received = new List<int>();
        var arrived = new SemaphoreSlim(0);
        circuitEvents.Subscribe(ReviewEventTopic.Workspace, e =>
        {
            lock (received) received.Add(e.ClaimId!.Value);
            arrived.Release();
            return Task.CompletedTask;
        });
        circuitEvents.Subscribe(ReviewEventTopic.ForClaim(1), _ => Task.CompletedTask);
        Assert.Equal(2, bus.SubscriberCount);
        // Circuit is sealed and only handed to handlers by the framework; the handlers here ignore it.
        Circuit circuit = null!;

        await circuitEvents.OnConnectionDownAsync(circuit, CancellationToken.None);
        await bus.PublishAsync(new ReviewEvent(ReviewEventTypes.StatusChanged, 1, null, "Lead", DateTimeOffset.UtcNow));
        await circuitEvents.OnConnectionUpAsync(circuit, CancellationToken.None);
        await bus.PublishAsync(new ReviewEvent(ReviewEventTypes.StatusChanged, 2, null, "Lead", DateTimeOffset.UtcNow));
        Assert.True(await arrived.WaitAsync(Patience));
        lock (received) Assert.Equal([2], received);

        await circuitEvents.OnCircuitClosedAsync(circuit, CancellationToken.None);
        Assert.Equal(0, bus.SubscriberCount);
        Assert.Equal(0, circuitEvents.Count);
        // A page initialising after the close gets a dead subscription, not a leak.
        circuitEvents.Subscribe(ReviewEventTopic.Workspace, _ => Task.CompletedTask);
        Assert.Equal(0, bus.SubscriberCount);
    }
}
