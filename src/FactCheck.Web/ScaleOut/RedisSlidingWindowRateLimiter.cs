using FactCheck.Core.ScaleOut;
using StackExchange.Redis;

namespace FactCheck.Web.ScaleOut;

/// <summary>
/// Sliding windows in Redis, shared by every instance: one sorted set per key (a member per hit,
/// scored by the Redis server's clock, so instances with skewed clocks agree), trimmed, counted and
/// added to in one Lua script, so parallel requests on several instances cannot all pass. While Redis
/// is unreachable this instance counts alone (<paramref name="fallback"/>) rather than refusing everyone
/// or admitting everything.
/// </summary>
public sealed class RedisSlidingWindowRateLimiter(
    RedisConnection redis,
    InMemorySlidingWindowRateLimiter fallback,
    TimeProvider clock,
    ILogger<RedisSlidingWindowRateLimiter> logger) : ISlidingWindowRateLimiter
{
    private const string KeyPrefix = "factcheck:ratelimit:";

    // KEYS[1] the window; ARGV: window in ms, limit, member. Returns {admitted 0|1, count, ms until the oldest hit leaves}.
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local window = tonumber(@window)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        local count = redis.call('ZCARD', @key)
        if count >= tonumber(@limit) then
          local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
          return {0, count, tonumber(oldest[2]) + window - now}
        end
        redis.call('ZADD', @key, now, @member)
        redis.call('PEXPIRE', @key, window)
        return {1, count + 1, 0}
        """);

    public async Task<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var member = Guid.NewGuid().ToString("N");
        try
        {
            var database = (await redis.GetAsync()).GetDatabase();
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(Script,
                new { key = (RedisKey)(KeyPrefix + key), window = (long)window.TotalMilliseconds, limit, member }))!;
            var admitted = (int)result[0] == 1;
            var count = (int)result[1];
            return admitted
                ? new RateLimitDecision(true, count, null, member)
                : new RateLimitDecision(false, count, clock.GetUtcNow().AddMilliseconds((long)result[2]), null);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable: rate limit {Key} counted on this instance only", key);
            return await fallback.TryAcquireAsync(key, limit, window, cancellationToken);
        }
    }

    public async Task ReleaseAsync(string key, string hitId, CancellationToken cancellationToken = default)
    {
        await fallback.ReleaseAsync(key, hitId, cancellationToken);
        try
        {
            await (await redis.GetAsync()).GetDatabase().SortedSetRemoveAsync(KeyPrefix + key, hitId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not give back a rate limit hit on {Key}", key);
        }
    }
}
