using FactCheck.Web.Components.Account;
using StackExchange.Redis;

namespace FactCheck.Web.ScaleOut;

/// <summary>
/// <see cref="ISignInAttemptLocks"/> shared by every instance. An account's checks are serialized by
/// a Redis lock (SET NX with an expiry, released only by its holder), taken after this instance's own
/// stripe so one instance's burst waits locally instead of polling Redis; device failure counts are
/// Redis counters that expire with the lockout. While Redis is unreachable each instance falls back
/// to its own locks and counts, as the other shared limits do.
/// </summary>
public sealed class RedisSignInAttemptLocks(RedisConnection redis, SignInAttemptLocks local, ILogger<RedisSignInAttemptLocks> logger) : ISignInAttemptLocks
{
    private const string AccountPrefix = "factcheck:signin:account:";
    private const string DevicePrefix = "factcheck:signin:device:";
    // Longer than any one check (a hash and two small writes), so a crashed holder frees the account soon.
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(20);
    // As long as Identity's lockout: a device's failures are forgotten when a lock would end.
    private static readonly TimeSpan DeviceWindow = TimeSpan.FromMinutes(15);

    private static readonly LuaScript ReleaseScript = LuaScript.Prepare("""
        if redis.call('GET', @key) == @token then return redis.call('DEL', @key) end
        return 0
        """);

    public async Task<IAsyncDisposable> AcquireAsync(string email)
    {
        var held = await local.AcquireAsync(email);
        var key = AccountPrefix + SignInAttemptLocks.AccountKey(email);
        var token = Guid.NewGuid().ToString("N");
        try
        {
            var database = (await redis.GetAsync()).GetDatabase();
            // Give up waiting after a lock's lifetime: by then the holder has finished or crashed.
            var deadline = DateTime.UtcNow + LockLifetime;
            while (!await database.StringSetAsync(key, token, LockLifetime, When.NotExists))
            {
                if (DateTime.UtcNow > deadline)
                {
                    logger.LogWarning("Sign-in lock {Key} still held after {Lifetime}: checking without it", key, LockLifetime);
                    return held;
                }
                await Task.Delay(RetryEvery);
            }
            return new SharedLock(database, key, token, held, logger);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable: sign-in checks of an account are serialized on this instance only");
            return held;
        }
    }

    public async Task<int> DeviceFailuresAsync(string device)
    {
        try
        {
            var value = await (await redis.GetAsync()).GetDatabase().StringGetAsync(DevicePrefix + device);
            return Math.Max((int)(value.IsNull ? 0 : (long)value), await local.DeviceFailuresAsync(device));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable: device failures counted on this instance only");
            return await local.DeviceFailuresAsync(device);
        }
    }

    public async Task CountDeviceFailureAsync(string device)
    {
        try
        {
            var database = (await redis.GetAsync()).GetDatabase();
            await database.StringIncrementAsync(DevicePrefix + device);
            await database.KeyExpireAsync(DevicePrefix + device, DeviceWindow);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable: device failure counted on this instance only");
            await local.CountDeviceFailureAsync(device);
        }
    }

    public async Task ResetDeviceAsync(string device)
    {
        await local.ResetDeviceAsync(device);
        try
        {
            await (await redis.GetAsync()).GetDatabase().KeyDeleteAsync(DevicePrefix + device);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis is unreachable: could not forget a device's failures");
        }
    }

    private sealed class SharedLock(IDatabase database, string key, string token, IAsyncDisposable local, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await database.ScriptEvaluateAsync(ReleaseScript, new { key = (RedisKey)key, token });
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // It expires by itself within LockLifetime.
                logger.LogWarning(ex, "Could not release sign-in lock {Key}", key);
            }
            await local.DisposeAsync();
        }
    }
}
