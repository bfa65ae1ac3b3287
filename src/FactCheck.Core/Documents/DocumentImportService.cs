using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Diagnostics;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Documents;

public sealed class ImportOptions
{
    /// <summary>Largest document accepted, in bytes of UTF-8 text or uploaded file.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>
    /// Text up to this size is imported while the request waits (still through the queue and in batches);
    /// larger text is left to the background worker and the request answers with the job.
    /// </summary>
    public long InlineBytes { get; set; } = 256 * 1024;
    /// <summary>How long a request waits for a queued import before answering with the job.</summary>
    public double WaitSeconds { get; set; } = 2;
    /// <summary>Claims written per transaction: small enough that no other write waits long behind one.</summary>
    public int BatchSize { get; set; } = 300;
    /// <summary>How long a worker's claim on a job lasts without progress before another worker may take it over.</summary>
    public int LeaseSeconds { get; set; } = 60;
    /// <summary>Attempts before a job is marked failed (its partial document is deleted; it can be retried).</summary>
    public int MaxAttempts { get; set; } = 3;
    /// <summary>Whether the worker embeds and rescores a new document's claims before calling the job complete.</summary>
    public bool EmbedClaims { get; set; } = true;
}

public sealed record ImportRequest(string Title, string Text, DocumentFormat Format = DocumentFormat.Text,
    string? SourceUrl = null, string? Publisher = null, DateTimeOffset? PublishedAt = null);

/// <summary>What the importer knows about a document besides its text (from a form, an API call or a sidecar file).</summary>
public sealed record DocumentMetadata(string? Title = null, string? SourceUrl = null, string? Publisher = null, DateTimeOffset? PublishedAt = null);

public sealed record ImportResult(int DocumentId, string Title, bool AlreadyImported, IReadOnlyList<ImportedClaim> Claims);

public sealed record ImportedClaim(int Id, string Text, int Start, int Length, double Score, string Kind, string? Attribution, IReadOnlyList<string> Reasons);

/// <summary>A queued import: its result when the document was ready in time, otherwise the job to follow.</summary>
public sealed record ImportOutcome(ImportResult? Result, ImportJobView? Job);

/// <summary>
/// Validates an import and hands it to the <see cref="ImportQueue"/>: bad input is refused at once and
/// queues nothing. The Import* methods wait until the document is complete (scripts, seeds, reader
/// suggestions); the Queue* methods (the import page and the API) wait only briefly for large text and
/// return the job to follow. The same text imported twice is detected by its hash and not duplicated.
/// </summary>
public sealed class DocumentImportService(
    IDbContextFactory<FactCheckDbContext> dbFactory,
    IReviewEventBus events,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ClaimMatcher matcher,
    UrlDocumentReader urlReader,
    ImportQueue queue)
{
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<ImportResult> ImportFileAsync(Actor actor, string fileName, byte[] content, DocumentMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        await ImportAsync(actor, ReadFile(actor, fileName, content, metadata), cancellationToken);

    /// <summary>Fetches a web page (bounded in time and size; private addresses refused) and imports its article text.</summary>
    public async Task<ImportResult> ImportUrlAsync(Actor actor, string? url, CancellationToken cancellationToken = default) =>
        await ImportAsync(actor, await ReadUrlAsync(actor, url, cancellationToken), cancellationToken);

    /// <summary>Imports through the queue, here and now, and returns once the document is complete.</summary>
    public async Task<ImportResult> ImportAsync(Actor actor, ImportRequest request, CancellationToken cancellationToken = default)
    {
        var (validated, text, hash, existing) = await PrepareAsync(actor, request, cancellationToken);
        if (existing is not null) return existing;
        var jobId = await FindRunningJobAsync(hash, cancellationToken)
            ?? await queue.AddAsync(actor, validated, text, hash, validated.Title, Encoding.UTF8.GetByteCount(text), cancellationToken);
        await queue.RunUntilVisibleAsync(jobId, cancellationToken);
        var job = await queue.GetAsync(actor, jobId, cancellationToken) ?? throw new NotFoundException($"Import #{jobId} does not exist.");
        return await ResultAsync(job, cancellationToken) ?? throw new ValidationException(job.Error ?? "The import did not complete.");
    }

    public async Task<ImportOutcome> QueueFileAsync(Actor actor, string fileName, byte[] content, DocumentMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        await QueueAsync(actor, ReadFile(actor, fileName, content, metadata), fileName, cancellationToken);

    public async Task<ImportOutcome> QueueUrlAsync(Actor actor, string? url, CancellationToken cancellationToken = default) =>
        await QueueAsync(actor, await ReadUrlAsync(actor, url, cancellationToken), url, cancellationToken);

    /// <summary>
    /// Queues an import. Small text is written within the call; larger text is left to the worker and
    /// the call waits at most Import:WaitSeconds: the outcome carries the result when the document is
    /// ready, otherwise the job (whose progress <see cref="ImportQueue.GetAsync"/> reports).
    /// </summary>
    public async Task<ImportOutcome> QueueAsync(Actor actor, ImportRequest request, string? fileName = null, CancellationToken cancellationToken = default)
    {
        var (validated, text, hash, existing) = await PrepareAsync(actor, request, cancellationToken);
        if (existing is not null) return new ImportOutcome(existing, null);
        var size = Encoding.UTF8.GetByteCount(text);
        var jobId = await FindRunningJobAsync(hash, cancellationToken)
            ?? await queue.AddAsync(actor, validated, text, hash, string.IsNullOrWhiteSpace(fileName) ? validated.Title : fileName, size, cancellationToken);
        if (size <= options.Value.InlineBytes) await queue.RunUntilVisibleAsync(jobId, cancellationToken);
        var job = await queue.WaitAsync(actor, jobId, TimeSpan.FromSeconds(Math.Clamp(options.Value.WaitSeconds, 0, 60)), cancellationToken);
        if (job.Status == ImportJobStatus.Failed) throw new ValidationException(job.Error ?? "The import failed.");
        return new ImportOutcome(await ResultAsync(job, cancellationToken), job);
    }

    /// <summary>The document of a job once it is ready, with its claims; null before.</summary>
    public async Task<ImportResult?> ResultAsync(ImportJobView job, CancellationToken cancellationToken = default)
    {
        if (!job.DocumentReady || job.DocumentId is not { } documentId) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var title = await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.Title).FirstOrDefaultAsync(cancellationToken);
        return title is null ? null : new ImportResult(documentId, title, job.AlreadyImported, await LoadClaimsAsync(db, documentId, cancellationToken));
    }

    private ImportRequest ReadFile(Actor actor, string fileName, byte[] content, DocumentMetadata? metadata)
    {
        DemandImport(actor);
        if (content.LongLength > MaxBytes)
            throw new ValidationException($"\"{fileName}\" is {content.LongLength / 1024.0 / 1024.0:0.0} MB; the limit is {MaxBytes / 1024.0 / 1024.0:0.#} MB.");
        ReadDocument read;
        try
        {
            read = DocumentReader.Read(content, fileName);
        }
        catch (DocumentReadException ex)
        {
            throw new ValidationException(ex.Message);
        }
        var title = FirstNonBlank(metadata?.Title, read.Title, Path.GetFileNameWithoutExtension(fileName))!;
        return new ImportRequest(title, read.Text, read.Format, metadata?.SourceUrl, FirstNonBlank(metadata?.Publisher, read.Byline), metadata?.PublishedAt ?? read.PublishedAt);
    }

    private async Task<ImportRequest> ReadUrlAsync(Actor actor, string? url, CancellationToken cancellationToken)
    {
        DemandImport(actor);
        var address = InputRules.HttpUrl(url, "URL");
        ReadDocument read;
        try
        {
            read = await urlReader.ReadAsync(address, cancellationToken);
        }
        catch (DocumentReadException ex)
        {
            throw new ValidationException(ex.Message);
        }
        return new ImportRequest(read.Title ?? new Uri(address).Host, read.Text, DocumentFormat.Url, address, read.Byline, read.PublishedAt);
    }

    /// <summary>
    /// Checks the request (refused with a clear message, nothing queued) and normalizes its text; a text
    /// already imported answers with that document.
    /// </summary>
    private async Task<(ImportRequest Validated, string Text, string Hash, ImportResult? Existing)> PrepareAsync(Actor actor, ImportRequest request, CancellationToken cancellationToken)
    {
        DemandImport(actor);
        var text = NormalizeText(request.Text);
        if (text.Length == 0) throw new ValidationException("The document has no text: paste or upload some text first.");
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            throw new ValidationException($"The document is larger than the {MaxBytes / 1024.0 / 1024.0:0.#} MB limit.");
        var validated = Validated(request, text);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        await using var lookup = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await lookup.Documents.AsNoTracking().Where(d => d.ContentHash == hash)
            .Select(d => new { d.Id, d.Title }).FirstOrDefaultAsync(cancellationToken);
        if (existing is null) return (validated, text, hash, null);
        FactCheckMetrics.ImportCompleted(TimeSpan.Zero, "duplicate");
        return (validated, text, hash, new ImportResult(existing.Id, existing.Title, true, await LoadClaimsAsync(lookup, existing.Id, cancellationToken)));
    }

    /// <summary>The request with its fields checked and cleaned (title, source URL, publisher).</summary>
    private static ImportRequest Validated(ImportRequest request, string text)
    {
        var title = InputRules.RequiredTitle(string.IsNullOrWhiteSpace(request.Title) ? FirstLine(text) : request.Title, "Title", 300);
        var sourceUrl = request.SourceUrl is null ? null : InputRules.HttpUrl(request.SourceUrl, "Source URL", required: false);
        var publisher = InputRules.Optional(request.Publisher, "Publisher", 200);
        return request with { Title = title, Text = "", SourceUrl = string.IsNullOrEmpty(sourceUrl) ? null : sourceUrl, Publisher = publisher };
    }

    /// <summary>A job already importing the same text: a second request follows it instead of queueing the text again.</summary>
    private async Task<int?> FindRunningJobAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.AsNoTracking()
            .Where(j => j.ContentHash == hash && j.Status != ImportJobStatus.Completed && j.Status != ImportJobStatus.Failed)
            .OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A lead marks a passage the extractor missed as a claim, by selecting it in the document. The
    /// span is trimmed to the selected words; score, kind, attribution and reasons come from the
    /// same engine as extracted claims.
    /// </summary>
    public async Task<int> AddClaimFromSpanAsync(Actor actor, int documentId, int start, int length, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may add claims.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var text = await db.Documents.Where(d => d.Id == documentId).Select(d => d.Text).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ValidationException($"Document #{documentId} does not exist.");
        if (start < 0 || length <= 0 || start + length > text.Length)
            throw new ValidationException("Select the words of the claim in the document text first.");
        while (length > 0 && char.IsWhiteSpace(text[start])) { start++; length--; }
        while (length > 0 && char.IsWhiteSpace(text[start + length - 1])) length--;
        if (length < 10) throw new ValidationException("The selection is too short to be a claim.");
        if (length > 2000) throw new ValidationException("The selection is too long for one claim (at most 2,000 characters).");
        if (await db.Claims.AnyAsync(c => c.DocumentId == documentId && c.SpanStart == start && c.SpanLength == length, cancellationToken))
            throw new ValidationException("That passage is already a claim.");

        var passage = text.Substring(start, length);
        var scored = ClaimExtractor.Default.ScoreSentences(passage);
        var best = scored.OrderByDescending(s => s.Score).FirstOrDefault();
        var similar = await matcher.FindBestAsync(passage, cancellationToken);
        var now = clock.GetUtcNow();
        var claim = new Claim
        {
            DocumentId = documentId,
            Text = passage,
            SpanStart = start,
            SpanLength = length,
            Score = best?.Score ?? 0,
            Kind = best?.Kind ?? ClaimKind.Statement,
            Attribution = best?.Attribution,
            Reasons = string.Join('\n', (best?.Reasons ?? []).Prepend("added by a lead from the document")),
            Status = ClaimStatus.New,
            AcceptedAt = now,
            SimilarToId = similar?.ClaimId,
            Similarity = similar?.Similarity,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Claims.Add(claim);
        // The lead's passage gets its figures like an extracted claim, so the cross-check covers it.
        db.ClaimQuantities.AddRange(ClaimMatcher.ToRows(claim, QuantityExtractor.Extract(passage)));
        await db.SaveChangesAsync(cancellationToken);
        Audit.Record(db, actor, now, "ClaimAdded", nameof(Claim), claim.Id, claim.Id, null, new { claim.Text, claim.SpanStart, claim.SpanLength });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await matcher.AddAsync([claim], cancellationToken);
        await events.PublishAsync(new ReviewEvent(ReviewEventTypes.ClaimCreated, claim.Id, documentId, actor.Name, now), cancellationToken);
        return claim.Id;
    }

    private void DemandImport(Actor actor) =>
        Permissions.Demand(Permissions.CanImport(actor), "Only leads and admins may import documents.");

    private static async Task<IReadOnlyList<ImportedClaim>> LoadClaimsAsync(FactCheckDbContext db, int documentId, CancellationToken cancellationToken)
    {
        var claims = await db.Claims.AsNoTracking().Where(c => c.DocumentId == documentId).OrderBy(c => c.SpanStart).ToListAsync(cancellationToken);
        return claims.Select(ToImported).ToList();
    }

    private static ImportedClaim ToImported(Claim c) =>
        new(c.Id, c.Text, c.SpanStart, c.SpanLength, c.Score, c.Kind.ToString().ToLowerInvariant(), c.Attribution, c.ReasonList.ToList());

    /// <summary>One normal form (quotes, dashes, whitespace, line endings), so the same text always hashes the same and spans stay stable.</summary>
    internal static string NormalizeText(string? text) => TextNormalizer.Normalize(text ?? "");

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 120 ? line[..120] + "…" : line;
    }
}
