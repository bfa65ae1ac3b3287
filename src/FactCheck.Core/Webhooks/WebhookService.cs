using System.Net;
using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Webhooks;

public sealed record WebhookOptions
{
    /// <summary>Allow loopback and private addresses (tests and closed networks only; off refuses them like URL import).</summary>
    public bool AllowPrivateAddresses { get; init; }
    /// <summary>Waits before each retry; after the last one the delivery is marked failed.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed record WebhookRow(int Id, string Url, IReadOnlyList<string> EventTypes, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt,
    int Pending, int Failed, DateTimeOffset? LastDeliveredAt);

public sealed record WebhookDeliveryRow(long Id, int WebhookId, string Url, Guid EventId, string EventType, WebhookDeliveryStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, int? LastStatusCode, string? LastResponse);

public sealed record CreatedWebhook(int Id, string Secret);

/// <summary>Webhook registration and its delivery log, for Admins. Sending is the dispatcher's job.</summary>
public sealed class WebhookService(IDbContextFactory<FactCheckDbContext> dbFactory, WebhookOptions options, TimeProvider clock, WebhookSecrets secrets)
{
    public async Task<CreatedWebhook> CreateAsync(Actor actor, string? url, IEnumerable<string?> eventTypes, string? description = null, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        var address = CheckUrl(url);
        var types = eventTypes.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim().ToLowerInvariant()).Distinct().ToList();
        if (types.Count == 0) throw new ValidationException($"Choose at least one event: {string.Join(", ", WebhookEventTypes.All)}.");
        var unknown = types.Except(WebhookEventTypes.All).ToList();
        if (unknown.Count > 0) throw new ValidationException($"Unknown event type: {string.Join(", ", unknown)}. Use {string.Join(", ", WebhookEventTypes.All)}.");
        var note = InputRules.Optional(description, "Description", 200);
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var webhook = new Webhook
        {
            Url = address, EventTypes = string.Join(',', WebhookEventTypes.All.Where(types.Contains)), Description = note,
            Secret = secrets.Protect(secret), CreatedById = actor.RequireUserId(), CreatedAt = now,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        Audit.Record(db, actor, now, AuditActions.WebhookCreated, nameof(Webhook), webhook.Id, null, null, new { webhook.Url, webhook.EventTypes });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhook(webhook.Id, secret);
    }

    public async Task<IReadOnlyList<WebhookRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.DeletedAt != null).ThenByDescending(w => w.Id).ToListAsync(cancellationToken);
        var stats = await db.WebhookDeliveries.AsNoTracking().GroupBy(d => d.WebhookId)
            .Select(g => new
            {
                WebhookId = g.Key,
                Pending = g.Count(d => d.Status == WebhookDeliveryStatus.Pending),
                Failed = g.Count(d => d.Status == WebhookDeliveryStatus.Failed),
            })
            .ToDictionaryAsync(g => g.WebhookId, cancellationToken);
        var delivered = (await db.WebhookDeliveries.AsNoTracking().Where(d => d.DeliveredAt != null)
                .Select(d => new { d.WebhookId, d.DeliveredAt }).ToListAsync(cancellationToken))
            .GroupBy(d => d.WebhookId).ToDictionary(g => g.Key, g => g.Max(d => d.DeliveredAt));
        return hooks.Select(w => new WebhookRow(w.Id, w.Url, WebhookEventTypes.Parse(w.EventTypes), w.Description, w.CreatedAt, w.DeletedAt,
            stats.GetValueOrDefault(w.Id)?.Pending ?? 0, stats.GetValueOrDefault(w.Id)?.Failed ?? 0, delivered.GetValueOrDefault(w.Id))).ToList();
    }

    /// <summary>Stops deliveries to the webhook; its log stays.</summary>
    public async Task DeleteAsync(Actor actor, int webhookId, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == webhookId, cancellationToken)
            ?? throw new NotFoundException($"Webhook #{webhookId} does not exist.");
        if (webhook.DeletedAt is not null) return;
        var now = clock.GetUtcNow();
        webhook.DeletedAt = now;
        await db.WebhookDeliveries.Where(d => d.WebhookId == webhookId && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.Failed).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
        Audit.Record(db, actor, now, AuditActions.WebhookDeleted, nameof(Webhook), webhook.Id, null, null, new { webhook.Url });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<PagedResult<WebhookDeliveryRow>> ListDeliveriesAsync(Actor actor, int? webhookId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        if (page < 0) throw new ValidationException("page must be 0 or more.");
        if (pageSize is < 1 or > 100) throw new ValidationException("pageSize must be between 1 and 100.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (webhookId is { } id) deliveries = deliveries.Where(d => d.WebhookId == id);
        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries.OrderByDescending(d => d.Id).Skip(page * pageSize).Take(pageSize)
            .Select(d => new WebhookDeliveryRow(d.Id, d.WebhookId, d.Webhook!.Url, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAt,
                d.LastAttemptAt, d.NextAttemptAt, d.LastStatusCode, d.LastResponse))
            .ToListAsync(cancellationToken);
        return new PagedResult<WebhookDeliveryRow>(rows, total);
    }

    /// <summary>Sends a delivery's event again as a new delivery (same event id, so receivers can tell it is a repeat).</summary>
    public async Task<long> RedeliverAsync(Actor actor, long deliveryId, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var original = await db.WebhookDeliveries.Include(d => d.Webhook).FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new NotFoundException($"Delivery #{deliveryId} does not exist.");
        if (original.Webhook!.DeletedAt is not null) throw new ValidationException("That webhook was deleted; register it again to send to it.");
        var now = clock.GetUtcNow();
        var copy = new WebhookDelivery
        {
            WebhookId = original.WebhookId, EventId = original.EventId, EventType = original.EventType, Payload = original.Payload,
            Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
        };
        db.WebhookDeliveries.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        Audit.Record(db, actor, now, AuditActions.WebhookRedelivered, nameof(WebhookDelivery), copy.Id, null, null, new { Of = deliveryId, original.EventType });
        await db.SaveChangesAsync(cancellationToken);
        return copy.Id;
    }

    /// <summary>
    /// An absolute http(s) URL that is not a literal private or loopback address (the dispatcher also
    /// checks every address the name resolves to when it connects, as URL import does).
    /// </summary>
    public string CheckUrl(string? url)
    {
        var address = InputRules.HttpUrl(url, "Webhook URL");
        var uri = new Uri(address);
        if (!options.AllowPrivateAddresses &&
            (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(uri.DnsSafeHost, out var literal) && !UrlDocumentReader.IsPublic(literal))))
            throw new ValidationException("Webhook URL points at a private or loopback address, which is not allowed.");
        return address;
    }

    /// <summary>The X-FactCheck-Signature value: t=unix seconds, v1=hex HMAC-SHA256 of "t.body" with the webhook's secret.</summary>
    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    private static void Demand(Actor actor) => Permissions.Demand(Permissions.CanManageSettings(actor), "Only admins may manage webhooks.");
}
