using FactCheck.Core.Events;
using FactCheck.Core.Presence;

namespace FactCheck.Web.Realtime;

/// <summary>
/// The hub's wire form of a review event: {type, claimId, documentId, actor, at, data}. Data values
/// are strings for review events and lists of names for presence.
/// </summary>
public sealed record ReviewEventMessage(string Type, int? ClaimId, int? DocumentId, string Actor, DateTimeOffset At, IReadOnlyDictionary<string, object> Data)
{
    public static ReviewEventMessage From(ReviewEvent reviewEvent) => new(
        reviewEvent.Type, reviewEvent.ClaimId, reviewEvent.DocumentId, reviewEvent.Actor, reviewEvent.At,
        reviewEvent.Data?.ToDictionary(d => d.Key, d => (object)d.Value) ?? []);

    public static ReviewEventMessage From(ClaimPresenceChange change, DateTimeOffset at) => new(
        ReviewEventTypes.PresenceChanged, change.ClaimId, null, change.Actor, at,
        new Dictionary<string, object>
        {
            ["viewers"] = change.Viewers.Select(v => v.DisplayName).ToArray(),
            ["editing"] = change.Viewers.Where(v => v.Editing).Select(v => v.DisplayName).ToArray(),
        });
}
