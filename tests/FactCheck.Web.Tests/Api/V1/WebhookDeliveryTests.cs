using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FactCheck.Core.Domain;
using FactCheck.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Tests.Api.V1;

/// <summary>Webhooks to a real HTTP receiver on a loopback port: signed, retried after 500s, and resumed after a restart.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Signature, string Body, string Event)> _received = new();
    private int _failuresLeft;
    public string Url { get; }

    public WebhookDeliveryTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); } catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
            if (!fail) _received.Enqueue((context.Request.Headers["X-FactCheck-Signature"] ?? "", body, context.Request.Headers["X-FactCheck-Event"] ?? ""));
            context.Response.StatusCode = fail ? 500 : 200;
            await using (var writer = new StreamWriter(context.Response.OutputStream)) await writer.WriteAsync(fail ? "receiver down" : "ok");
            context.Response.Close();
        }
    }

    private async Task<(int Id, string Secret)> RegisterAsync(FactCheckWebFactory factory)
    {
        var admin = factory.TokenClient(await factory.TokenAsync("admin@factcheck.local", "admin"));
        var response = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = Url, events = new[] { WebhookEventTypes.ClaimPublished, WebhookEventTypes.VerdictSaved } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetInt32(), created.GetProperty("secret").GetString()!);
    }

    private static async Task PublishAsync(FactCheckWebFactory factory, int claimId)
    {
        var lead = factory.TokenClient(await factory.TokenAsync("lead@factcheck.local", "lead"));
        var response = await lead.PostAsJsonAsync($"/api/v1/claims/{claimId}/publish", new { rating = "False", summary = "Only 3 bridges closed." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<(string Signature, string Body, string Event)> NextAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            if (_received.TryDequeue(out var item)) return item;
            await Task.Delay(100);
        }
        throw new TimeoutException("No webhook delivery arrived within 30 s.");
    }

    [Fact]
    public async Task A_publication_is_delivered_signed_after_the_receiver_failed_twice()
    {
        using var factory = new FactCheckWebFactory { DispatchWebhooks = true, AllowPrivateWebhooks = true };
        var (webhookId, secret) = await RegisterAsync(factory);
        var (claimId, _) = await new ApiWorld(factory).ClaimAsync(ClaimStatus.AwaitingDecision);
        _failuresLeft = 2;

        await PublishAsync(factory, claimId);
        var (signature, body, type) = await NextAsync();

        Assert.Equal(WebhookEventTypes.ClaimPublished, type);
        var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(WebhookService.Sign(secret, long.Parse(parts["t"]), body), signature);
        Assert.NotEqual(WebhookService.Sign("whsec_wrong", long.Parse(parts["t"]), body), signature);
        var payload = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(claimId, payload.GetProperty("claimId").GetInt32());

        await using var db = await new ApiWorld(factory).DbFactory.CreateDbContextAsync();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.WebhookId == webhookId);
        for (var i = 0; i < 50 && delivery.Status != WebhookDeliveryStatus.Succeeded; i++)
        {
            await Task.Delay(100);
            await db.Entry(delivery).ReloadAsync();
        }
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task An_event_saved_while_no_dispatcher_ran_is_delivered_after_a_restart()
    {
        string databaseFile;
        string secret;
        using (var first = new FactCheckWebFactory { DispatchWebhooks = false, AllowPrivateWebhooks = true })
        {
            (_, secret) = await RegisterAsync(first);
            var (claimId, _) = await new ApiWorld(first).ClaimAsync(ClaimStatus.AwaitingDecision);
            await PublishAsync(first, claimId);
            databaseFile = first.DatabasePath;
            Assert.True(_received.IsEmpty);
            // The "crash": this instance stops with the event only in the outbox.
            // Outside the first instance's folder, which is deleted when it is disposed.
            var copy = Path.Combine(Path.GetTempPath(), $"factcheck-restart-{Guid.NewGuid():N}.db");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using (var db = await new ApiWorld(first).DbFactory.CreateDbContextAsync())
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {copy}");
            databaseFile = copy;
        }

        using var second = new FactCheckWebFactory { DispatchWebhooks = true, AllowPrivateWebhooks = true, DatabaseFile = databaseFile };
        _ = second.Services; // starts the host and its dispatcher
        var (signature, body, type) = await NextAsync();
        Assert.Equal(WebhookEventTypes.ClaimPublished, type);
        var t = long.Parse(signature.Split(',')[0][2..]);
        Assert.Equal(WebhookService.Sign(secret, t, body), signature);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
