using System.Collections.Immutable;
using System.Text.Json;
using FactCheck.Core.Presence;
using StackExchange.Redis;

namespace FactCheck.Web.ScaleOut;

/// <summary>
/// Presence shared by every instance through Redis: one hash per claim
/// (<c>factcheck:presence:{claimId}</c>), a field per session holding who it is, whether it edits,
/// and until when it counts. Each instance rewrites its own sessions every heartbeat (a third of the lifetime),
/// so the sessions of an instance that crashed stop counting after the lifetime (<see cref="LifetimeSettingName"/>) and
/// are removed by the next instance that reads the claim. A change is announced on a channel; the
/// other instances with viewers of that claim re-read its hash and tell their pages.
/// While Redis is unreachable each instance shows its own sessions (as without Redis), and its
/// heartbeat writes them back when Redis returns.
/// </summary>
public sealed class RedisClaimPresence(RedisConnection redis, IConfiguration configuration, TimeProvider clock, ILogger<RedisClaimPresence> logger)
    : IClaimPresence, IHostedService, IDisposable
{
    /// <summary>How long a session counts without a heartbeat (default 30 s); the heartbeat runs three times as often.</summary>
    public const string LifetimeSettingName = "Realtime:PresenceLifetimeSeconds";

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue(LifetimeSettingName, 30), 3, 3600));

    private TimeSpan HeartbeatInterval => _lifetime / 3;

    private static readonly RedisChannel Channel = RedisChannel.Literal("factcheck:presence");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Session(string UserId, string DisplayName, bool Editing);

    /// <summary>A session as stored in Redis; <see cref="Until"/> in Unix milliseconds.</summary>
    private sealed record StoredSession(string UserId, string DisplayName, bool Editing, long Until);

    private sealed record Announcement(string Origin, int ClaimId, string Actor);

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    // This instance's sessions (what the heartbeat keeps alive) and, per claim they view, the last list read from Redis.
    private readonly Dictionary<int, Dictionary<string, Session>> _local = [];
    private readonly Dictionary<int, IReadOnlyList<ClaimViewer>> _shared = [];
    private ImmutableArray<Func<ClaimPresenceChange, Task>> _handlers = [];
    private ITimer? _heartbeat;
    private int _beating;

    private static RedisKey Key(int claimId) => $"factcheck:presence:{claimId}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await redis.GetAsync();
        try
        {
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = ReceiveAsync(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable: presence is per instance until it connects");
        }
        _heartbeat = clock.CreateTimer(_ => _ = HeartbeatAsync(), null, HeartbeatInterval, HeartbeatInterval);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task JoinAsync(int claimId, string sessionId, string userId, string displayName)
    {
        var session = new Session(userId, displayName, false);
        lock (_gate)
        {
            if (!_local.TryGetValue(claimId, out var sessions)) _local[claimId] = sessions = [];
            if (sessions.TryGetValue(sessionId, out var existing) && existing.UserId == userId) return;
            sessions[sessionId] = session;
        }
        await WriteAsync(claimId, sessionId, session);
        await ChangedAsync(claimId, displayName);
    }

    public async Task LeaveAsync(int claimId, string sessionId)
    {
        Session? left;
        lock (_gate)
        {
            if (!_local.TryGetValue(claimId, out var sessions) || !sessions.Remove(sessionId, out left)) return;
            if (sessions.Count == 0) _local.Remove(claimId);
        }
        await RemoveAsync(claimId, sessionId);
        await ChangedAsync(claimId, left.DisplayName);
    }

    public async Task SetEditingAsync(int claimId, string sessionId, bool editing)
    {
        Session? session;
        lock (_gate)
        {
            if (!_local.TryGetValue(claimId, out var sessions) || !sessions.TryGetValue(sessionId, out session)) return;
            if (session.Editing == editing) return;
            sessions[sessionId] = session = session with { Editing = editing };
        }
        await WriteAsync(claimId, sessionId, session);
        await ChangedAsync(claimId, session.DisplayName);
    }

    public async Task LeaveAllAsync(string sessionId)
    {
        List<(int ClaimId, Session Session)> left = [];
        lock (_gate)
        {
            foreach (var (claimId, sessions) in _local)
                if (sessions.Remove(sessionId, out var session)) left.Add((claimId, session));
            foreach (var (claimId, _) in left)
                if (_local[claimId].Count == 0) _local.Remove(claimId);
        }
        foreach (var (claimId, session) in left)
        {
            await RemoveAsync(claimId, sessionId);
            await ChangedAsync(claimId, session.DisplayName);
        }
    }

    public IReadOnlyList<ClaimViewer> Viewers(int claimId)
    {
        lock (_gate)
        {
            if (_shared.TryGetValue(claimId, out var shared)) return shared;
            return _local.TryGetValue(claimId, out var sessions) ? Merge(sessions.Values.Select(s => (s.UserId, s.DisplayName, s.Editing))) : [];
        }
    }

    public IDisposable Subscribe(Func<ClaimPresenceChange, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    /// <summary>After a change here: re-read the claim, tell this instance's subscribers, then the other instances.</summary>
    private async Task ChangedAsync(int claimId, string actor)
    {
        var viewers = await RefreshAsync(claimId);
        await NotifyAsync(new ClaimPresenceChange(claimId, actor, viewers));
        try
        {
            await (await redis.GetAsync()).GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Announcement(_instance, claimId, actor), Json));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Could not announce a presence change on claim {ClaimId}", claimId);
        }
    }

    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var announcement = JsonSerializer.Deserialize<Announcement>(message.ToString(), Json);
            if (announcement is null || announcement.Origin == _instance) return;
            // Only claims someone here is viewing matter here; the others are not read at all.
            lock (_gate)
            {
                if (!_local.ContainsKey(announcement.ClaimId)) return;
            }
            var viewers = await RefreshAsync(announcement.ClaimId);
            await NotifyAsync(new ClaimPresenceChange(announcement.ClaimId, announcement.Actor, viewers, FromOtherInstance: true));
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed presence message from Redis");
        }
    }

    /// <summary>
    /// Reads the claim's sessions from Redis (dropping expired ones) and keeps the list while someone
    /// here views the claim; without Redis the list is this instance's own sessions.
    /// </summary>
    private async Task<IReadOnlyList<ClaimViewer>> RefreshAsync(int claimId)
    {
        IReadOnlyList<ClaimViewer>? viewers = null;
        try
        {
            var database = (await redis.GetAsync()).GetDatabase();
            var entries = await database.HashGetAllAsync(Key(claimId));
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            List<(string UserId, string DisplayName, bool Editing)> alive = [];
            List<RedisValue> expired = [];
            foreach (var entry in entries)
            {
                var stored = Parse(entry.Value);
                if (stored is null || stored.Until < now) expired.Add(entry.Name);
                else alive.Add((stored.UserId, stored.DisplayName, stored.Editing));
            }
            if (expired.Count > 0) await database.HashDeleteAsync(Key(claimId), [.. expired]);
            viewers = Merge(alive);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Redis unreachable: presence of claim {ClaimId} from this instance only", claimId);
        }
        lock (_gate)
        {
            if (viewers is null)
            {
                _shared.Remove(claimId);
                return _local.TryGetValue(claimId, out var sessions) ? Merge(sessions.Values.Select(s => (s.UserId, s.DisplayName, s.Editing))) : [];
            }
            if (_local.ContainsKey(claimId)) _shared[claimId] = viewers;
            else _shared.Remove(claimId);
            return viewers;
        }
    }

    /// <summary>Keeps this instance's sessions alive in Redis (and writes them back after an outage), and notices sessions that expired.</summary>
    private async Task HeartbeatAsync()
    {
        // A slow round (Redis timing out) must not pile up behind the timer.
        if (Interlocked.Exchange(ref _beating, 1) == 1) return;
        try
        {
            await RefreshOwnSessionsAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Presence heartbeat failed; the next one retries");
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    private async Task RefreshOwnSessionsAsync()
    {
        List<(int ClaimId, string SessionId, Session Session)> sessions;
        lock (_gate) sessions = _local.SelectMany(c => c.Value.Select(s => (c.Key, s.Key, s.Value))).ToList();
        foreach (var (claimId, sessionId, session) in sessions) await WriteAsync(claimId, sessionId, session);
        foreach (var claimId in sessions.Select(s => s.ClaimId).Distinct())
        {
            var before = Viewers(claimId);
            var after = await RefreshAsync(claimId);
            // E.g. another instance stopped without saying goodbye: its sessions just expired.
            if (!before.SequenceEqual(after)) await NotifyAsync(new ClaimPresenceChange(claimId, "", after));
        }
    }

    private async Task WriteAsync(int claimId, string sessionId, Session session)
    {
        try
        {
            var database = (await redis.GetAsync()).GetDatabase();
            var until = clock.GetUtcNow().Add(_lifetime).ToUnixTimeMilliseconds();
            var value = JsonSerializer.Serialize(new StoredSession(session.UserId, session.DisplayName, session.Editing, until), Json);
            await database.HashSetAsync(Key(claimId), sessionId, value);
            // The whole hash goes when nobody refreshes any of its sessions.
            await database.KeyExpireAsync(Key(claimId), _lifetime * 2);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Could not store presence of claim {ClaimId} in Redis", claimId);
        }
    }

    private async Task RemoveAsync(int claimId, string sessionId)
    {
        try
        {
            await (await redis.GetAsync()).GetDatabase().HashDeleteAsync(Key(claimId), sessionId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Could not remove presence of claim {ClaimId} from Redis", claimId);
        }
    }

    private async Task NotifyAsync(ClaimPresenceChange change)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A presence subscriber failed on claim {ClaimId}", change.ClaimId);
            }
        }
    }

    private static StoredSession? Parse(RedisValue value)
    {
        try
        {
            return JsonSerializer.Deserialize<StoredSession>(value.ToString(), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One viewer per person, editing when any of their sessions is; sorted by name (as <see cref="ClaimPresence"/>).</summary>
    private static List<ClaimViewer> Merge(IEnumerable<(string UserId, string DisplayName, bool Editing)> sessions) => sessions
        .GroupBy(s => s.UserId)
        .Select(g => new ClaimViewer(g.Key, g.First().DisplayName, g.Any(s => s.Editing)))
        .OrderBy(v => v.DisplayName, StringComparer.CurrentCultureIgnoreCase)
        .ToList();

    public void Dispose() => _heartbeat?.Dispose();

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
        }
    }
}
