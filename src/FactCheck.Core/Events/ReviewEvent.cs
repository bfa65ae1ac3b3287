namespace FactCheck.Core.Events;

/// <summary>Event type names of the public hub contract (DESIGN.md, /hubs/review).</summary>
public static class ReviewEventTypes
{
    public const string DocumentImported = "DocumentImported";
    public const string ClaimCreated = "ClaimCreated";
    public const string ClaimUpdated = "ClaimUpdated";
    public const string StatusChanged = "StatusChanged";
    public const string Assigned = "Assigned";
    public const string Unassigned = "Unassigned";
    public const string VerdictSaved = "VerdictSaved";
    public const string SourceAdded = "SourceAdded";
    public const string CommentAdded = "CommentAdded";
    public const string Published = "Published";
    public const string Reopened = "Reopened";
    public const string PresenceChanged = "PresenceChanged";
}

/// <summary>
/// Something changed in the workspace. <see cref="Data"/> carries small, display-ready details
/// (never a whole record), so every receiver can decide whether to reload.
/// </summary>
public sealed record ReviewEvent(
    string Type,
    int? ClaimId,
    int? DocumentId,
    string Actor,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string>? Data = null)
{
    /// <summary>Claim-detail events go only to those viewing the claim; the rest to every member.</summary>
    public bool IsClaimDetail => Type is ReviewEventTypes.SourceAdded or ReviewEventTypes.CommentAdded or ReviewEventTypes.VerdictSaved
        or ReviewEventTypes.PresenceChanged;
}
