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

}
