namespace FactCheck.Core.Events;

/// <summary>What a subscriber shows, so the bus hands it only the events that can change it.</summary>
public enum ReviewEventScope
{
    /// <summary>Every event (the hub relay, the Redis publisher, tests).</summary>
    Everything,
    /// <summary>Lists of claims and documents (claims grid, board, dashboards): every event but a claim's discussion and presence.</summary>
    Workspace,
    /// <summary>One claim's page: every event about that claim.</summary>
    Claim,
    /// <summary>One document's page: every event about that document.</summary>
    Document,
    /// <summary>One person's own views (My assignments, the nav badge, the assignment notice): events naming them.</summary>
    User,
}

/// <summary>
/// A subscription key, like eShop's notification service keys its subscribers by buyer: the bus
/// looks subscribers up by the topics an event touches instead of calling every open view.
/// </summary>
public readonly record struct ReviewEventTopic(ReviewEventScope Scope, int Id = 0, string? UserId = null)
{
    public static ReviewEventTopic Everything => new(ReviewEventScope.Everything);

    public static ReviewEventTopic Workspace => new(ReviewEventScope.Workspace);

    public static ReviewEventTopic ForClaim(int claimId) => new(ReviewEventScope.Claim, claimId);

    public static ReviewEventTopic ForDocument(int documentId) => new(ReviewEventScope.Document, documentId);

    public static ReviewEventTopic ForUser(string userId) => new(ReviewEventScope.User, UserId: userId);

    /// <summary>The topics whose subscribers receive <paramref name="reviewEvent"/>.</summary>
    public static IEnumerable<ReviewEventTopic> Of(ReviewEvent reviewEvent)
    {
        yield return Everything;
        if (!reviewEvent.IsClaimDetail && !reviewEvent.IsPersonal) yield return Workspace;
        if (reviewEvent.ClaimId is { } claimId) yield return ForClaim(claimId);
        if (reviewEvent.DocumentId is { } documentId) yield return ForDocument(documentId);
        if (reviewEvent.SubjectUserId is { } userId) yield return ForUser(userId);
    }
}
