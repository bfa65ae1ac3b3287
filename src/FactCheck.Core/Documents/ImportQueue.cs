using System.Diagnostics;
using FactCheck.Core.Common;
using FactCheck.Core.Diagnostics;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Documents;

/// <summary>What a caller may see of an import job (its owner, a lead or an admin).</summary>
public sealed record ImportJobView(int Id, string FileName, long SizeBytes, string Title, ImportJobStatus Status, int ProgressDone, int ProgressTotal,
    int Claims, int? DocumentId, bool AlreadyImported, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt)
{
    /// <summary>The document exists in full and can be opened (its claims may still be getting embeddings).</summary>
    public bool DocumentReady => Status is ImportJobStatus.Matching or ImportJobStatus.Completed && DocumentId is not null;
    public bool Finished => Status is ImportJobStatus.Completed or ImportJobStatus.Failed;

    /// <summary>0 to 100 across the phases: extracting 0–10, writing 10–80, matching 80–100.</summary>
    public double Percent => Status switch
    {
        ImportJobStatus.Queued => 0,
        ImportJobStatus.Extracting => 5,
        ImportJobStatus.Writing => 10 + 70.0 * Fraction,
        ImportJobStatus.Matching => 80 + 20.0 * Fraction,
        _ => 100,
    };

    private double Fraction => ProgressTotal <= 0 ? 0 : Math.Clamp((double)ProgressDone / ProgressTotal, 0, 1);
}

/// <summary>
/// The durable import queue. A job row holds the text until the document is complete; a worker claims a
/// job with one atomic UPDATE (a lease with an expiry, so several instances on PostgreSQL never run the same
/// job and a crashed worker's job is taken over), extracts the claims, writes them a few hundred per
/// transaction (so no other write waits long behind an import) into a document that stays hidden until
/// the last batch, then shows it in one short transaction and embeds and rescores its claims. Every batch
/// stores its progress in the same transaction as its claims, so a job resumes exactly where it stopped.
/// </summary>
public sealed class ImportQueue(
    IDbContextFactory<FactCheckDbContext> dbFactory,
    IReviewEventBus events,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ClaimMatcher matcher,
    ClaimEmbeddingPass embeddingPass,
    ILogger<ImportQueue>? logger = null)
{
    /// <summary>Claims written per transaction.</summary>
    public int BatchSize => Math.Clamp(options.Value.BatchSize, 1, 5000);
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Clamp(options.Value.LeaseSeconds, 1, 3600));
    private readonly ILogger _logger = logger ?? NullLogger<ImportQueue>.Instance;
    private readonly SemaphoreSlim _workAvailable = new(0, int.MaxValue);

    /// <summary>A name for this process's workers in lease rows (several instances share one database).</summary>
    public string WorkerName { get; } = Cut($"{Environment.ProcessId}:{Guid.NewGuid():N}:{Environment.MachineName}", 100);

    private static readonly ImportJobStatus[] Runnable = [ImportJobStatus.Queued, ImportJobStatus.Extracting, ImportJobStatus.Writing, ImportJobStatus.Matching];

    /// <summary>Stores a job (already validated by <see cref="DocumentImportService"/>) and wakes this instance's worker.</summary>
    internal async Task<int> AddAsync(Actor actor, ImportRequest request, string text, string hash, string fileName, long sizeBytes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var job = new ImportJob
        {
            CreatedById = actor.RequireUserId(), CreatedByName = Cut(actor.Name, 256), CreatedAt = now, UpdatedAt = now,
            FileName = Cut(fileName, 300), SizeBytes = sizeBytes, Title = request.Title, SourceUrl = request.SourceUrl, Publisher = request.Publisher,
            PublishedAt = request.PublishedAt, Format = request.Format, Text = text, ContentHash = hash, Status = ImportJobStatus.Queued,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        _workAvailable.Release();
        return job.Id;
    }

    /// <summary>Waits until a job may be waiting (one was added here) or the poll interval passes (one may have been added elsewhere).</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan poll, CancellationToken cancellationToken) => _workAvailable.WaitAsync(poll, cancellationToken);

    public async Task<ImportJobView?> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanImport(actor), "Only leads and admins may see imports.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.AsNoTracking().Where(j => j.Id == id).Select(ToView).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Jobs not yet complete (and those that failed in the last week), newest first, for the documents list.</summary>
    public async Task<IReadOnlyList<ImportJobView>> ListUnfinishedAsync(Actor actor, int max = 50, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanImport(actor), "Only leads and admins may see imports.");
        var since = clock.GetUtcNow().AddDays(-7);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status != ImportJobStatus.Completed && (j.Status != ImportJobStatus.Failed || j.UpdatedAt > since))
            .OrderByDescending(j => j.Id).Take(Math.Clamp(max, 1, 500)).Select(ToView).ToListAsync(cancellationToken);
    }

    /// <summary>Queues a failed job again (its text is kept until it completes).</summary>
    public async Task RetryAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanImport(actor), "Only leads and admins may retry imports.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken) ?? throw new NotFoundException($"Import #{id} does not exist.");
        if (job.Status != ImportJobStatus.Failed) throw new ValidationException("Only a failed import can be retried.");
        job.Status = ImportJobStatus.Queued;
        job.Attempts = 0;
        job.Error = null;
        job.ProgressDone = job.ProgressTotal = 0;
        job.LeaseOwner = null;
        job.LeaseUntil = null;
        job.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        _workAvailable.Release();
    }

    /// <summary>
    /// Polls the job (it may run on another instance) until its document is ready or it failed, at most
    /// <paramref name="wait"/>; returns its last state.
    /// </summary>
    public async Task<ImportJobView> WaitAsync(Actor actor, int id, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var job = await GetAsync(actor, id, cancellationToken) ?? throw new NotFoundException($"Import #{id} does not exist.");
            if (job.DocumentReady || job.Finished || Stopwatch.GetTimestamp() >= until) return job;
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Claims the oldest runnable job whose lease is free or expired and runs it; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<int> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            candidates = await db.ImportJobs.AsNoTracking()
                .Where(j => Runnable.Contains(j.Status) && (j.LeaseUntil == null || j.LeaseUntil < now))
                .OrderBy(j => j.Id).Select(j => j.Id).Take(5).ToListAsync(cancellationToken);
        }
        foreach (var id in candidates)
        {
            if (!await TryClaimAsync(id, cancellationToken)) continue;
            await RunClaimedAsync(id, stopWhenVisible: false, cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Runs one job here and now, until its document is complete (the caller wants the result; the
    /// background worker embeds its claims afterwards). Waits for another worker that holds the job.
    /// </summary>
    internal async Task RunUntilVisibleAsync(int id, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryClaimAsync(id, cancellationToken))
            {
                await RunClaimedAsync(id, stopWhenVisible: true, cancellationToken);
                return;
            }
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var status = await db.ImportJobs.AsNoTracking().Where(j => j.Id == id).Select(j => j.Status).FirstAsync(cancellationToken);
            if (status is ImportJobStatus.Matching or ImportJobStatus.Completed or ImportJobStatus.Failed) return;
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The atomic claim: only one worker's UPDATE finds the lease free, on SQLite and on PostgreSQL alike.</summary>
    private async Task<bool> TryClaimAsync(int id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + Lease;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs
            .Where(j => j.Id == id && Runnable.Contains(j.Status) && (j.LeaseUntil == null || j.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseOwner, WorkerName).SetProperty(j => j.LeaseUntil, until)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken) == 1;
    }

    private async Task RunClaimedAsync(int id, bool stopWhenVisible, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Recorded once per run of a job: "imported" when its document became visible, "failed" when it
        // failed or was released for a retry; a run cut short by shutdown or a takeover records nothing.
        string? outcome = null;
        try
        {
            await RunPhasesAsync(id, stopWhenVisible, cancellationToken);
            outcome = "imported";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and this or another instance resumes the job.
            throw;
        }
        catch (LeaseLostException)
        {
            _logger.LogWarning("Import #{Job}: another worker took the job over", id);
        }
        catch (Exception e)
        {
            outcome = "failed";
            await FailOrReleaseAsync(id, e, cancellationToken);
        }
        finally
        {
            if (outcome is not null) FactCheckMetrics.ImportCompleted(Stopwatch.GetElapsedTime(started), outcome);
        }
    }

    private async Task RunPhasesAsync(int id, bool stopWhenVisible, CancellationToken cancellationToken)
    {
        ImportJob job;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            job = await db.ImportJobs.AsNoTracking().FirstAsync(j => j.Id == id, cancellationToken);
        }
        if (job.Status is ImportJobStatus.Queued or ImportJobStatus.Extracting or ImportJobStatus.Writing)
        {
            await SaveJobAsync(id, j => j.Status = ImportJobStatus.Extracting, cancellationToken);
            // Extraction is CPU-bound and deterministic: a resumed job extracts again and skips what is written.
            var sentences = await Task.Run(() => ClaimExtractor.Default.Extract(job.Text), cancellationToken);
            var documentId = await StartDocumentAsync(job, sentences.Count, cancellationToken);
            if (documentId is null) return; // the same text was already imported: the job points at that document
            await WriteClaimsAsync(job, documentId.Value, sentences, cancellationToken);
            await ShowDocumentAsync(job, documentId.Value, cancellationToken);
        }
        if (stopWhenVisible) { await ReleaseAsync(id, cancellationToken); return; }
        await MatchAsync(id, cancellationToken);
    }

    /// <summary>Creates the hidden document (or finds the one a previous attempt created); null when the text already exists.</summary>
    private async Task<int?> StartDocumentAsync(ImportJob job, int claimCount, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tracked = await LoadOwnedAsync(db, job.Id, cancellationToken);
        if (tracked.DocumentId is { } existing && await db.Documents.IgnoreQueryFilters().AnyAsync(d => d.Id == existing, cancellationToken))
        {
            tracked.Status = ImportJobStatus.Writing;
            tracked.Claims = tracked.ProgressTotal = claimCount;
            Touch(tracked);
            await db.SaveChangesAsync(cancellationToken);
            return existing;
        }
        var document = new Document
        {
            Title = job.Title, Text = job.Text, SourceUrl = job.SourceUrl, Publisher = job.Publisher, PublishedAt = job.PublishedAt,
            ImportedById = job.CreatedById, ImportedAt = job.CreatedAt, ContentHash = job.ContentHash, Format = job.Format,
            PendingImportJobId = job.Id,
        };
        db.Documents.Add(document);
        tracked.Status = ImportJobStatus.Writing;
        tracked.Claims = tracked.ProgressTotal = claimCount;
        tracked.ProgressDone = 0;
        Touch(tracked);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same text is already stored (imported before, or by a job running at this moment): that
            // document stands and this job points at it.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            var winner = await again.Documents.IgnoreQueryFilters().Where(d => d.ContentHash == job.ContentHash).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);
            if (winner is null) throw;
            await SaveJobAsync(job.Id, j =>
            {
                j.DocumentId = winner; j.AlreadyImported = true; j.Status = ImportJobStatus.Completed; j.Text = "";
                j.CompletedAt = clock.GetUtcNow(); j.LeaseOwner = null; j.LeaseUntil = null;
            }, cancellationToken);
            return null;
        }
        tracked.DocumentId = document.Id;
        await db.SaveChangesAsync(cancellationToken);
        return document.Id;
    }

    private async Task WriteClaimsAsync(ImportJob job, int documentId, IReadOnlyList<ScoredSentence> sentences, CancellationToken cancellationToken)
    {
        int written;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            written = await db.Claims.IgnoreQueryFilters().CountAsync(c => c.DocumentId == documentId, cancellationToken);
        }
        while (written < sentences.Count)
        {
            var batch = sentences.Skip(written).Take(BatchSize).ToList();
            // Near-duplicates among claims already in the workspace; the index never holds a hidden document's claims.
            var similar = new SimilarClaim?[batch.Count];
            for (var i = 0; i < batch.Count; i++) similar[i] = await matcher.FindBestAsync(batch[i].Text, cancellationToken);

            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var tracked = await LoadOwnedAsync(db, job.Id, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                var s = batch[i];
                var claim = new Claim
                {
                    DocumentId = documentId,
                    ImportPending = true,
                    SimilarToId = similar[i]?.ClaimId,
                    Similarity = similar[i]?.Similarity,
                    Text = s.Text.Length > 2000 ? s.Text[..2000] : s.Text,
                    SpanStart = s.Start,
                    SpanLength = s.Length,
                    Attribution = s.Attribution is { Length: > 300 } a ? a[..300] : s.Attribution,
                    Kind = s.Kind,
                    Score = s.Score,
                    Reasons = string.Join('\n', s.Reasons),
                    Status = ClaimStatus.New,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Claims.Add(claim);
                db.ClaimQuantities.AddRange(ClaimMatcher.ToRows(claim, s.Quantities));
            }
            written += batch.Count;
            tracked.ProgressDone = written;
            Touch(tracked);
            // Claims and progress in one transaction: a crash leaves both at the last finished batch.
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>One short transaction: the document and its claims appear, with the audit row of the import.</summary>
    private async Task ShowDocumentAsync(ImportJob job, int documentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Document document;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var tracked = await LoadOwnedAsync(db, job.Id, cancellationToken);
            document = await db.Documents.IgnoreQueryFilters().FirstAsync(d => d.Id == documentId, cancellationToken);
            var claims = await db.Claims.IgnoreQueryFilters().CountAsync(c => c.DocumentId == documentId, cancellationToken);
            document.PendingImportJobId = null;
            // The claims appear in the same transaction as their document.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Claims.IgnoreQueryFilters().Where(c => c.DocumentId == documentId && c.ImportPending)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ImportPending, false), cancellationToken);
            tracked.Status = ImportJobStatus.Matching;
            tracked.Claims = claims;
            tracked.ProgressDone = 0;
            tracked.ProgressTotal = claims;
            tracked.Text = "";
            Touch(tracked);
            var actor = new Actor(job.CreatedById, job.CreatedByName, new HashSet<string>());
            Audit.Record(db, actor, now, "DocumentImported", nameof(Document), document.Id, null,
                after: new { document.Title, document.Format, Claims = claims, document.ContentHash, ImportJob = job.Id });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await matcher.AddAsync(await db.Claims.AsNoTracking().Where(c => c.DocumentId == documentId).ToListAsync(cancellationToken), cancellationToken);
            await events.PublishAsync(new ReviewEvent(ReviewEventTypes.DocumentImported, null, documentId, job.CreatedByName, now,
                new Dictionary<string, string> { ["title"] = document.Title, ["claims"] = (await db.Claims.CountAsync(c => c.DocumentId == documentId, cancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture) }), cancellationToken);
        }
    }

    /// <summary>
    /// The embedding pass over the new claims, batch by batch, with progress; the pass rescores them and
    /// announces the new scores, so open views update while it runs.
    /// </summary>
    private async Task MatchAsync(int id, CancellationToken cancellationToken)
    {
        var documentId = await ReadDocumentIdAsync(id, cancellationToken);
        var idleRounds = 0;
        while (options.Value.EmbedClaims && documentId is not null)
        {
            int total, embedded;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                total = await db.Claims.CountAsync(c => c.DocumentId == documentId, cancellationToken);
                embedded = await db.ClaimEmbeddings.CountAsync(e => db.Claims.Any(c => c.Id == e.ClaimId && c.DocumentId == documentId), cancellationToken);
            }
            await SaveJobAsync(id, j => { j.ProgressDone = embedded; j.ProgressTotal = total; }, cancellationToken);
            if (embedded >= total) break;
            // The pass embeds the oldest claims lacking an embedding first (any other instance may help).
            try
            {
                if (await embeddingPass.RunBatchAsync(cancellationToken) == 0 && ++idleRounds > 20) break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The document is complete and visible; the similarity service's own pass embeds what is left.
                _logger.LogWarning(e, "Import #{Job}: embedding the new claims failed; leaving them to the background pass", id);
                break;
            }
        }
        await SaveJobAsync(id, j =>
        {
            j.Status = ImportJobStatus.Completed; j.CompletedAt = clock.GetUtcNow(); j.LeaseOwner = null; j.LeaseUntil = null;
        }, cancellationToken);
    }

    private async Task<int?> ReadDocumentIdAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.Where(j => j.Id == id).Select(j => j.DocumentId).FirstAsync(cancellationToken);
    }

    private async Task FailOrReleaseAsync(int id, Exception error, CancellationToken cancellationToken)
    {
        var permanent = error is ValidationException or DocumentReadException || await AttemptsAsync(id, cancellationToken) >= Math.Max(1, options.Value.MaxAttempts);
        _logger.LogWarning(error, "Import #{Job} failed ({Outcome})", id, permanent ? "giving up" : "will retry");
        if (!permanent)
        {
            await SaveJobAsync(id, j => { j.LeaseOwner = null; j.LeaseUntil = clock.GetUtcNow().AddSeconds(5); j.Error = Cut(error.Message, 1000); }, CancellationToken.None);
            return;
        }
        await DiscardPartialDocumentAsync(id, CancellationToken.None);
        await SaveJobAsync(id, j =>
        {
            j.Status = ImportJobStatus.Failed; j.LeaseOwner = null; j.LeaseUntil = null;
            j.Error = Cut(error is ValidationException or DocumentReadException ? error.Message : $"The import failed: {error.Message}", 1000);
        }, CancellationToken.None);
    }

    private async Task<int> AttemptsAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.Where(j => j.Id == id).Select(j => j.Attempts).FirstAsync(cancellationToken);
    }

    /// <summary>Deletes what a failed job wrote (never a visible document), a batch of claims per transaction.</summary>
    private async Task DiscardPartialDocumentAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var documentId = await db.Documents.IgnoreQueryFilters().Where(d => d.PendingImportJobId == id).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (documentId is null) return;
        while (true)
        {
            var ids = await db.Claims.IgnoreQueryFilters().Where(c => c.DocumentId == documentId).OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            await db.ClaimQuantities.IgnoreQueryFilters().Where(q => ids.Contains(q.ClaimId)).ExecuteDeleteAsync(cancellationToken);
            await db.Claims.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        await db.Documents.IgnoreQueryFilters().Where(d => d.Id == documentId && d.PendingImportJobId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(u => u.SetProperty(j => j.DocumentId, (int?)null), cancellationToken);
    }

    private async Task ReleaseAsync(int id, CancellationToken cancellationToken) =>
        await SaveJobAsync(id, j => { j.LeaseOwner = null; j.LeaseUntil = null; }, cancellationToken);

    /// <summary>Changes the job in its own short save, after checking this worker still holds it (and renewing the lease).</summary>
    private async Task SaveJobAsync(int id, Action<ImportJob> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await LoadOwnedAsync(db, id, cancellationToken);
        Touch(job);
        change(job);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ImportJob> LoadOwnedAsync(FactCheckDbContext db, int id, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.FirstAsync(j => j.Id == id, cancellationToken);
        if (job.LeaseOwner != WorkerName) throw new LeaseLostException();
        return job;
    }

    private void Touch(ImportJob job)
    {
        var now = clock.GetUtcNow();
        job.UpdatedAt = now;
        job.LeaseUntil = now + Lease;
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    private static readonly System.Linq.Expressions.Expression<Func<ImportJob, ImportJobView>> ToView = j =>
        new ImportJobView(j.Id, j.FileName, j.SizeBytes, j.Title, j.Status, j.ProgressDone, j.ProgressTotal, j.Claims, j.DocumentId, j.AlreadyImported,
            j.Error, j.CreatedAt, j.UpdatedAt, j.CompletedAt);

    private sealed class LeaseLostException() : Exception("Another worker holds this import job.");
}
