using FactCheck.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FactCheck.E2E;

/// <summary>
/// The app killed with SIGKILL (no shutdown, nothing flushed) in the middle of background work, then
/// started again on the same SQLite file: a large import and webhook deliveries pick up where they
/// stopped, nothing half-written is ever visible, and nothing is lost.
/// </summary>
public sealed class KillNineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Killed_while_writing_a_large_import_the_restarted_app_finishes_it_with_exact_claim_counts_and_never_shows_it_half_written()
    {
        var settings = new Dictionary<string, string>
        {
            ["Import__LeaseSeconds"] = "5",
            ["Import__BatchSize"] = "200",
            ["Import__PollSeconds"] = "0.5",
            // Matching is not what this test is about; the embedding model would only slow the machine.
            ["Import__EmbedClaims"] = "false",
            ["Extraction__EmbeddingPass"] = "false",
        };
        var first = await AppProcess.StartAsync(settings);
        var dataFolder = first.DataFolder;
        int jobId;
        const string title = "Two megabytes of district reports";
        try
        {
            var client = await LeadAsync(first.BaseUrl);
            var text = LargeReport(2 * 1024 * 1024);
            var accepted = await client.PostAsync($"{first.BaseUrl}/api/documents?title={Uri.EscapeDataString(title)}", new StringContent(text, Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            jobId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

            // Wait until some batches are in and more are to come, then pull the plug.
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var job = await client.GetFromJsonAsync<JsonElement>($"{first.BaseUrl}/api/v1/imports/{jobId}");
                if (job.GetProperty("status").GetString() == "Writing" && job.GetProperty("progressDone").GetInt32() > 0) break;
                Assert.NotEqual("Completed", job.GetProperty("status").GetString());
                Assert.True(DateTime.UtcNow < deadline, $"The import never started writing: {job}\n{first.Output}");
                await Task.Delay(100);
            }
            await AssertNotListedAsync(client, first.BaseUrl, title);
            await first.KillHardAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await AppProcess.StartAsync(settings, dataFolder);
        try
        {
            var client = await LeadAsync(second.BaseUrl);
            JsonElement finished;
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var job = await client.GetFromJsonAsync<JsonElement>($"{second.BaseUrl}/api/v1/imports/{jobId}");
                var status = job.GetProperty("status").GetString();
                Assert.NotEqual("Failed", status);
                if (status is "Matching" or "Completed") { finished = job; break; }
                // Until then, never visible (not even the claims written before the kill).
                await AssertNotListedAsync(client, second.BaseUrl, title);
                Assert.True(DateTime.UtcNow < deadline, $"The import did not finish after the restart: {job}\n{second.Output}");
                await Task.Delay(500);
            }

            var documentId = finished.GetProperty("documentId").GetInt32();
            var document = await client.GetFromJsonAsync<JsonElement>($"{second.BaseUrl}/api/v1/documents/{documentId}");
            var claims = document.GetProperty("claims").EnumerateArray().Select(c => (c.GetProperty("spanStart").GetInt32(), c.GetProperty("spanLength").GetInt32())).ToList();
            Assert.Equal(finished.GetProperty("claims").GetInt32(), claims.Count);
            Assert.Equal(finished.GetProperty("progressTotal").GetInt32(), claims.Count);
            // Every sentence once: none lost at the kill, none written twice on resume.
            Assert.Equal(claims.Count, claims.Distinct().Count());
            Assert.True(claims.Count > 5_000, $"{claims.Count} claims");
            var listed = await client.GetFromJsonAsync<JsonElement>($"{second.BaseUrl}/api/v1/documents?pageSize=100");
            Assert.Equal(claims.Count, listed.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetInt32() == documentId).GetProperty("claims").GetInt32());
        }
        finally
        {
            second.KeepData = false;
        }
    }

    [Fact]
    public async Task Killed_during_webhook_deliveries_the_restarted_app_delivers_every_event_with_its_delivery_id()
    {
        using var receiver = new SlowReceiver();
        var settings = new Dictionary<string, string>
        {
            ["Webhooks__AllowPrivateAddresses"] = "true",
            ["Webhooks__PollSeconds"] = "0.2",
            ["Webhooks__TimeoutSeconds"] = "5",
            ["Webhooks__RetryDelaysSeconds__0"] = "1",
            ["Webhooks__RetryDelaysSeconds__1"] = "1",
            ["Webhooks__RetryDelaysSeconds__2"] = "1",
            ["Webhooks__RetryDelaysSeconds__3"] = "1",
            ["Webhooks__RetryDelaysSeconds__4"] = "1",
            ["Import__EmbedClaims"] = "false",
            ["Extraction__EmbeddingPass"] = "false",
        };
        var first = await AppProcess.StartAsync(settings);
        var dataFolder = first.DataFolder;
        var claimIds = new List<int>();
        try
        {
            var admin = await SignedInAsync(first.BaseUrl, "admin@factcheck.local");
            var hook = await admin.PostAsJsonAsync($"{first.BaseUrl}/api/v1/webhooks", new { url = receiver.Url, events = new[] { "claim.assigned" } });
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);

            var lead = await LeadAsync(first.BaseUrl);
            var page = await lead.GetFromJsonAsync<JsonElement>($"{first.BaseUrl}/api/v1/claims?pageSize=6");
            claimIds.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
            Assert.Equal(6, claimIds.Count);
            foreach (var id in claimIds)
            {
                var assigned = await lead.PostAsJsonAsync($"{first.BaseUrl}/api/v1/claims/{id}/assignments", new { reviewer = "alice@factcheck.local" });
                Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
            }

            // The receiver is slow and fails the first attempts: kill while a delivery is in flight.
            var deadline = DateTime.UtcNow + Patience;
            while (receiver.InFlight == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"No delivery reached the receiver.\n{first.Output}");
                await Task.Delay(50);
            }
            await first.KillHardAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }
        var acknowledgedBeforeKill = receiver.Acknowledged.Count;

        await using var second = await AppProcess.StartAsync(settings, dataFolder);
        try
        {
            var deadline = DateTime.UtcNow + Patience;
            while (receiver.Acknowledged.Count < claimIds.Count)
            {
                Assert.True(DateTime.UtcNow < deadline,
                    $"{receiver.Acknowledged.Count} of {claimIds.Count} events acknowledged ({acknowledgedBeforeKill} before the kill).\n{second.Output}");
                await Task.Delay(250);
            }
            // At least once, and every attempt of one event carried the same delivery id (receivers de-duplicate on it).
            Assert.Equal(claimIds.Count, receiver.Acknowledged.Count);
            Assert.All(receiver.DeliveryIdsByEvent.Values, ids => Assert.Single(ids.Distinct()));
            Assert.True(receiver.Attempts > claimIds.Count, "the failing and interrupted attempts were retried");
            // And the app's own log agrees: every delivery ended Succeeded.
            var admin = await SignedInAsync(second.BaseUrl, "admin@factcheck.local");
            while (true)
            {
                var log = await admin.GetFromJsonAsync<JsonElement>($"{second.BaseUrl}/api/v1/webhooks/deliveries?pageSize=100");
                var items = log.GetProperty("items").EnumerateArray().ToList();
                if (items.Count == claimIds.Count && items.All(d => d.GetProperty("status").ToString() is "Succeeded" or "1")) break;
                Assert.True(DateTime.UtcNow < deadline, $"Delivery log: {log}");
                await Task.Delay(250);
            }
            var claimsSeen = receiver.Payloads.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("claimId").GetInt32()).ToHashSet();
            Assert.Superset(claimIds.ToHashSet(), claimsSeen);
        }
        finally
        {
            second.KeepData = false;
        }
    }

    private static async Task AssertNotListedAsync(HttpClient client, string baseUrl, string title)
    {
        var listed = await client.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/v1/documents?pageSize=100");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("title").GetString() == title);
    }

    private static Task<HttpClient> LeadAsync(string baseUrl) => SignedInAsync(baseUrl, "lead@factcheck.local");

    private static async Task<HttpClient> SignedInAsync(string baseUrl, string email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(6) };
        await client.SignInForApiAsync(baseUrl, email);
        return client;
    }

    /// <summary>Plain-text district reports, every sentence a distinct check-worthy claim, up to about <paramref name="bytes"/>.</summary>
    private static string LargeReport(int bytes)
    {
        var text = new StringBuilder(bytes + 200);
        for (var i = 1; text.Length < bytes; i++)
        {
            text.Append($"The ministry said {i * 7 + 13} schools were closed in district {i} on Monday, according to officials. ");
            if (i % 8 == 0) text.Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// A webhook receiver on a loopback port: every request takes a while, the first attempt of each event
    /// fails with 500; it records delivery ids per event and which events it acknowledged with 200.
    /// </summary>
    private sealed class SlowReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentDictionary<string, int> _attemptsByEvent = new();
        private int _inFlight, _attempts;

        public SlowReceiver()
        {
            var port = LoopbackPort.Free();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public int InFlight => Volatile.Read(ref _inFlight);
        public int Attempts => Volatile.Read(ref _attempts);
        public ConcurrentDictionary<string, bool> Acknowledged { get; } = new();
        public ConcurrentDictionary<string, ConcurrentBag<string>> DeliveryIdsByEvent { get; } = new();
        public ConcurrentBag<string> Payloads { get; } = [];

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _attempts);
            try
            {
                var eventId = context.Request.Headers["X-FactCheck-Event-Id"] ?? "";
                DeliveryIdsByEvent.GetOrAdd(eventId, _ => []).Add(context.Request.Headers["X-FactCheck-Delivery"] ?? "");
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                var attempt = _attemptsByEvent.AddOrUpdate(eventId, 1, (_, n) => n + 1);
                context.Response.StatusCode = attempt == 1 ? 500 : 200;
                if (attempt > 1)
                {
                    Payloads.Add(body);
                    Acknowledged[eventId] = true;
                }
                context.Response.Close();
            }
            catch (Exception)
            {
                // The sender went away (killed): nothing to answer.
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }


        public void Dispose() => _listener.Close();
    }
}
