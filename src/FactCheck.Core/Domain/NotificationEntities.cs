using System.ComponentModel.DataAnnotations;

namespace FactCheck.Core.Domain;

/// <summary>
/// What a notification is about. Powers of two, so a user's preferences hold a set of kinds in one
/// column (<see cref="ApplicationUser.NotificationsInAppOff"/>, <see cref="ApplicationUser.NotificationsByEmailOff"/>).
/// </summary>
[Flags]
public enum NotificationKind
{
    None = 0,
    /// <summary>A lead assigned you a claim.</summary>
    Assigned = 1,
    /// <summary>A verdict was recorded or published on a claim you are assigned to or assigned others to.</summary>
    Verdict = 2,
    /// <summary>Someone wrote @you in a claim's discussion.</summary>
    Mention = 4,
    /// <summary>A lead answered your suggestion or correction request (readers).</summary>
    RequestAnswered = 8,
    /// <summary>A reader asked for a correction of a published verdict (leads).</summary>
    CorrectionRequested = 16,
}

/// <summary>When a user's e-mail notifications go out.</summary>
public enum EmailFrequency
{
    Immediately = 0,
    DailyDigest = 1,
    Never = 2,
}

/// <summary>Where a notification's e-mail stands in the outbox.</summary>
public enum NotificationEmailState
{
    /// <summary>Not handled yet: the mailer decides from the user's preferences (send now, keep for the digest, or skip).</summary>
    Pending = 0,
    Sent = 1,
    /// <summary>No mail for this one (preferences, no address, or too old when mail was turned on).</summary>
    Skipped = 2,
    /// <summary>Gave up after the retries.</summary>
    Failed = 3,
    /// <summary>Kept for the recipient's next daily digest.</summary>
    AwaitingDigest = 4,
}

/// <summary>The user's colour scheme choice; null on the user means "the browser cookie or the system".</summary>
public enum ThemePreference
{
    System = 0,
    Light = 1,
    Dark = 2,
}

/// <summary>
/// A notification for one person, stored in the same save as the change that caused it. It is also
/// the e-mail outbox: <see cref="EmailState"/> is worked off by the mailer, never on the save path.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    [MaxLength(450)] public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    /// <summary>One display-ready line, e.g. "Lead assigned you claim #12: …".</summary>
    [MaxLength(500)] public string Text { get; set; } = "";
    /// <summary>The app-relative page it links to (the claim, or the reader's requests).</summary>
    [MaxLength(300)] public string Link { get; set; } = "";
    public int? ClaimId { get; set; }
    [MaxLength(256)] public string ActorName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public NotificationEmailState EmailState { get; set; }
    public int EmailAttempts { get; set; }
    public DateTimeOffset? NextEmailAttemptAt { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }
    [MaxLength(500)] public string? EmailError { get; set; }
}
