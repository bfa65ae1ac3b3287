namespace FactCheck.Core.ScaleOut;

/// <summary>The answer of a sliding-window limiter: admitted (with the hit's id, to give it back) or refused until <see cref="RetryAt"/>.</summary>
public sealed record RateLimitDecision(bool Allowed, int Count, DateTimeOffset? RetryAt, string? HitId)
{
    /// <summary>Whole minutes (at least one) until the oldest hit leaves the window, for the message people see.</summary>
    public int MinutesToWait(DateTimeOffset now) => RetryAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - now).TotalMinutes)) : 1;
}

/// <summary>
/// Counts hits per key over a sliding window, atomically: with Redis every instance shares the
/// counts (sign-in attempts per client address, reader requests per user), without it this
/// instance counts alone.
/// </summary>
public interface ISlidingWindowRateLimiter
{
    /// <summary>Records a hit under <paramref name="key"/> if fewer than <paramref name="limit"/> happened within <paramref name="window"/>.</summary>
    Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Gives back an admitted hit whose action did not happen after all (refused input, failed save).</summary>
    Task ReleaseAsync(string key, string hitId, CancellationToken cancellationToken = default);
}

/// <summary>Per-instance sliding windows in memory (one instance, or Redis not configured).</summary>
public sealed class InMemorySlidingWindowRateLimiter(TimeProvider clock) : ISlidingWindowRateLimiter
{
    private readonly Lock _gate = new();
    // key → hits (time, id), oldest first. Keys whose hits all left the window are removed on the next touch.
    private readonly Dictionary<string, List<(DateTimeOffset At, string Id)>> _hits = [];
    private DateTimeOffset _lastSweep;

    public Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            SweepIfDue(now, window);
            if (!_hits.TryGetValue(key, out var hits)) _hits[key] = hits = [];
            hits.RemoveAll(h => h.At <= now - window);
            if (hits.Count >= limit)
                return Task.FromResult(new RateLimitDecision(false, hits.Count, hits[0].At + window, null));
            var id = Guid.NewGuid().ToString("N");
            hits.Add((now, id));
            return Task.FromResult(new RateLimitDecision(true, hits.Count, null, id));
        }
    }

    public Task ReleaseAsync(string key, string hitId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_hits.TryGetValue(key, out var hits)) hits.RemoveAll(h => h.Id == hitId);
        }
        return Task.CompletedTask;
    }

    /// <summary>Keeps memory bounded by the active keys: clients that stopped coming are forgotten.</summary>
    private void SweepIfDue(DateTimeOffset now, TimeSpan window)
    {
        if (now - _lastSweep < window) return;
        _lastSweep = now;
        foreach (var key in _hits.Where(k => k.Value.Count == 0 || k.Value[^1].At <= now - window).Select(k => k.Key).ToList())
            _hits.Remove(key);
    }
}
