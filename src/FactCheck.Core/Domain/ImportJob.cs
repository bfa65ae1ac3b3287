using System.ComponentModel.DataAnnotations;
using FactCheck.Extraction;

namespace FactCheck.Core.Domain;

public enum ImportJobStatus
{
    Queued = 0,
    Extracting = 1,
    Writing = 2,
    /// <summary>The document is complete and visible; its claims are being embedded and rescored.</summary>
    Matching = 3,
    Completed = 4,
    Failed = 5,
}

/// <summary>
/// One import in the durable queue: who asked, what, how far it got, and a lease so exactly one worker
/// (of any instance) runs it at a time; a crashed worker's lease expires and another takes the job over.
/// The text stays here until the document is complete, so a restart can redo the work.
/// </summary>
public sealed class ImportJob
{
    public int Id { get; set; }
    [MaxLength(450)] public string CreatedById { get; set; } = "";
    [MaxLength(256)] public string CreatedByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The uploaded file's name, or what stands for it (pasted text, a web address).</summary>
    [MaxLength(300)] public string FileName { get; set; } = "";
    public long SizeBytes { get; set; }
    [MaxLength(300)] public string Title { get; set; } = "";
    [MaxLength(2048)] public string? SourceUrl { get; set; }
    [MaxLength(200)] public string? Publisher { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DocumentFormat Format { get; set; }
    /// <summary>The normalized text to import; emptied once the document holds it.</summary>
    public string Text { get; set; } = "";
    [MaxLength(64)] public string ContentHash { get; set; } = "";
    public ImportJobStatus Status { get; set; }
    /// <summary>Work done and to do in the current phase (sentences written, claims embedded).</summary>
    public int ProgressDone { get; set; }
    public int ProgressTotal { get; set; }
    /// <summary>Claims the document has (known once extraction ran).</summary>
    public int Claims { get; set; }
    /// <summary>The document being written (hidden until complete), or the one that already had this text.</summary>
    public int? DocumentId { get; set; }
    /// <summary>True when the text had been imported before and <see cref="DocumentId"/> is that document.</summary>
    public bool AlreadyImported { get; set; }
    [MaxLength(1000)] public string? Error { get; set; }
    public int Attempts { get; set; }
    /// <summary>The worker running the job and until when; another worker may take it once the lease has expired.</summary>
    [MaxLength(100)] public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
