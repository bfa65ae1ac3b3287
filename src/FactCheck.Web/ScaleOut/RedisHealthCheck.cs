using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FactCheck.Web.ScaleOut;

/// <summary>Part of /health/ready when Realtime:Redis is set: the instance is ready only while Redis answers a PING.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await redis.GetAsync();
            if (!multiplexer.IsConnected) return HealthCheckResult.Unhealthy("Redis (Realtime:Redis) is not connected.");
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Redis (Realtime:Redis) did not answer.", ex);
        }
    }
}
