using System.ComponentModel.DataAnnotations;

namespace FactCheck.Core.Domain;

/// <summary>Where a reader's request stands: a lead accepts or declines it, and marks accepted work done.</summary>
public enum RequestStatus
{
    New = 0,
    Accepted = 1,
    Declined = 2,
    Done = 3,
}

/// <summary>A claim or a web address a signed-in reader asks the team to check.</summary>
public sealed class Suggestion : IVersioned
{
    public int Id { get; set; }
    [MaxLength(4000)] public string? Text { get; set; }
    [MaxLength(2048)] public string? Url { get; set; }
    [MaxLength(450)] public string SubmittedById { get; set; } = "";
    public ApplicationUser? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public RequestStatus Status { get; set; }
    /// <summary>The lead's answer, shown to the reader.</summary>
    [MaxLength(4000)] public string? Answer { get; set; }
    [MaxLength(450)] public string? AnsweredById { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>The document the suggested text was imported as, when the lead imported it.</summary>
    public int? DocumentId { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A reader's request to correct a published verdict.</summary>
public sealed class CorrectionRequest : IVersioned
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    /// <summary>The verdict's public slug, so the reader's list links to the page they asked about.</summary>
    [MaxLength(200)] public string Slug { get; set; } = "";
    /// <summary>The version the reader was reading when they asked.</summary>
    public int VersionNumber { get; set; }
    [MaxLength(450)] public string ReaderId { get; set; } = "";
    public ApplicationUser? Reader { get; set; }
    [MaxLength(4000)] public string Message { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public RequestStatus Status { get; set; }
    [MaxLength(4000)] public string? Answer { get; set; }
    [MaxLength(450)] public string? AnsweredById { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>
/// The site's settings an admin edits, in a single row (id 1). A blank value falls back to
/// configuration (Organization section) or to the built-in rating labels.
/// </summary>
public sealed class SiteSettings : IVersioned
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    [MaxLength(200)] public string? OrganizationName { get; set; }
    [MaxLength(2048)] public string? OrganizationUrl { get; set; }
    [MaxLength(2048)] public string? OrganizationLogoUrl { get; set; }
    [MaxLength(40)] public string? TrueLabel { get; set; }
    [MaxLength(40)] public string? MostlyTrueLabel { get; set; }
    [MaxLength(40)] public string? MixedLabel { get; set; }
    [MaxLength(40)] public string? MisleadingLabel { get; set; }
    [MaxLength(40)] public string? FalseLabel { get; set; }
    [MaxLength(40)] public string? UnverifiableLabel { get; set; }
    public bool ReviewersMaySelfAssign { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    [MaxLength(450)] public string? UpdatedById { get; set; }
    [ConcurrencyCheck] public Guid Version { get; set; } = Guid.NewGuid();
}
