using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Webhooks;

/// <summary>
/// Sends webhook deliveries in the background, from the database only, so nothing a save does
/// waits on a receiver and a restart loses nothing: it fans each outbox event out to the webhooks
/// subscribed to its type, then sends due deliveries, signed, retrying on the backoff schedule in
/// <see cref="WebhookOptions.RetryDelays"/> (the next attempt time is stored with the delivery).
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<FactCheckDbContext> dbFactory,
    IHttpClientFactory httpClients,
    WebhookOptions options,
    TimeProvider clock,
    WebhookSecrets secrets,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 50;
    private const int ExcerptLength = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FanOutAsync(stoppingToken);
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Webhook dispatch round failed; retrying on the next round");
            }
            try
            {
                await Task.Delay(options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One delivery per subscribed webhook for each new event, written with the event's "dispatched" mark in one save.</summary>
    public async Task FanOutAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.WebhookEvents.Where(e => e.DispatchedAt == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (events.Count == 0) return;
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.DeletedAt == null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            foreach (var hook in hooks.Where(h => h.CreatedAt <= e.CreatedAt && WebhookEventTypes.Parse(h.EventTypes).Contains(e.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    WebhookId = hook.Id, EventId = e.EventId, EventType = e.Type, Payload = e.Payload,
                    Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
                });
            }
            e.DispatchedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sends every delivery that is due; each is leased first so a second instance does not send it too.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<long> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt != null && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Take(BatchSize).Select(d => d.Id).ToListAsync(cancellationToken);
        }
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (id, ct) => await SendOneAsync(id, ct));
    }

    private async Task SendOneAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // The lease: move the next attempt past this attempt's timeout, only if nobody else did first.
        var lease = now + options.Timeout + TimeSpan.FromSeconds(30);
        var leased = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt != null && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, lease), cancellationToken);
        if (leased == 0) return;
        var delivery = await db.WebhookDeliveries.Include(d => d.Webhook).FirstAsync(d => d.Id == deliveryId, cancellationToken);

        int? status = null;
        string excerpt;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Webhook!.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            var timestamp = now.ToUnixTimeSeconds();
            request.Headers.Add("X-FactCheck-Signature", WebhookService.Sign(secrets.Reveal(delivery.Webhook.Secret), timestamp, delivery.Payload));
            request.Headers.Add("X-FactCheck-Event", delivery.EventType);
            request.Headers.Add("X-FactCheck-Event-Id", delivery.EventId.ToString());
            request.Headers.Add("X-FactCheck-Delivery", delivery.Id.ToString());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            excerpt = await ReadExcerptAsync(response, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            excerpt = ex is TaskCanceledException ? $"No answer within {options.Timeout.TotalSeconds:0} s." : ex.Message;
        }

        var finished = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = finished;
        delivery.LastStatusCode = status;
        delivery.LastResponse = excerpt.Length > ExcerptLength ? excerpt[..ExcerptLength] : excerpt;
        if (status is >= 200 and < 300)
        {
            delivery.Status = WebhookDeliveryStatus.Succeeded;
            delivery.DeliveredAt = finished;
            delivery.NextAttemptAt = null;
        }
        else if (delivery.Attempts > options.RetryDelays.Count)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
        }
        else
        {
            delivery.NextAttemptAt = finished + options.RetryDelays[delivery.Attempts - 1];
        }
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Webhook delivery {Id} to {Url}: {Status} (attempt {Attempt})", delivery.Id, delivery.Webhook!.Url, status?.ToString() ?? "no answer", delivery.Attempts);
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ExcerptLength * 2];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0) read += n;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
