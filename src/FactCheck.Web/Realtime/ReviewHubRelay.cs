using System.Threading.Channels;
using FactCheck.Core.Diagnostics;
using FactCheck.Core.Events;
using FactCheck.Core.Presence;
using Microsoft.AspNetCore.SignalR;

namespace FactCheck.Web.Realtime;

/// <summary>
/// Forwards review events from the bus, and presence changes, to <see cref="ReviewHub"/>'s clients.
/// Sends happen on this service's own loop, never inside the writer's publish call: a slow client
/// or an unreachable Redis backplane must not hold up the save that caused the event.
/// </summary>
public sealed class ReviewHubRelay(
    IReviewEventBus bus,
    IClaimPresence presence,
    IHubContext<ReviewHub> hub,
    TimeProvider clock,
    ILogger<ReviewHubRelay> logger) : BackgroundService
{
    private sealed record Outgoing(ReviewEventMessage Message, string Group, string? AssigneeId);

    /// <summary>Enough for bursts; beyond it the oldest waiting message is dropped (and logged) rather than memory growing without bound.</summary>
    private const int QueueCapacity = 10_000;

    private readonly Channel<Outgoing> _queue = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        dropped =>
        {
            FactCheckMetrics.EventDropped("hub-relay");
            logger.LogWarning("Hub relay queue full: dropped {Type} for {Group}", dropped.Message.Type, dropped.Group);
        });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With the Redis backplane every instance's hub reaches every instance's connections, so an
        // instance forwards only the events published on it; those from other instances already came
        // through the backplane and would otherwise arrive twice.
        using var events = bus is ILocalReviewEventSource local ? local.SubscribeLocal(Enqueue) : bus.Subscribe(Enqueue);
        // Presence changes made on another instance reached its hub clients (and through the backplane, ours) already.
        using var viewers = presence.Subscribe(change => change.FromOtherInstance
            ? Task.CompletedTask
            : Enqueue(new Outgoing(ReviewEventMessage.From(change, clock.GetUtcNow()), ReviewHub.ClaimGroup(change.ClaimId), null)));

        await foreach (var outgoing in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Group(outgoing.Group).SendAsync(ReviewHub.ReviewEventMessage, outgoing.Message, stoppingToken);
                if (outgoing.AssigneeId is { } assignee)
                    await hub.Clients.Group(ReviewHub.UserGroup(assignee)).SendAsync(ReviewHub.AssignedToYouMessage, outgoing.Message, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not send {Type} to hub group {Group}", outgoing.Message.Type, outgoing.Group);
            }
        }
    }

    private Task Enqueue(ReviewEvent reviewEvent)
    {
        // The relay hears each event published on this instance exactly once (other instances' events excluded).
        FactCheckMetrics.EventPublished(reviewEvent.Type);
        var group = reviewEvent.IsPersonal
            ? reviewEvent.SubjectUserId is { } userId ? ReviewHub.UserGroup(userId) : null
            : reviewEvent.IsClaimDetail && reviewEvent.ClaimId is { } claimId ? ReviewHub.ClaimGroup(claimId) : ReviewHub.WorkspaceGroup;
        if (group is null) return Task.CompletedTask;
        var assignee = reviewEvent.Type == ReviewEventTypes.Assigned && reviewEvent.Data?.TryGetValue(ReviewEvent.ReviewerIdKey, out var id) == true ? id : null;
        return Enqueue(new Outgoing(ReviewEventMessage.From(reviewEvent), group, assignee));
    }

    private Task Enqueue(Outgoing outgoing)
    {
        _queue.Writer.TryWrite(outgoing);
        return Task.CompletedTask;
    }
}
