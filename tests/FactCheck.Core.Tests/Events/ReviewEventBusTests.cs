using FactCheck.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactCheck.Core.Tests.Events;

public sealed class ReviewEventBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly InProcessReviewEventBus _bus = new(NullLogger<InProcessReviewEventBus>.Instance);

    private static ReviewEvent Event(string type, int? claimId = null, int? documentId = null, IReadOnlyDictionary<string, string>? data = null) =>
        new(type, claimId, documentId, "Lead", DateTimeOffset.UtcNow, data);

    /// <summary>Collects what a subscriber received and lets a test wait for a count.</summary>
    private sealed class Inbox
    {
        private readonly List<ReviewEvent> _events = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public Task Handle(ReviewEvent e)
        {
            lock (_events) _events.Add(e);
            _arrived.Release();
            return Task.CompletedTask;
        }

        public List<ReviewEvent> Events
        {
            get { lock (_events) return [.. _events]; }
        }

        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < count; i++) Assert.True(await _arrived.WaitAsync(Patience), $"Only {Events.Count} of {count} events arrived.");
        }
    }

    [Fact]
    public async Task Publishing_returns_before_a_slow_subscriber_has_handled_the_event()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        using var slow = _bus.Subscribe(ReviewEventTopic.Workspace, async _ =>
        {
            started.TrySetResult();
            await release.Task;
        });

        var publish = _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: 1));

        Assert.True(publish.IsCompleted, "The writer waited for a subscriber.");
        await started.Task.WaitAsync(Patience);
        release.SetResult();
    }

    [Fact]
    public async Task A_failing_or_stuck_subscriber_does_not_stop_the_others()
    {
        using var failing = _bus.Subscribe(ReviewEventTopic.Workspace, _ => throw new InvalidOperationException("broken view"));
        using var stuck = _bus.Subscribe(ReviewEventTopic.Workspace, _ => new TaskCompletionSource().Task);
        var healthy = new Inbox();
        using var subscription = _bus.Subscribe(ReviewEventTopic.Workspace, healthy.Handle);

        await _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: 1));
        await _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: 2));

        await healthy.WaitForAsync(2);
        Assert.Equal([1, 2], healthy.Events.Select(e => e.ClaimId!.Value));
    }

    [Fact]
    public async Task Subscribers_receive_only_the_events_of_what_they_show()
    {
        var claim1 = new Inbox();
        var claim2 = new Inbox();
        var workspace = new Inbox();
        var alice = new Inbox();
        var document7 = new Inbox();
        using var s1 = _bus.Subscribe(ReviewEventTopic.ForClaim(1), claim1.Handle);
        using var s2 = _bus.Subscribe(ReviewEventTopic.ForClaim(2), claim2.Handle);
        using var s3 = _bus.Subscribe(ReviewEventTopic.Workspace, workspace.Handle);
        using var s4 = _bus.Subscribe(ReviewEventTopic.ForUser("alice-id"), alice.Handle);
        using var s5 = _bus.Subscribe(ReviewEventTopic.ForDocument(7), document7.Handle);

        await _bus.PublishAsync(Event(ReviewEventTypes.CommentAdded, claimId: 1, documentId: 7));
        await _bus.PublishAsync(Event(ReviewEventTypes.Assigned, claimId: 2, documentId: 8, data: new Dictionary<string, string> { [ReviewEvent.ReviewerIdKey] = "alice-id" }));
        await _bus.PublishAsync(Event(ReviewEventTypes.RequestAnswered, data: new Dictionary<string, string> { [ReviewEvent.UserIdKey] = "reader-id" }));

        await claim1.WaitForAsync(1);
        await claim2.WaitForAsync(1);
        await workspace.WaitForAsync(1);
        await alice.WaitForAsync(1);
        await document7.WaitForAsync(1);
        // A marker event every subscriber gets, so anything misrouted would have arrived before it.
        var marker = Event(ReviewEventTypes.StatusChanged, claimId: 1, documentId: 7, data: new Dictionary<string, string> { [ReviewEvent.ReviewerIdKey] = "alice-id" });
        await _bus.PublishAsync(marker);
        await Task.WhenAll(claim1.WaitForAsync(1), workspace.WaitForAsync(1), alice.WaitForAsync(1), document7.WaitForAsync(1));

        Assert.Equal([ReviewEventTypes.CommentAdded, ReviewEventTypes.StatusChanged], claim1.Events.Select(e => e.Type));
        Assert.Equal([ReviewEventTypes.Assigned], claim2.Events.Select(e => e.Type));
        // The workspace (grids, boards) never sees a claim's discussion or a reader's personal answer.
        Assert.Equal([ReviewEventTypes.Assigned, ReviewEventTypes.StatusChanged], workspace.Events.Select(e => e.Type));
        Assert.Equal([ReviewEventTypes.Assigned, ReviewEventTypes.StatusChanged], alice.Events.Select(e => e.Type));
        Assert.Equal([ReviewEventTypes.CommentAdded, ReviewEventTypes.StatusChanged], document7.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_events_and_counts_them()
    {
        var release = new TaskCompletionSource();
        var handled = new List<int>();
        var first = new TaskCompletionSource();
        using var slow = _bus.Subscribe(ReviewEventTopic.Workspace, async e =>
        {
            first.TrySetResult();
            await release.Task;
            lock (handled) handled.Add(e.ClaimId!.Value);
        });
        await _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: 0));
        await first.Task.WaitAsync(Patience);

        var extra = 10;
        for (var i = 1; i <= ReviewEventSubscription.QueueCapacity + extra; i++)
            await _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: i));

        Assert.Equal(extra, slow.DroppedEvents);
        release.SetResult();
        while (true)
        {
            lock (handled) if (handled.Count == ReviewEventSubscription.QueueCapacity + 1) break;
            await Task.Delay(10);
        }
        // The newest events were kept, in order.
        lock (handled) Assert.Equal([0, .. Enumerable.Range(extra + 1, ReviewEventSubscription.QueueCapacity)], handled);
    }

    [Fact]
    public async Task A_suspended_or_disposed_subscription_receives_nothing()
    {
        var suspended = new Inbox();
        var disposed = new Inbox();
        var control = new Inbox();
        using var s1 = _bus.Subscribe(ReviewEventTopic.Workspace, suspended.Handle);
        var s2 = _bus.Subscribe(ReviewEventTopic.Workspace, disposed.Handle);
        using var s3 = _bus.Subscribe(ReviewEventTopic.Workspace, control.Handle);
        s1.Suspended = true;
        s2.Dispose();

        await _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: 1));
        await control.WaitForAsync(1);
        s1.Suspended = false;
        await _bus.PublishAsync(Event(ReviewEventTypes.StatusChanged, claimId: 2));
        await suspended.WaitForAsync(1);
        await control.WaitForAsync(1);

        Assert.Equal([2], suspended.Events.Select(e => e.ClaimId!.Value));
        Assert.Empty(disposed.Events);
        Assert.Equal(2, _bus.SubscriberCount);
    }
}
