using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>
/// The load balancer recipe (deploy/nginx/factcheck.conf.template) in front of two app instances on
/// one shared database (<see cref="SharedDatabase"/>: SQLite file, or PostgreSQL by setting) and one
/// Redis: a browser signs in and works through nginx, its circuit's WebSocket goes through nginx
/// and stays on one instance, and a document imported on the other instance appears on its page.
/// </summary>
public sealed partial class LoadBalancerTests : IAsyncLifetime
{
    private SharedDatabase database = default!;
    private RedisServer redis = default!;
    private AppProcess instanceA = default!;
    private AppProcess instanceB = default!;
    private NginxServer nginx = default!;
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;

    public async Task InitializeAsync()
    {
        database = await SharedDatabase.CreateAsync();
        redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>(database.Settings) { ["Realtime__Redis"] = redis.ConnectionString };
        // One after the other: the first migrates and seeds the shared database.
        instanceA = await AppProcess.StartAsync(settings);
        instanceB = await AppProcess.StartAsync(settings);
        nginx = await NginxServer.StartAsync(new Uri(instanceA.BaseUrl).Authority, new Uri(instanceB.BaseUrl).Authority);
        (playwright, browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await nginx.DisposeAsync();
        await instanceB.DisposeAsync();
        await instanceA.DisposeAsync();
        await redis.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Through_nginx_a_browser_stays_on_one_instance_over_WebSockets_and_sees_an_import_made_on_the_other()
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        List<string> upstreams = [];
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue(NginxServer.UpstreamHeader.ToLowerInvariant(), out var upstream)) lock (upstreams) upstreams.Add(upstream);
        };
        List<IWebSocket> sockets = [];
        page.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket); };

        await page.SignInAsync(nginx.BaseUrl, "lead@factcheck.local");
        await page.GotoAsync($"{nginx.BaseUrl}/documents");
        await page.WaitForInteractiveAsync();
        await page.ScreenshotAsync("loadbalancer-01-documents-through-nginx");

        // Sticky: every response this browser got came from one instance.
        string[] seen;
        lock (upstreams) seen = upstreams.Distinct().ToArray();
        var upstream = Assert.Single(seen);
        var served = upstream == new Uri(instanceA.BaseUrl).Authority ? instanceA : instanceB;
        var other = served == instanceA ? instanceB : instanceA;
        Assert.Contains(new Uri(served.BaseUrl).Authority, upstream);
        // The circuit's connection is a WebSocket through nginx, open now.
        lock (sockets) Assert.Contains(sockets, s => s.Url.StartsWith($"ws://127.0.0.1:{nginx.Port}/_blazor", StringComparison.Ordinal) && !s.IsClosed);

        // A document imported straight on the other instance reaches this page through Redis.
        using var lead = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        await lead.SignInForApiAsync(other.BaseUrl, "lead@factcheck.local");
        var title = $"Imported on the other instance {Guid.NewGuid():N}"[..40];
        var imported = await lead.PostAsJsonAsync($"{other.BaseUrl}/api/documents", new
        {
            title,
            text = $"The ministry said {Random.Shared.Next(100, 9999)} people were treated on Monday, according to officials. Ref {Guid.NewGuid()}.",
        });
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        await page.Locator("table").GetByText(title).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await page.ScreenshotAsync("loadbalancer-02-import-from-the-other-instance");
        lock (upstreams) Assert.Single(upstreams.Distinct());

        // What a balancer polls, through nginx.
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{nginx.BaseUrl}/health/ready")).StatusCode);
        Assert.True(string.IsNullOrWhiteSpace(nginx.ErrorLog) || !nginx.ErrorLog.Contains("[error]"), nginx.ErrorLog);
    }

    [Fact]
    public async Task Browsers_without_the_affinity_cookie_are_spread_over_both_instances()
    {
        HashSet<string> upstreams = [];
        // No cookie store: no request carries the affinity cookie, so each one is a new browser to nginx.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        for (var i = 0; i < 20 && upstreams.Count < 2; i++)
        {
            var response = await http.GetAsync($"{nginx.BaseUrl}/verdicts");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("factcheck_affinity=", StringComparison.Ordinal));
            upstreams.Add(response.Headers.GetValues(NginxServer.UpstreamHeader).Single());
        }
        Assert.Equal(2, upstreams.Count);
    }


    [Fact]
    public async Task Through_nginx_a_lead_and_a_reviewer_on_different_instances_run_the_whole_journey_live_and_a_reader_finds_the_verdict()
    {
        var instanceAuthorityA = new Uri(instanceA.BaseUrl).Authority;
        var instanceAuthorityB = new Uri(instanceB.BaseUrl).Authority;
        await using var leadContext = await ContextServedByAsync(instanceAuthorityA);
        await using var reviewerContext = await ContextServedByAsync(instanceAuthorityB);
        await using var readerContext = await browser.NewContextAsync();
        var leadUpstreams = RecordUpstreams(leadContext);
        var reviewerUpstreams = RecordUpstreams(reviewerContext);
        var lead = await leadContext.NewPageAsync();
        var alice = await reviewerContext.NewPageAsync();
        var reader = await readerContext.NewPageAsync();

        // Alice keeps her assignments open on instance B.
        await alice.SignInAsync(nginx.BaseUrl, "alice@factcheck.local");
        await alice.GotoAsync($"{nginx.BaseUrl}/my/assignments");
        await alice.WaitForInteractiveAsync();

        // A lead's script imports a document through the balancer; its claim is extracted.
        var place = "Zarqaweni" + Guid.NewGuid().ToString("N")[..6];
        using var api = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        await api.SignInForApiAsync(nginx.BaseUrl, "lead@factcheck.local");
        var imported = await api.PostAsJsonAsync($"{nginx.BaseUrl}/api/documents", new
        {
            title = $"Hospital figures from {place}",
            text = $"Officials in {place} said 4,512 people were treated in hospitals on Monday, according to the health ministry.",
        });
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var documentId = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetInt32();
        var claims = await api.GetFromJsonAsync<JsonElement>($"{nginx.BaseUrl}/api/v1/claims?documentId={documentId}");
        var claim = claims.GetProperty("items")[0];
        var (claimId, claimText) = (claim.GetProperty("id").GetInt32(), claim.GetProperty("text").GetString()!);

        // The lead, on instance A, assigns Alice; her list on instance B shows it without a reload.
        await lead.SignInAsync(nginx.BaseUrl, "lead@factcheck.local");
        await lead.GotoAsync($"{nginx.BaseUrl}/claims/{claimId}");
        await lead.WaitForInteractiveAsync();
        await lead.ChooseAsync("assign-reviewer", "Alice Reviewer");
        await lead.Locator("#assign-submit").ClickAsync();
        await lead.Locator("[data-assignee='alice@factcheck.local']").WaitForAsync();
        await alice.GetByText(claimText).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await alice.ScreenshotAsync("loadbalancer-03-assignment-arrives-from-the-other-instance");

        // Alice investigates on B: a source and her verdict. The lead's open page on A shows the verdict live.
        await alice.GetByText(claimText).First.ClickAsync();
        await alice.WaitForURLAsync(url => url.EndsWith($"/claims/{claimId}", StringComparison.Ordinal));
        await alice.WaitForInteractiveAsync();
        await alice.Locator("#source-url").FillAsync("https://www.who.int/emergencies/situation-reports");
        await alice.Locator("#source-title").FillAsync("WHO situation report");
        await alice.Locator("#source-add").ClickAsync();
        await alice.Locator("#sources-list").GetByText("WHO situation report").WaitForAsync();
        await alice.ChooseAsync("verdict-rating", "Mostly true");
        await alice.Locator("#verdict-rationale").FillAsync("The WHO report gives 4,498 treated that day.");
        await alice.Locator("#verdict-save").ClickAsync();
        await alice.Locator("[data-verdict-by='alice@factcheck.local']").WaitForAsync();
        await lead.Locator("#sources-list").GetByText("WHO situation report").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await lead.Locator("[data-verdict-by='alice@factcheck.local']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("100% of 1 verdict agree on", await lead.Locator("#decision-panel").InnerTextAsync(), StringComparison.Ordinal);

        // The lead publishes on A; Alice's page on B sees the claim published.
        await lead.ChooseAsync("publish-rating", "Mostly true");
        await lead.Locator("#publish-summary").FillAsync("Close to the WHO count of 4,498.");
        await lead.Locator("#publish-submit").ClickAsync();
        await lead.Locator("#publications").GetByText("public page").WaitForAsync();
        await alice.Locator("#publications").GetByText("public page").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await lead.ScreenshotAsync("loadbalancer-04-published-on-a");

        // An anonymous reader, through the balancer, finds the verdict with its ClaimReview markup.
        await reader.GotoAsync($"{nginx.BaseUrl}/verdicts?q={place}");
        Assert.Equal(1, await reader.Locator(".fc-verdict-card").CountAsync());
        await reader.Locator(".fc-verdict-card a").First.ClickAsync();
        await reader.WaitForURLAsync(url => url.Contains("/verdicts/"));
        using var claimReview = JsonDocument.Parse((await reader.Locator("script[type='application/ld+json']").TextContentAsync())!);
        Assert.Equal(claimText, claimReview.RootElement.GetProperty("claimReviewed").GetString());
        Assert.Equal("Mostly true", claimReview.RootElement.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        await reader.ScreenshotAsync("loadbalancer-05-reader-verdict");

        // Each browser stayed on its instance the whole way; nginx logged no error.
        lock (leadUpstreams) Assert.Equal([instanceAuthorityA], leadUpstreams.Distinct());
        lock (reviewerUpstreams) Assert.Equal([instanceAuthorityB], reviewerUpstreams.Distinct());
        Assert.True(string.IsNullOrWhiteSpace(nginx.ErrorLog) || !nginx.ErrorLog.Contains("[error]"), nginx.ErrorLog);
    }

    /// <summary>A fresh browser whose affinity cookie nginx hashes onto <paramref name="authority"/> (new browsers are tried until one lands there).</summary>
    private async Task<IBrowserContext> ContextServedByAsync(string authority)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var probe = await context.APIRequest.GetAsync($"{nginx.BaseUrl}/health/live");
            if (probe.Headers.TryGetValue(NginxServer.UpstreamHeader.ToLowerInvariant(), out var upstream) && upstream == authority) return context;
            await context.DisposeAsync();
        }
        throw new InvalidOperationException($"nginx never sent a new browser to {authority}");
    }

    private static List<string> RecordUpstreams(IBrowserContext context)
    {
        List<string> upstreams = [];
        context.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue(NginxServer.UpstreamHeader.ToLowerInvariant(), out var upstream)) lock (upstreams) upstreams.Add(upstream);
        };
        return upstreams;
    }
}
