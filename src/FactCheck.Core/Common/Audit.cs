using System.Text.Json;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;

namespace FactCheck.Core.Common;

/// <summary>
/// Adds an audit row to the same unit of work as the change, so a change and its audit entry are
/// saved together or not at all.
/// </summary>
public static class Audit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(FactCheckDbContext db, Actor actor, DateTimeOffset at, string action, string entityType,
        object entityId, int? claimId, object? before = null, object? after = null)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = at,
            ActorId = actor.UserId ?? "",
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            ClaimId = claimId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }
}
