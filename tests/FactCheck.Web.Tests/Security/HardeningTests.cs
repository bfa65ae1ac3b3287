using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Core.Documents;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using FactCheck.Web.Tests.Api;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Security;

/// <summary>The findings of issue 11 ("Why"), each reproduced over HTTP against the running app.</summary>
public sealed class HardeningTests(FactCheckWebFactory factory) : IClassFixture<FactCheckWebFactory>
{
    private IDbContextFactory<FactCheckDbContext> Db => factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();
    private ReviewService Review => factory.Services.GetRequiredService<ReviewService>();

    private async Task<int> NewClaimAsync(string title)
    {
        var importer = factory.Services.GetRequiredService<DocumentImportService>();
        var text = $"The ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March. Ref {Guid.NewGuid()}.";
        return (await importer.ImportAsync(await factory.ActorAsync("lead@factcheck.local"), new ImportRequest(title, text))).Claims[0].Id;
    }

    private async Task<string> NewUserAsync(string role, string password = "Strong-pass-1")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@factcheck.local";
        await factory.Services.GetRequiredService<UserAdminService>().CreateAsync(await factory.ActorAsync("admin@factcheck.local"), email, role + " person", password, [role]);
        return email;
    }

    private static void AssertHome(HttpResponseMessage response)
    {
        var target = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", target.Host);
        Assert.Equal("/", target.AbsolutePath);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await FactCheckWebFactory.PostLoginAsync(client, email, password);

    // HIGH: Markdown bombs already stored render as text instead of failing the page.

    [Fact]
    public async Task A_comment_bomb_stored_before_the_limit_renders_the_claim_page_as_text()
    {
        var claimId = await NewClaimAsync("Bomb comment");
        var lead = await factory.ActorAsync("lead@factcheck.local");
        await using (var db = await Db.CreateDbContextAsync())
        {
            db.Comments.Add(new Comment { ClaimId = claimId, AuthorId = lead.UserId!, Body = new string('>', 300) + "boom", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var client = await factory.SignedInClientAsync("lead@factcheck.local");

        var response = await client.GetAsync($"/claims/{claimId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&gt;&gt;&gt;&gt;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_bomb_stored_before_the_limit_renders_the_public_verdict_page()
    {
        var (slug, claimId) = await PublishAsync("Bomb summary");
        await using (var db = await Db.CreateDbContextAsync())
            await db.Publications.Where(p => p.ClaimId == claimId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Summary, new string('>', 200) + "boom"));

        var response = await factory.CreateBrowserClient().GetAsync($"/verdicts/{slug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("boom", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_bomb_is_refused_at_save_with_a_message_and_nothing_is_stored()
    {
        var claimId = await NewClaimAsync("Bomb refused");
        var lead = await factory.ActorAsync("lead@factcheck.local");

        var error = await Assert.ThrowsAsync<FactCheck.Core.Common.ValidationException>(() => Review.AddCommentAsync(lead, claimId, new string('>', 300) + "x"));

        Assert.Contains("Comment", error.Message, StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.Comments.AnyAsync(c => c.ClaimId == claimId));
    }

    private async Task<(string Slug, int ClaimId)> PublishAsync(string title)
    {
        var claimId = await NewClaimAsync(title);
        var lead = await factory.ActorAsync("lead@factcheck.local");
        var alice = await factory.ActorAsync("alice@factcheck.local");
        await Review.AssignAsync(lead, claimId, alice.UserId!);
        await Review.AddSourceAsync(alice, claimId, "https://stats.example/published", "Published source", SourceStance.Refutes);
        await Review.SaveVerdictAsync(alice, claimId, Rating.False, "Wrong.");
        return ((await Review.PublishAsync(lead, claimId, Rating.False, "The published summary.")).Slug, claimId);
    }

    // MEDIUM: public outputs read the publication's snapshot, not the live claim.

    [Fact]
    public async Task Reopening_editing_and_adding_a_draft_source_leave_every_public_output_unchanged()
    {
        var (slug, claimId) = await PublishAsync("Snapshot");
        string publishedText;
        await using (var db = await Db.CreateDbContextAsync())
            publishedText = await db.Claims.Where(c => c.Id == claimId).Select(c => c.Text).SingleAsync();
        var lead = await factory.ActorAsync("lead@factcheck.local");
        await Review.ReopenAsync(lead, claimId);
        var claimVersion = (await factory.Services.GetRequiredService<ClaimQueryService>().GetAsync(lead, claimId))!.Version;
        await Review.EditClaimAsync(lead, claimId, "UNPUBLISHED EDIT of the claim", "Unpublished Claimant", FactCheck.Extraction.ClaimKind.Statistic, claimVersion);
        await Review.AddSourceAsync(await factory.ActorAsync("alice@factcheck.local"), claimId, "https://draft.example/secret", "DRAFT SOURCE", SourceStance.Supports);
        var anonymous = factory.CreateBrowserClient();

        var outputs = new[]
        {
            await anonymous.GetStringAsync($"/verdicts/{slug}"),
            await anonymous.GetStringAsync("/api/claimreviews"),
            await anonymous.GetStringAsync("/verdicts/feed.atom"),
            await anonymous.GetStringAsync("/verdicts"),
        };
        // Public search finds the claim by its published words only (the box echoes the query, so look for the result).
        Assert.DoesNotContain($"verdicts/{slug}", await anonymous.GetStringAsync("/verdicts?q=UNPUBLISHED+EDIT"), StringComparison.Ordinal);

        foreach (var output in outputs)
        {
            Assert.DoesNotContain("UNPUBLISHED", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unpublished Claimant", output, StringComparison.Ordinal);
            Assert.DoesNotContain("DRAFT SOURCE", output, StringComparison.Ordinal);
            Assert.DoesNotContain("draft.example", output, StringComparison.Ordinal);
        }
        Assert.Contains(WebUtility.HtmlEncode(publishedText)[..20], outputs[0], StringComparison.Ordinal);
        Assert.Contains("Published source", outputs[0], StringComparison.Ordinal);
    }

    // HIGH: role and lock changes take effect on the next request and end hub connections.

    [Fact]
    public async Task A_demoted_and_locked_lead_loses_exports_imports_dashboard_and_the_hub_at_once()
    {
        var email = await NewUserAsync(Roles.Lead);
        var cookies = new CookieContainerHandler();
        var client = factory.CreateDefaultClient(cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, email, "Strong-pass-1")).StatusCode);
        var noRedirects = client;
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync("/api/exports/claims.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync("/dashboard")).StatusCode);
        var hub = new HubConnectionBuilder().WithUrl(new Uri(factory.Server.BaseAddress, "hubs/review"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            options.Headers["Cookie"] = cookies.Container.GetCookieHeader(factory.Server.BaseAddress);
        }).Build();
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();

        var users = factory.Services.GetRequiredService<UserAdminService>();
        var admin = await factory.ActorAsync("admin@factcheck.local");
        var userId = (await factory.ActorAsync(email)).UserId!;
        await users.SetRolesAsync(admin, userId, [Roles.Reviewer]);
        await users.SetLockedAsync(admin, userId, true);

        Assert.True((await noRedirects.GetAsync("/api/exports/claims.csv")).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noRedirects.PostAsync("/api/documents", new StringContent("The rate rose 5% in May.", Encoding.UTF8, "text/plain"))).StatusCode);
        var dashboard = await noRedirects.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/Account/Login", dashboard.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await noRedirects.GetAsync("/documents/import")).StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        await hub.DisposeAsync();
    }

    // MEDIUM: cross-site requests riding on the cookie, and the hub's claim checks.

    [Theory]
    [InlineData("Origin", "http://localhost:8081")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cross_origin_import_with_the_leads_cookie_is_refused_and_stores_nothing(string header, string value)
    {
        var client = await factory.SignedInClientAsync("lead@factcheck.local");
        var before = await CountDocumentsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = new StringContent($"Prices rose 40% in {Guid.NewGuid()}.", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-origin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountDocumentsAsync());
    }

    [Fact]
    public async Task A_same_origin_import_by_cookie_and_a_bearer_token_import_from_anywhere_still_work()
    {
        // A cookie write carries the antiforgery header, as the app's own pages send it.
        var client = await factory.SignedInApiClientAsync("lead@factcheck.local");
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = new StringContent($"Prices rose 41% in {Guid.NewGuid()}.", Encoding.UTF8, "text/plain") };
        sameOrigin.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(sameOrigin)).StatusCode);

        var token = await factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(await factory.ActorAsync("lead@factcheck.local"), "cross " + Guid.NewGuid(), ["lead"]);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = new StringContent($"Prices rose 42% in {Guid.NewGuid()}.", Encoding.UTF8, "text/plain") };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        bearer.Headers.TryAddWithoutValidation("Origin", "https://integrator.example");
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public async Task The_hub_refuses_a_cross_origin_connection_with_the_cookie()
    {
        var client = await factory.SignedInClientAsync("lead@factcheck.local");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/review/negotiate?negotiateVersion=1");
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:9999");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    private async Task<HubConnection> TokenHubAsync(string email)
    {
        var secret = await factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(await factory.ActorAsync(email), "hub " + Guid.NewGuid(), ["read"]);
        var hub = new HubConnectionBuilder().WithUrl(new Uri(factory.Server.BaseAddress, "hubs/review"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            options.AccessTokenProvider = () => Task.FromResult<string?>(secret);
        }).Build();
        await hub.StartAsync();
        return hub;
    }

    [Fact]
    public async Task The_hub_refuses_joining_claims_that_do_not_exist_and_editing_claims_the_caller_is_not_on()
    {
        await using var bob = await TokenHubAsync("bob@factcheck.local");
        var claimId = await NewClaimAsync("Hub checks");

        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("JoinClaim", 987_654));
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SetEditing", claimId, true));
        await bob.InvokeAsync("JoinClaim", claimId);
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync("SetEditing", claimId, true));

        Assert.DoesNotContain(factory.Services.GetRequiredService<FactCheck.Core.Presence.IClaimPresence>().Viewers(claimId), v => v.Editing);
        Assert.Empty(factory.Services.GetRequiredService<FactCheck.Core.Presence.IClaimPresence>().Viewers(987_654));
    }

    [Fact]
    public async Task A_hub_connection_follows_a_limited_number_of_claims()
    {
        await using var alice = await TokenHubAsync("alice@factcheck.local");
        List<int> ids;
        await using (var db = await Db.CreateDbContextAsync())
            ids = await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Take(FactCheck.Web.Realtime.ReviewHub.MaxJoinedClaims + 1).ToListAsync();
        Assert.Equal(FactCheck.Web.Realtime.ReviewHub.MaxJoinedClaims + 1, ids.Count);

        foreach (var id in ids.Take(FactCheck.Web.Realtime.ReviewHub.MaxJoinedClaims)) await alice.InvokeAsync("JoinClaim", id);
        await Assert.ThrowsAsync<HubException>(() => alice.InvokeAsync("JoinClaim", ids[^1]));
        await alice.InvokeAsync("LeaveClaim", ids[0]);
        await alice.InvokeAsync("JoinClaim", ids[^1]);
    }

    private async Task<int> CountDocumentsAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Documents.CountAsync();
    }

    // MEDIUM: sign-in guessing limits.

    [Fact]
    public async Task A_burst_of_fifty_wrong_passwords_gets_at_most_five_checks()
    {
        var email = await NewUserAsync(Roles.Reviewer);
        var clients = Enumerable.Range(0, 50).Select(_ => factory.CreateBrowserClient()).ToList();

        var responses = await Task.WhenAll(clients.Select((c, i) => LoginAsync(c, email, "wrong-guess-" + i)));

        var checkedAndWrong = 0;
        foreach (var response in responses)
        {
            if ((await response.Content.ReadAsStringAsync()).Contains("Wrong e-mail or password", StringComparison.Ordinal)) checkedAndWrong++;
        }
        Assert.InRange(checkedAndWrong, 1, 5);
        Assert.Equal(50 - checkedAndWrong, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("Lockout", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Strangers_locking_an_account_do_not_lock_the_owner_out_of_a_browser_they_used_before()
    {
        var email = await NewUserAsync(Roles.Reviewer);
        var owner = factory.CreateBrowserClient();
        AssertHome(await LoginAsync(owner, email, "Strong-pass-1"));

        for (var i = 0; i < 5; i++) await LoginAsync(factory.CreateBrowserClient(), email, "stranger-" + i);
        var stranger = await LoginAsync(factory.CreateBrowserClient(), email, "Strong-pass-1");
        Assert.Contains("Lockout", stranger.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var again = await LoginAsync(owner, email, "Strong-pass-1");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        AssertHome(again);
    }

    [Fact]
    public async Task An_admins_lock_says_so_and_holds_even_in_the_owners_browser()
    {
        var email = await NewUserAsync(Roles.Reviewer);
        var owner = factory.CreateBrowserClient();
        await LoginAsync(owner, email, "Strong-pass-1");
        await factory.Services.GetRequiredService<UserAdminService>().SetLockedAsync(await factory.ActorAsync("admin@factcheck.local"), (await factory.ActorAsync(email)).UserId!, true);

        var response = await LoginAsync(owner, email, "Strong-pass-1");

        Assert.Contains("Lockout?by=admin", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("locked by an administrator", await owner.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_costs_one_password_hash_like_a_known_one()
    {
        var hasher = new CountingHasher();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher)));

        await LoginAsync(app.CreateClient(), $"nobody-{Guid.NewGuid():N}@factcheck.local", "whatever-1");
        var unknown = hasher.Verifications;
        await LoginAsync(app.CreateClient(), "bob@factcheck.local", "wrong-pass-1");

        Assert.Equal(1, unknown);
        Assert.Equal(2, hasher.Verifications);
    }

    private sealed class CountingHasher : PasswordHasher<ApplicationUser>
    {
        private int verifications;
        public int Verifications => verifications;

        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Registering_a_taken_address_does_not_say_that_it_is_taken()
    {
        var response = await RegisterAsync(factory.CreateBrowserClient(), "bob@factcheck.local");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("taken", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("could not be created", html, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email)
    {
        var token = PublishedSite.AntiforgeryToken(await client.GetStringAsync("/Account/Register"));
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.DisplayName"] = "New Reader",
            ["Input.Email"] = email,
            ["Input.Password"] = "Reader-pass-1",
            ["Input.ConfirmPassword"] = "Reader-pass-1",
        }));
    }

    // LOW: headers, base URL, paging, ReturnUrl.

    [Fact]
    public async Task Pages_carry_a_script_policy_without_unsafe_inline_and_the_other_security_headers()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/verdicts");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
        var nonce = System.Text.RegularExpressions.Regex.Match(scriptSrc, "'nonce-([^']+)'").Groups[1].Value;

        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        // Every script the page carries is a file of the site, a JSON data block, or carries this response's nonce.
        var scripts = System.Text.RegularExpressions.Regex.Matches(await response.Content.ReadAsStringAsync(), "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.True(tag.Contains(" src=", StringComparison.Ordinal) || tag.Contains("application/ld+json", StringComparison.Ordinal) || tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), tag));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Canonical_links_claimreview_urls_and_the_sitemap_use_the_configured_base_url_not_the_host_header()
    {
        await PublishAsync("Base url");
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Site:BaseUrl", "https://facts.example.org/"));
        var client = app.CreateClient();

        foreach (var path in new[] { "/verdicts", "/api/claimreviews", "/sitemap.xml", "/verdicts/feed.atom" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "attacker.example";
            var body = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.Contains("https://facts.example.org/", body, StringComparison.Ordinal);
            Assert.DoesNotContain("attacker.example", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("http:evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task An_external_return_url_after_sign_in_goes_home_instead(string returnUrl)
    {
        var client = factory.CreateBrowserClient();
        var page = await client.GetStringAsync("/Account/Login");
        var token = PublishedSite.AntiforgeryToken(page);

        var response = await client.PostAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = "alice@factcheck.local",
            ["Input.Password"] = FactCheck.Data.DemoData.Password,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertHome(response);
    }
}

/// <summary>Registration is limited per client address.</summary>
public sealed class RegistrationLimitTests : IDisposable
{
    private readonly FactCheckWebFactory factory = new() { RegistrationsPerHour = 2 };

    [Fact]
    public async Task A_third_registration_from_one_address_within_the_hour_is_refused_with_429()
    {
        var client = factory.CreateBrowserClient();
        for (var i = 0; i < 2; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await HardeningTests.RegisterAsync(factory.CreateBrowserClient(), $"r{i}-{Guid.NewGuid():N}@example.org")).StatusCode);

        var third = await HardeningTests.RegisterAsync(client, $"r3-{Guid.NewGuid():N}@example.org");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("new accounts", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
