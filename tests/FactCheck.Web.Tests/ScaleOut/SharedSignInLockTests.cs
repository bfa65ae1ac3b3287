using System.Net;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using FactCheck.E2E;
using FactCheck.Web.Components.Account;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.ScaleOut;

/// <summary>
/// Two instances behind a balancer share one account's guessing limit through Redis: a burst of wrong
/// passwords spread over both gets no more checks than one instance alone would give, and the
/// owner's trusted browser keeps its own limit whichever instance it reaches.
/// </summary>
public sealed class SharedSignInLockTests : IAsyncLifetime
{
    private RedisServer redis = default!;
    private FactCheckWebFactory instanceA = default!;
    private FactCheckWebFactory instanceB = default!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        instanceA = new FactCheckWebFactory { Settings = new Dictionary<string, string?> { ["Realtime:Redis"] = redis.ConnectionString } };
        // The first instance migrates and seeds the database before the second one opens it.
        _ = instanceA.Services;
        instanceB = new FactCheckWebFactory
        {
            Settings = new Dictionary<string, string?> { ["Realtime:Redis"] = redis.ConnectionString, ["ConnectionStrings:FactCheck"] = instanceA.ConnectionString },
        };
        _ = instanceB.Services;
    }

    public async Task DisposeAsync()
    {
        instanceB.Dispose();
        instanceA.Dispose();
        await redis.DisposeAsync();
    }

    private async Task<string> NewReviewerAsync()
    {
        var email = $"reviewer-{Guid.NewGuid():N}@factcheck.local";
        await instanceA.Services.GetRequiredService<UserAdminService>().CreateAsync(await instanceA.ActorAsync("admin@factcheck.local"), email, "Reviewer person", "Strong-pass-1", [Roles.Reviewer]);
        return email;
    }

    [Fact]
    public async Task A_burst_of_wrong_passwords_spread_over_two_instances_gets_at_most_five_checks()
    {
        var email = await NewReviewerAsync();
        var clients = Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? instanceA : instanceB).CreateBrowserClient()).ToList();
        // Fetch the forms first, so the posts themselves arrive together.
        var responses = await Task.WhenAll(clients.Select((c, i) => FactCheckWebFactory.PostLoginAsync(c, email, "wrong-guess-" + i)));

        var checkedAndWrong = 0;
        foreach (var response in responses)
        {
            if ((await response.Content.ReadAsStringAsync()).Contains("Wrong e-mail or password", StringComparison.Ordinal)) checkedAndWrong++;
        }
        Assert.InRange(checkedAndWrong, 1, 5);
        Assert.Equal(60 - checkedAndWrong, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("Lockout", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_trusted_browser_gets_five_tries_in_all_during_a_lock_whichever_instance_answers()
    {
        var email = await NewReviewerAsync();
        var signedIn = await FactCheckWebFactory.PostLoginAsync(instanceA.CreateBrowserClient(), email, "Strong-pass-1");
        var device = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(PasswordSignIn.DeviceCookie + "=", StringComparison.Ordinal));
        for (var i = 0; i < 5; i++) await FactCheckWebFactory.PostLoginAsync(instanceB.CreateBrowserClient(), email, "stranger-" + i);

        // The owner's browser, now mistyping, reaching either instance behind the balancer.
        var checkedAndWrong = 0;
        for (var i = 0; i < 10; i++)
        {
            var response = await FactCheckWebFactory.PostLoginAsync(OwnersBrowser(i % 2 == 0 ? instanceA : instanceB, device), email, "owner-typo-" + i);
            if ((await response.Content.ReadAsStringAsync()).Contains("Wrong e-mail or password", StringComparison.Ordinal)) checkedAndWrong++;
        }
        Assert.Equal(PasswordSignIn.MaxDeviceFailures, checkedAndWrong);
    }

    /// <summary>A cookie-keeping client that already holds the owner's device cookie, without following redirects.</summary>
    private static HttpClient OwnersBrowser(FactCheckWebFactory instance, string deviceCookie)
    {
        var cookies = new CookieContainer();
        var (name, value) = (deviceCookie[..deviceCookie.IndexOf('=')], deviceCookie[(deviceCookie.IndexOf('=') + 1)..]);
        cookies.Add(new Uri("http://localhost/Account/"), new Cookie(name, value, "/Account"));
        return instance.CreateDefaultClient(new CookieContainerHandler(cookies));
    }
}
