using System.Net;
using FactCheck.Core.Common;
using FactCheck.Core.Presence;
using FactCheck.Core.Readers;
using FactCheck.Core.ScaleOut;
using FactCheck.Core.Settings;
using FactCheck.E2E;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.ScaleOut;

/// <summary>
/// Two app instances on one database and one real Redis (Debian's redis-server on a free port):
/// presence, rate limits and the settings cache are the same whichever instance answers.
/// </summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private const int ReaderLimit = 3;

    private RedisServer redis = default!;
    private FactCheckWebFactory instanceA = default!;
    private FactCheckWebFactory instanceB = default!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        instanceA = new FactCheckWebFactory { LoginAttemptsPerMinute = 3, Settings = SharedSettings(null) };
        // The first instance migrates and seeds the database before the second one opens it.
        _ = instanceA.Services;
        instanceB = new FactCheckWebFactory { LoginAttemptsPerMinute = 3, Settings = SharedSettings(instanceA.ConnectionString) };
        _ = instanceB.Services;
    }

    private Dictionary<string, string?> SharedSettings(string? connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Realtime:Redis"] = redis.ConnectionString,
            ["Realtime:PresenceLifetimeSeconds"] = "3",
            ["Readers:SuggestionsPerHour"] = ReaderLimit.ToString(),
        };
        if (connectionString is not null) settings["ConnectionStrings:FactCheck"] = connectionString;
        return settings;
    }

    public async Task DisposeAsync()
    {
        instanceB.Dispose();
        instanceA.Dispose();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task A_viewer_on_one_instance_is_seen_with_their_editing_state_on_the_other_until_they_leave()
    {
        var onA = instanceA.Services.GetRequiredService<IClaimPresence>();
        var onB = instanceB.Services.GetRequiredService<IClaimPresence>();
        await onB.JoinAsync(101, "circuit:bob", "bob-id", "Bob");

        var aliceEditing = ChangeOn(onB, 101, viewers => viewers.Any(v => v.DisplayName == "Alice" && v.Editing));
        var aliceSeen = ChangeOn(onB, 101, viewers => viewers.Any(v => v.DisplayName == "Alice"));
        await onA.JoinAsync(101, "circuit:alice", "alice-id", "Alice");
        var change = await aliceSeen;
        Assert.True(change.FromOtherInstance);
        Assert.Equal(["Alice", "Bob"], onB.Viewers(101).Select(v => v.DisplayName));
        Assert.Equal(["Alice", "Bob"], onA.Viewers(101).Select(v => v.DisplayName));

        await onA.SetEditingAsync(101, "circuit:alice", true);
        await aliceEditing;
        Assert.Contains(onB.Viewers(101), v => v.DisplayName == "Alice" && v.Editing);

        var aliceGone = ChangeOn(onB, 101, viewers => viewers.All(v => v.DisplayName != "Alice"));
        await onA.LeaveAllAsync("circuit:alice");
        await aliceGone;
        Assert.Equal(["Bob"], onB.Viewers(101).Select(v => v.DisplayName));
    }

    [Fact]
    public async Task Viewers_of_an_instance_that_stops_without_leaving_disappear_from_the_others()
    {
        var onA = instanceA.Services.GetRequiredService<IClaimPresence>();
        var onB = instanceB.Services.GetRequiredService<IClaimPresence>();
        await onA.JoinAsync(202, "circuit:alice", "alice-id", "Alice");
        var bobSeen = ChangeOn(onA, 202, viewers => viewers.Any(v => v.DisplayName == "Bob"));
        await onB.JoinAsync(202, "circuit:bob", "bob-id", "Bob");
        await bobSeen;

        // B goes away as a crash would: nobody calls Leave, its heartbeat simply stops.
        var bobExpired = ChangeOn(onA, 202, viewers => viewers.All(v => v.DisplayName != "Bob"));
        instanceB.Dispose();
        await bobExpired;
        Assert.Equal(["Alice"], onA.Viewers(202).Select(v => v.DisplayName));
    }

    [Fact]
    public async Task A_rate_limit_counts_hits_on_every_instance_together()
    {
        var onA = instanceA.Services.GetRequiredService<ISlidingWindowRateLimiter>();
        var onB = instanceB.Services.GetRequiredService<ISlidingWindowRateLimiter>();
        var first = await onA.TryAcquireAsync("test:shared", 2, TimeSpan.FromHours(1));
        Assert.True((await onB.TryAcquireAsync("test:shared", 2, TimeSpan.FromHours(1))).Allowed);

        var third = await onA.TryAcquireAsync("test:shared", 2, TimeSpan.FromHours(1));
        Assert.False(third.Allowed);
        Assert.Equal(2, third.Count);
        Assert.True(third.RetryAt > DateTimeOffset.UtcNow.AddMinutes(59));

        // A hit given back (its action did not happen) frees its slot for every instance.
        await onA.ReleaseAsync("test:shared", first.HitId!);
        Assert.True((await onB.TryAcquireAsync("test:shared", 2, TimeSpan.FromHours(1))).Allowed);
    }

    [Fact]
    public async Task A_burst_of_reader_suggestions_on_both_instances_stores_no_more_than_the_hourly_limit()
    {
        var reader = await instanceA.ActorAsync("reader@factcheck.local");
        var readersOnA = instanceA.Services.GetRequiredService<ReaderRequestService>();
        var readersOnB = instanceB.Services.GetRequiredService<ReaderRequestService>();
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await (i % 2 == 0 ? readersOnA : readersOnB).SuggestAsync(reader, $"Claim number {i} to check, said on Monday.", null);
                return true;
            }
            catch (ValidationException ex)
            {
                Assert.Contains("the most we accept", ex.Message);
                return false;
            }
        });
        var stored = (await Task.WhenAll(attempts)).Count(ok => ok);

        Assert.Equal(ReaderLimit, stored);
        Assert.Equal(ReaderLimit, (await readersOnB.ListMineAsync(reader)).Suggestions.Count);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_across_instances()
    {
        // Three attempts a minute: two on A and one on B use them up, the fourth (on A) is refused.
        using var clientA = instanceA.CreateBrowserClient();
        using var clientB = instanceB.CreateBrowserClient();
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FactCheckWebFactory.PostLoginAsync(clientA, "reader@factcheck.local", "wrong-password-1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FactCheckWebFactory.PostLoginAsync(clientB, "reader@factcheck.local", "wrong-password-1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FactCheckWebFactory.PostLoginAsync(clientA, "reader@factcheck.local", "wrong-password-1")).StatusCode);

        var refused = await FactCheckWebFactory.PostLoginAsync(clientB, "reader@factcheck.local", "wrong-password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
    }

    [Fact]
    public async Task Settings_saved_on_one_instance_replace_what_the_other_has_cached()
    {
        var settingsOnA = instanceA.Services.GetRequiredService<SiteSettingsService>();
        var settingsOnB = instanceB.Services.GetRequiredService<SiteSettingsService>();
        Assert.Equal("FactCheck", (await settingsOnA.GetProfileAsync()).Organization.Name);

        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = instanceA.Services.GetRequiredService<IClusterSignals>().Subscribe(ClusterTopics.SiteSettingsChanged, () => signalled.TrySetResult());
        var admin = await instanceB.ActorAsync("admin@factcheck.local");
        var input = await settingsOnB.GetForEditAsync(admin);
        input.OrganizationName = "Shared Newsroom";
        await settingsOnB.UpdateAsync(admin, input);

        await signalled.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("Shared Newsroom", (await settingsOnA.GetProfileAsync()).Organization.Name);
    }

    /// <summary>Completes with the first change of <paramref name="claimId"/>'s viewers on that instance that matches.</summary>
    private static async Task<ClaimPresenceChange> ChangeOn(IClaimPresence presence, int claimId, Func<IReadOnlyList<ClaimViewer>, bool> matches)
    {
        var seen = new TaskCompletionSource<ClaimPresenceChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = presence.Subscribe(change =>
        {
            if (change.ClaimId == claimId && matches(change.Viewers)) seen.TrySetResult(change);
            return Task.CompletedTask;
        });
        return await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
