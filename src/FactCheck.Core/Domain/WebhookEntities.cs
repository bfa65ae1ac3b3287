using System.ComponentModel.DataAnnotations;

namespace FactCheck.Core.Domain;

/// <summary>An address an Admin registered to be told about workspace events, signed with its own secret.</summary>
public sealed class Webhook
{
    public int Id { get; set; }
    [MaxLength(2048)] public string Url { get; set; } = "";
    /// <summary>Comma-separated <see cref="Webhooks.WebhookEventTypes"/>.</summary>
    [MaxLength(300)] public string EventTypes { get; set; } = "";
    [MaxLength(200)] public string? Description { get; set; }
    /// <summary>The HMAC key for X-FactCheck-Signature; shown once when created (it must be readable to sign).</summary>
    [MaxLength(1000)] public string Secret { get; set; } = "";
    [MaxLength(450)] public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Deleting keeps the row (and its delivery log) and stops new deliveries.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>
/// The outbox: one row per announced change, added in the same SaveChanges as the change and its
/// audit row, so an event exists exactly when the change does. The dispatcher fans it out.
/// </summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    [MaxLength(64)] public string Type { get; set; } = "";
    /// <summary>The JSON body every subscriber receives.</summary>
    public string Payload { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>One event for one webhook: its attempts, the next one, and what the receiver last answered.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public int WebhookId { get; set; }
    public Webhook? Webhook { get; set; }
    public Guid EventId { get; set; }
    [MaxLength(64)] public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the dispatcher may try next (also a short lease while an attempt runs); null once finished.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    /// <summary>The start of the receiver's answer, or the network error.</summary>
    [MaxLength(500)] public string? LastResponse { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
