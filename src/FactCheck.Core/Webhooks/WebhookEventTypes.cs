using System.Text.Json;
using System.Text.Json.Nodes;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;

namespace FactCheck.Core.Webhooks;

/// <summary>The events a webhook can subscribe to, and which audited actions announce them.</summary>
public static class WebhookEventTypes
{
    public const string ClaimAssigned = "claim.assigned";
    public const string VerdictSaved = "verdict.saved";
    public const string ClaimPublished = "claim.published";
    public const string ClaimCorrected = "claim.corrected";
    public const string SuggestionReceived = "suggestion.received";

    public static readonly IReadOnlyList<string> All = [ClaimAssigned, VerdictSaved, ClaimPublished, ClaimCorrected, SuggestionReceived];

    public static string? ForAuditAction(string action) => action switch
    {
        AuditActions.Assigned or AuditActions.SelfAssigned => ClaimAssigned,
        AuditActions.VerdictSubmitted or AuditActions.VerdictRevised => VerdictSaved,
        AuditActions.Published => ClaimPublished,
        AuditActions.Corrected => ClaimCorrected,
        AuditActions.SuggestionSent => SuggestionReceived,
        _ => null,
    };

    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The outbox row for an audit row, or null when the action is not announced.</summary>
    public static WebhookEvent? FromAudit(AuditEvent audit)
    {
        if (ForAuditAction(audit.Action) is not { } type) return null;
        var eventId = Guid.NewGuid();
        var payload = new JsonObject
        {
            ["id"] = eventId.ToString(),
            ["type"] = type,
            ["occurredAt"] = audit.At.ToUniversalTime().ToString("O"),
            ["action"] = audit.Action,
            ["claimId"] = audit.ClaimId,
            ["entity"] = new JsonObject { ["type"] = audit.EntityType, ["id"] = audit.EntityId },
            ["actor"] = new JsonObject { ["id"] = audit.ActorId, ["name"] = audit.ActorName },
            ["data"] = audit.After is null ? null : JsonNode.Parse(audit.After),
        };
        return new WebhookEvent { EventId = eventId, Type = type, Payload = payload.ToJsonString(JsonOptions), CreatedAt = audit.At };
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
