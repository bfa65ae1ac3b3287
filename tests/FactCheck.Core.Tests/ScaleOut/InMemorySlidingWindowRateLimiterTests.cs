using FactCheck.Core.ScaleOut;

namespace FactCheck.Core.Tests.ScaleOut;

public sealed class InMemorySlidingWindowRateLimiterTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task The_limit_applies_per_key_within_a_sliding_window()
    {
        var clock = new ManualClock();
        var limiter = new InMemorySlidingWindowRateLimiter(clock);
        Assert.True((await limiter.TryAcquireAsync("a", 2, TimeSpan.FromHours(1))).Allowed);
        clock.Now = clock.Now.AddMinutes(30);
        Assert.True((await limiter.TryAcquireAsync("a", 2, TimeSpan.FromHours(1))).Allowed);
        Assert.True((await limiter.TryAcquireAsync("b", 2, TimeSpan.FromHours(1))).Allowed);

        var refused = await limiter.TryAcquireAsync("a", 2, TimeSpan.FromHours(1));
        Assert.False(refused.Allowed);
        Assert.Equal(2, refused.Count);
        // The oldest hit leaves the window 30 minutes from now.
        Assert.Equal(clock.Now.AddMinutes(30), refused.RetryAt);
        Assert.Equal(30, refused.MinutesToWait(clock.Now));

        clock.Now = clock.Now.AddMinutes(30).AddSeconds(1);
        Assert.True((await limiter.TryAcquireAsync("a", 2, TimeSpan.FromHours(1))).Allowed);
    }

    [Fact]
    public async Task A_released_hit_frees_its_slot()
    {
        var limiter = new InMemorySlidingWindowRateLimiter(new ManualClock());
        var first = await limiter.TryAcquireAsync("a", 1, TimeSpan.FromMinutes(1));
        Assert.False((await limiter.TryAcquireAsync("a", 1, TimeSpan.FromMinutes(1))).Allowed);
        await limiter.ReleaseAsync("a", first.HitId!);
        Assert.True((await limiter.TryAcquireAsync("a", 1, TimeSpan.FromMinutes(1))).Allowed);
    }

    [Fact]
    public async Task Parallel_hits_never_pass_the_limit()
    {
        var limiter = new InMemorySlidingWindowRateLimiter(new ManualClock());
        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => limiter.TryAcquireAsync("a", 5, TimeSpan.FromHours(1)))));
        Assert.Equal(5, decisions.Count(d => d.Allowed));
    }
}
