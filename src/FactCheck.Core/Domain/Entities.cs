using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using FactCheck.Extraction;

namespace FactCheck.Core.Domain;

/// <summary>A record whose app-managed concurrency token changes on every save.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

public sealed class Document
{
    public int Id { get; set; }
    [MaxLength(300)] public string Title { get; set; } = "";
    [MaxLength(2048)] public string? SourceUrl { get; set; }
    [MaxLength(200)] public string? Publisher { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    [MaxLength(450)] public string ImportedById { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary>Normalized text; every claim span indexes into it.</summary>
    public string Text { get; set; } = "";
    /// <summary>SHA-256 of the normalized text, so a re-import of the same text is detected.</summary>
    [MaxLength(64)] public string ContentHash { get; set; } = "";
    public DocumentFormat Format { get; set; }
    /// <summary>
    /// The import job still writing this document, or null once it is complete. A document (and its
    /// claims) with a pending job is hidden from every query by the context's query filters.
    /// </summary>
    public int? PendingImportJobId { get; set; }
    public List<Claim> Claims { get; set; } = [];
}

public sealed class Claim : IVersioned
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public Document? Document { get; set; }
    /// <summary>
    /// Written by an import still in progress: hidden (query filter) until its document is complete.
    /// A column of the claim itself, in the covering indexes, so hiding costs the claims list nothing.
    /// </summary>
    public bool ImportPending { get; set; }
    [MaxLength(2000)] public string Text { get; set; } = "";
    public int SpanStart { get; set; }
    public int SpanLength { get; set; }
    [MaxLength(300)] public string? Attribution { get; set; }
    /// <summary>Person or Organization as a lead set it; Inferred reads it from the attribution.</summary>
    public ClaimantType ClaimantType { get; set; }
    public ClaimKind Kind { get; set; }
    public double Score { get; set; }
    /// <summary>Why the extractor found it check-worthy, one reason a line.</summary>
    [MaxLength(2000)] public string Reasons { get; set; } = "";
    public ClaimStatus Status { get; set; }
    public ClaimPriority Priority { get; set; } = ClaimPriority.Normal;
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Comma-separated, lower-case tags.</summary>
    [MaxLength(1000)] public string Tags { get; set; } = "";
    public int? DuplicateOfId { get; set; }
    /// <summary>The most similar claim already in the workspace when this one was extracted, so its verdict can be reused.</summary>
    public int? SimilarToId { get; set; }
    public double? Similarity { get; set; }
    /// <summary>When a lead confirmed the extracted claim as worth checking.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }
    [MaxLength(500)] public string? DismissalReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>App-managed concurrency token: SQLite ignores [Timestamp], so every save sets a new one.</summary>
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();

    public List<Assignment> Assignments { get; set; } = [];
    public List<Verdict> Verdicts { get; set; } = [];
    public List<Source> Sources { get; set; } = [];
    public List<Comment> Comments { get; set; } = [];
    public List<Publication> Publications { get; set; } = [];

    [NotMapped] public IEnumerable<string> ReasonList => Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    [NotMapped] public IEnumerable<Assignment> ActiveAssignments => Assignments.Where(a => a.RemovedAt is null);
}

public sealed class Assignment
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    [MaxLength(450)] public string ReviewerId { get; set; } = "";
    public ApplicationUser? Reviewer { get; set; }
    [MaxLength(450)] public string AssignedById { get; set; } = "";
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Unassigning keeps the row (nothing is hard-deleted) and stamps when it ended.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}

public sealed class Verdict : IVersioned
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    [MaxLength(450)] public string ReviewerId { get; set; } = "";
    public ApplicationUser? Reviewer { get; set; }
    public Rating Rating { get; set; }
    /// <summary>Markdown; sanitized when rendered.</summary>
    [MaxLength(20000)] public string Rationale { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
}

public sealed class Source
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    [MaxLength(2048)] public string Url { get; set; } = "";
    [MaxLength(300)] public string Title { get; set; } = "";
    [MaxLength(200)] public string? Publisher { get; set; }
    [MaxLength(2000)] public string? Excerpt { get; set; }
    public SourceStance Stance { get; set; }
    [MaxLength(450)] public string AddedById { get; set; } = "";
    public ApplicationUser? AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed class Comment
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    [MaxLength(450)] public string AuthorId { get; set; } = "";
    public ApplicationUser? Author { get; set; }
    [MaxLength(10000)] public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One published version of a claim's final verdict; a correction adds a new version.</summary>
public sealed class Publication : IVersioned
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    [MaxLength(200)] public string Slug { get; set; } = "";
    public int VersionNumber { get; set; }
    public Rating Rating { get; set; }
    [MaxLength(5000)] public string Summary { get; set; } = "";
    [MaxLength(2000)] public string? CorrectionNote { get; set; }
    [MaxLength(450)] public string PublishedById { get; set; } = "";
    public ApplicationUser? PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>The version readers see; older versions stay visible in the corrections log.</summary>
    public bool IsCurrent { get; set; }
    /// <summary>The claim's text as published (PublicationSnapshot); public reads never use the live claim.</summary>
    [MaxLength(2000)] public string? ClaimText { get; set; }
    [MaxLength(300)] public string? Attribution { get; set; }
    public ClaimantType ClaimantType { get; set; }
    /// <summary>The sources as published, JSON of PublishedSource.</summary>
    public string? SourcesJson { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
}

public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    [MaxLength(450)] public string ActorId { get; set; } = "";
    [MaxLength(256)] public string ActorName { get; set; } = "";
    [MaxLength(64)] public string Action { get; set; } = "";
    [MaxLength(64)] public string EntityType { get; set; } = "";
    [MaxLength(64)] public string EntityId { get; set; } = "";
    public int? ClaimId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>
/// A personal access token: a workspace member creates it for a script or another system and it
/// acts as them, limited to its scopes and never beyond the owner's current roles. Only a SHA-256
/// of the secret is stored, so a leaked database does not leak usable tokens.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    [MaxLength(100)] public string Name { get; set; } = "";
    [MaxLength(64)] public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the token, to recognise it in the list.</summary>
    [MaxLength(12)] public string Prefix { get; set; } = "";
    [MaxLength(450)] public string OwnerId { get; set; } = "";
    public ApplicationUser? Owner { get; set; }
    [MaxLength(450)] public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Comma-separated <see cref="Security.TokenScopes"/>; "read" is always included.</summary>
    [MaxLength(100)] public string Scopes { get; set; } = "";
    /// <summary>After this moment the token is refused; null only for tokens made before expiry existed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A named set of claim filters a user keeps for their own work.</summary>
public sealed class SavedFilter
{
    public int Id { get; set; }
    [MaxLength(450)] public string UserId { get; set; } = "";
    [MaxLength(100)] public string Name { get; set; } = "";
    /// <summary>The ClaimQuery as JSON (without paging).</summary>
    [MaxLength(4000)] public string QueryJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
