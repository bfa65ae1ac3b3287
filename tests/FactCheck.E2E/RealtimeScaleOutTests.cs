using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FactCheck.Web.Tests.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace FactCheck.E2E;

/// <summary>
/// Two app processes on one shared database (PostgreSQL by default, see <see cref="SharedDatabase"/>) and one Redis: events cross instances (hub and pages), a
/// cookie issued by one instance works on the other, each instance keeps serving while Redis is
/// down, and events cross again once it is back.
/// </summary>
public sealed partial class RealtimeScaleOutTests : IAsyncLifetime
{
    private RedisServer redis = default!;
    private SharedDatabase database = default!;
    private AppProcess instanceA = default!;
    private AppProcess instanceB = default!;
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        database = await SharedDatabase.CreateAsync();
        var settings = new Dictionary<string, string>(database.Settings) { ["Realtime__Redis"] = redis.ConnectionString };
        // One after the other: the first migrates and seeds the shared database and creates the
        // Data Protection key that both then use.
        instanceA = await AppProcess.StartAsync(settings);
        using (var http = new HttpClient()) (await http.GetAsync($"{instanceA.BaseUrl}/Account/Login")).EnsureSuccessStatusCode();
        instanceB = await AppProcess.StartAsync(settings);
        (playwright, browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await instanceB.DisposeAsync();
        await instanceA.DisposeAsync();
        await redis.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Events_cross_instances_survive_a_redis_outage_and_flow_again_when_it_returns()
    {
        // The lead signs in on A; the same cookie (one host, so the browser and this client send it
        // to both ports) must be accepted by B, which only works with the shared key ring.
        var cookies = new CookieContainer();
        using var lead = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        await lead.SignInForApiAsync(instanceA.BaseUrl, "lead@factcheck.local");

        await using var hubOnB = new HubConnectionBuilder()
            .WithUrl($"{instanceB.BaseUrl}/hubs/review", options => options.Cookies = cookies)
            .Build();
        var inboxOnB = new HubInbox(hubOnB);
        await hubOnB.StartAsync();
        await using var hubOnA = new HubConnectionBuilder()
            .WithUrl($"{instanceA.BaseUrl}/hubs/review", options => options.Cookies = cookies)
            .Build();
        var inboxOnA = new HubInbox(hubOnA);
        await hubOnA.StartAsync();

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var pageOnA = await context.NewPageAsync();
        await pageOnA.SignInAsync(instanceA.BaseUrl, "lead@factcheck.local");
        var pageOnB = await context.NewPageAsync();
        await pageOnB.GotoAsync($"{instanceB.BaseUrl}/documents");
        Assert.Contains("/documents", pageOnB.Url);
        await pageOnB.WaitForInteractiveAsync();
        await pageOnA.GotoAsync($"{instanceA.BaseUrl}/documents");
        await pageOnA.WaitForInteractiveAsync();

        // A document imported through A reaches a hub client on B and the page open on B.
        var first = await ImportAsync(lead, instanceA.BaseUrl, "Crossing over");
        await inboxOnB.WaitForAsync(HubInbox.Of("DocumentImported", documentId: first));
        await pageOnB.Locator("table").GetByText("Crossing over").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await pageOnB.ScreenshotAsync("scaleout-01-document-on-b");
        // Exactly once on each instance: the relay forwards only its own instance's events, the backplane the rest.
        await inboxOnA.WaitForAsync(HubInbox.Of("DocumentImported", documentId: first));
        await Task.Delay(1000);
        var isFirst = HubInbox.Of("DocumentImported", documentId: first);
        Assert.Single(inboxOnA.Received, m => isFirst(m));
        Assert.Single(inboxOnB.Received, m => isFirst(m));

        // Redis goes away: both instances still answer, and A's own page still hears A's import.
        await redis.StopAsync();
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{instanceA.BaseUrl}/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{instanceB.BaseUrl}/health")).StatusCode);
        }
        await ImportAsync(lead, instanceA.BaseUrl, "During the outage");
        await pageOnA.Locator("table").GetByText("During the outage").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        using (var stillSignedIn = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }))
            Assert.Equal(HttpStatusCode.OK, (await stillSignedIn.GetAsync($"{instanceB.BaseUrl}/documents")).StatusCode);

        // Redis is back on the same port: the instances reconnect by themselves (the event bus and the
        // hub backplane each on its own connection, so not at the same instant) and events cross again.
        await redis.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var crossed = false;
        for (var attempt = 1; !crossed && DateTime.UtcNow < deadline; attempt++)
        {
            var title = $"After the outage {attempt}";
            var id = await ImportAsync(lead, instanceA.BaseUrl, title);
            try
            {
                await inboxOnB.WaitForAsync(HubInbox.Of("DocumentImported", documentId: id), TimeSpan.FromSeconds(3));
                await pageOnB.Locator("table").GetByText(title).WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 });
                crossed = true;
            }
            catch (TimeoutException)
            {
            }
        }
        Assert.True(crossed, $"No event reached both the hub client and the page on B within 60 s of Redis returning.\nA:\n{instanceA.Output}\nB:\n{instanceB.Output}");
        await pageOnB.ScreenshotAsync("scaleout-02-after-outage-on-b");
    }

    /// <summary>POST /api/documents as JSON; the text is unique, so it is a new document every time.</summary>
    private static async Task<int> ImportAsync(HttpClient client, string baseUrl, string title)
    {
        var text = $"The ministry said {Random.Shared.Next(100, 9999)} people were treated on Monday, according to officials. Ref {Guid.NewGuid()}.";
        var response = await client.PostAsJsonAsync($"{baseUrl}/api/documents", new { title, text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("documentId").GetInt32();
    }

}
