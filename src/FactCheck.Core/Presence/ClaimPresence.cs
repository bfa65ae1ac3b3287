using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace FactCheck.Core.Presence;

/// <summary>One person looking at a claim; <see cref="Editing"/> when any of their sessions is editing.</summary>
public sealed record ClaimViewer(string UserId, string DisplayName, bool Editing);

/// <summary>
/// Who views a claim now, after <paramref name="Actor"/> came, left or started or stopped editing.
/// <paramref name="FromOtherInstance"/>: the change happened on another app instance (shared presence
/// over Redis); that instance already told its hub clients, through the SignalR backplane.
/// </summary>
public sealed record ClaimPresenceChange(int ClaimId, string Actor, IReadOnlyList<ClaimViewer> Viewers, bool FromOtherInstance = false);

/// <summary>
/// Who is viewing or editing which claim. A session is one hub connection or one Blazor circuit;
/// a person with two tabs open is one viewer. Hub connections and circuits share this state, so both
/// see the same list.
/// </summary>
public interface IClaimPresence
{
    Task JoinAsync(int claimId, string sessionId, string userId, string displayName);

    Task LeaveAsync(int claimId, string sessionId);

    Task SetEditingAsync(int claimId, string sessionId, bool editing);

    /// <summary>The session ended (disconnect, circuit closed): it leaves every claim it viewed.</summary>
    Task LeaveAllAsync(string sessionId);

    IReadOnlyList<ClaimViewer> Viewers(int claimId);

    /// <summary>Called after every change of a claim's viewers, until the handle is disposed.</summary>
    IDisposable Subscribe(Func<ClaimPresenceChange, Task> handler);
}

/// <summary>In-memory presence of this app instance (a singleton).</summary>
public sealed class ClaimPresence(ILogger<ClaimPresence> logger) : IClaimPresence
{
    private sealed record Session(string UserId, string DisplayName, bool Editing);

    private readonly Lock _gate = new();
    // claim id → session id → who; small, and every change is a few dictionary operations under the lock.
    private readonly Dictionary<int, Dictionary<string, Session>> _claims = [];
    private ImmutableArray<Func<ClaimPresenceChange, Task>> _handlers = [];

    public Task JoinAsync(int claimId, string sessionId, string userId, string displayName)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(claimId, out var sessions)) _claims[claimId] = sessions = [];
            if (sessions.TryGetValue(sessionId, out var existing) && existing.UserId == userId) return Task.CompletedTask;
            sessions[sessionId] = new Session(userId, displayName, false);
        }
        return NotifyAsync(claimId, displayName);
    }

    public Task LeaveAsync(int claimId, string sessionId)
    {
        Session? left;
        lock (_gate)
        {
            if (!_claims.TryGetValue(claimId, out var sessions) || !sessions.Remove(sessionId, out left)) return Task.CompletedTask;
            if (sessions.Count == 0) _claims.Remove(claimId);
        }
        return NotifyAsync(claimId, left.DisplayName);
    }

    public Task SetEditingAsync(int claimId, string sessionId, bool editing)
    {
        Session? session;
        lock (_gate)
        {
            if (!_claims.TryGetValue(claimId, out var sessions) || !sessions.TryGetValue(sessionId, out session)) return Task.CompletedTask;
            if (session.Editing == editing) return Task.CompletedTask;
            sessions[sessionId] = session with { Editing = editing };
        }
        return NotifyAsync(claimId, session.DisplayName);
    }

    public async Task LeaveAllAsync(string sessionId)
    {
        List<(int ClaimId, Session Session)> left = [];
        lock (_gate)
        {
            foreach (var (claimId, sessions) in _claims)
                if (sessions.Remove(sessionId, out var session)) left.Add((claimId, session));
            foreach (var (claimId, _) in left)
                if (_claims[claimId].Count == 0) _claims.Remove(claimId);
        }
        foreach (var (claimId, session) in left) await NotifyAsync(claimId, session.DisplayName);
    }

    public IReadOnlyList<ClaimViewer> Viewers(int claimId)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(claimId, out var sessions)) return [];
            return sessions.Values
                .GroupBy(s => s.UserId)
                .Select(g => new ClaimViewer(g.Key, g.First().DisplayName, g.Any(s => s.Editing)))
                .OrderBy(v => v.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                .ToList();
        }
    }

    public IDisposable Subscribe(Func<ClaimPresenceChange, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private async Task NotifyAsync(int claimId, string actor)
    {
        var change = new ClaimPresenceChange(claimId, actor, Viewers(claimId));
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A presence subscriber failed on claim {ClaimId}", claimId);
            }
        }
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
