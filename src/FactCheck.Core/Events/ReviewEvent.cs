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
    /// <summary>A lead answered a reader's suggestion or correction request: for that reader only.</summary>
    public const string RequestAnswered = "RequestAnswered";
    /// <summary>Someone's notifications changed (a new one, or read elsewhere): for that person only, so their bell recounts.</summary>
    public const string NotificationsChanged = "NotificationsChanged";
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
    /// <summary>The data key naming the person an event is about (the assignee of Assigned and Unassigned).</summary>
    public const string ReviewerIdKey = "reviewerId";

    /// <summary>The data key naming the reader a personal event is for.</summary>
    public const string UserIdKey = "userId";

    /// <summary>The person this event is about, if any: their own views (My assignments, the nav badge, My suggestions) subscribe by it.</summary>
    public string? SubjectUserId => Data?.GetValueOrDefault(ReviewerIdKey) ?? Data?.GetValueOrDefault(UserIdKey);

    /// <summary>Personal events go to their subject only, never to the workspace.</summary>
    public bool IsPersonal => Type is ReviewEventTypes.RequestAnswered or ReviewEventTypes.NotificationsChanged;

    /// <summary>Whether this event can move a claim into, out of, or within someone's assignments (My assignments, the nav count).</summary>
    public bool ChangesAssignments => Type is ReviewEventTypes.Assigned or ReviewEventTypes.Unassigned or ReviewEventTypes.StatusChanged
        or ReviewEventTypes.Published or ReviewEventTypes.Reopened or ReviewEventTypes.ClaimUpdated;

    /// <summary>Claim-detail events go only to those viewing the claim; the rest to every member.</summary>
    public bool IsClaimDetail => Type is ReviewEventTypes.SourceAdded or ReviewEventTypes.CommentAdded or ReviewEventTypes.VerdictSaved
        or ReviewEventTypes.PresenceChanged;
}
