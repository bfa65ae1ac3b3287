using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Tests.Documents;

public abstract class ImportQueueTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    /// <summary>Forty check-worthy sentences, each with its own number, so claims and their count are known.</summary>
    private static string Report(string marker) => string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
        $"The ministry said {i * 37 + 11} {marker} were damaged in district {i} on Monday, according to officials."));

    private static IReadOnlyList<ScoredSentence> Extract(string text) => ClaimExtractor.Default.Extract(DocumentImportService.NormalizeText(text));

    [Fact]
    public async Task A_document_still_being_imported_is_hidden_from_lists_search_the_dashboard_and_lookups()
    {
        var visible = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Visible", "Officials said 14 bridges were closed on Tuesday, the ministry reported."));
        var (jobId, documentId) = await StartJobAsync(Report("zebrafinches"), written: 10);
        int hiddenClaim;
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            hiddenClaim = await context.Claims.IgnoreQueryFilters().Where(c => c.DocumentId == documentId).Select(c => c.Id).FirstAsync();
        }
        var dashboard = db.Services.GetRequiredService<DashboardService>();

        Assert.DoesNotContain(await db.Queries.ListDocumentsAsync(db.Lead), d => d.Id == documentId);
        Assert.Null(await db.Queries.GetDocumentAsync(db.Lead, documentId));
        Assert.Null(await db.Queries.GetAsync(db.Lead, hiddenClaim));
        Assert.Equal(0, (await db.Queries.ListAsync(db.Lead, new ClaimQuery { Search = "zebrafinches" })).Total);
        Assert.Equal(0, (await db.Queries.ListAsync(db.Lead, new ClaimQuery { DocumentId = documentId })).Total);
        Assert.Equal(visible.Claims.Count, (await db.Queries.ListAsync(db.Lead, new ClaimQuery())).Total);
        Assert.Equal(visible.Claims.Count, (await dashboard.GetOverviewAsync(db.Lead)).TotalClaims);

        // Once the job finishes (after the visible import's own matching), the same reads find it.
        while (await db.ImportQueue.RunNextAsync()) { }
        Assert.Equal(ImportJobStatus.Completed, (await db.ImportQueue.GetAsync(db.Lead, jobId))!.Status);
        Assert.Contains(await db.Queries.ListDocumentsAsync(db.Lead), d => d.Id == documentId);
        Assert.Equal(Extract(Report("zebrafinches")).Count, (await db.Queries.ListAsync(db.Lead, new ClaimQuery { Search = "zebrafinches", PageSize = 100 })).Total);
    }

    [Fact]
    public async Task A_job_interrupted_while_writing_resumes_where_it_stopped_with_every_claim_exactly_once()
    {
        var text = Report("schools");
        var expected = Extract(text);
        var (jobId, documentId) = await StartJobAsync(text, written: 7);

        Assert.True(await db.ImportQueue.RunNextAsync());

        var job = (await db.ImportQueue.GetAsync(db.Lead, jobId))!;
        Assert.Equal(ImportJobStatus.Completed, job.Status);
        Assert.Equal(documentId, job.DocumentId);
        Assert.Equal(expected.Count, job.Claims);
        var document = (await db.Queries.GetDocumentAsync(db.Lead, documentId))!;
        Assert.Equal(expected.Select(s => (s.Start, s.Length)), document.Claims.Select(c => (c.SpanStart, c.SpanLength)));
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal("", await context.ImportJobs.Where(j => j.Id == jobId).Select(j => j.Text).SingleAsync());
        Assert.Single(await context.AuditEvents.Where(a => a.Action == "DocumentImported" && a.EntityId == documentId.ToString()).ToListAsync());
    }

    [Fact]
    public async Task A_job_held_by_a_live_worker_is_left_alone_until_its_lease_expires()
    {
        var (jobId, _) = await StartJobAsync(Report("clinics"), written: 3, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.False(await db.ImportQueue.RunNextAsync());
        Assert.Equal(ImportJobStatus.Writing, (await db.ImportQueue.GetAsync(db.Lead, jobId))!.Status);

        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            await context.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        Assert.True(await db.ImportQueue.RunNextAsync());
        Assert.Equal(ImportJobStatus.Completed, (await db.ImportQueue.GetAsync(db.Lead, jobId))!.Status);
    }

    [Fact]
    public async Task Two_workers_racing_for_one_job_run_it_once()
    {
        var text = Report("wells");
        var (jobId, documentId) = await StartJobAsync(text, written: 0);

        var runs = await Task.WhenAll(db.ImportQueue.RunNextAsync(), db.ImportQueue.RunNextAsync(), db.ImportQueue.RunNextAsync());

        Assert.Equal(1, runs.Count(r => r));
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(Extract(text).Count, await context.Claims.CountAsync(c => c.DocumentId == documentId));
        // One attempt by the worker that died, one by the single winner of the race.
        Assert.Equal(2, await context.ImportJobs.Where(j => j.Id == jobId).Select(j => j.Attempts).SingleAsync());
    }

    [Fact]
    public async Task A_failed_import_can_be_retried_and_then_completes()
    {
        var (jobId, documentId) = await StartJobAsync(Report("markets"), written: 0);
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            await context.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, ImportJobStatus.Failed).SetProperty(j => j.Error, "The import failed: disk full").SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null));
        }
        Assert.False(await db.ImportQueue.RunNextAsync());
        Assert.Contains(await db.ImportQueue.ListUnfinishedAsync(db.Lead), j => j.Id == jobId && j.Error == "The import failed: disk full");
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ImportQueue.RetryAsync(db.Alice, jobId));

        await db.ImportQueue.RetryAsync(db.Lead, jobId);
        Assert.True(await db.ImportQueue.RunNextAsync());

        Assert.Equal(ImportJobStatus.Completed, (await db.ImportQueue.GetAsync(db.Lead, jobId))!.Status);
        Assert.NotNull(await db.Queries.GetDocumentAsync(db.Lead, documentId));
        await Assert.ThrowsAsync<ValidationException>(() => db.ImportQueue.RetryAsync(db.Lead, jobId));
    }

    [Fact]
    public async Task Bad_input_is_refused_at_once_and_queues_nothing()
    {
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.QueueAsync(db.Lead, new ImportRequest("Empty", "  \n ")));
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.QueueFileAsync(db.Lead, "big.txt", new byte[db.Importer.MaxBytes + 1]));
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.QueueFileAsync(db.Lead, "x.txt", []));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Importer.QueueAsync(db.Alice, new ImportRequest("Reviewer", Report("roads"))));

        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await context.ImportJobs.CountAsync());
    }

    [Fact]
    public async Task Reading_import_jobs_is_for_leads_and_admins()
    {
        var (jobId, _) = await StartJobAsync(Report("ports"), written: 0);
        Assert.NotNull(await db.ImportQueue.GetAsync(db.Admin, jobId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ImportQueue.GetAsync(db.Alice, jobId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ImportQueue.ListUnfinishedAsync(db.Reader));
    }

    /// <summary>
    /// The state a worker leaves when it dies in the middle of writing: a job in Writing with an expired
    /// (or, if given, a live) lease, and its hidden document holding the first <paramref name="written"/> claims.
    /// </summary>
    private async Task<(int JobId, int DocumentId)> StartJobAsync(string text, int written, DateTimeOffset? leaseUntil = null)
    {
        var normalized = DocumentImportService.NormalizeText(text);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        var jobId = await db.ImportQueue.AddAsync(db.Lead, new ImportRequest("Report " + hash[..6], ""), normalized, hash, "report.txt", normalized.Length, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var document = new Document
        {
            Title = "Report " + hash[..6], Text = normalized, ContentHash = hash, ImportedById = db.Lead.UserId!, ImportedAt = now, PendingImportJobId = jobId,
            Claims = Extract(text).Take(written).Select(s => new Claim
            {
                Text = s.Text, SpanStart = s.Start, SpanLength = s.Length, Kind = s.Kind, Score = s.Score, Status = ClaimStatus.New, CreatedAt = now, UpdatedAt = now, ImportPending = true,
            }).ToList(),
        };
        context.Documents.Add(document);
        await context.SaveChangesAsync();
        await context.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, ImportJobStatus.Writing).SetProperty(j => j.DocumentId, document.Id).SetProperty(j => j.ProgressDone, written)
            .SetProperty(j => j.LeaseOwner, "a worker that died").SetProperty(j => j.LeaseUntil, leaseUntil ?? now.AddSeconds(-1)).SetProperty(j => j.Attempts, 1));
        return (jobId, document.Id);
    }
}

public sealed class ImportQueueTestsOnSqlite() : ImportQueueTests(DatabaseProvider.Sqlite);

public sealed class ImportQueueTestsOnPostgres() : ImportQueueTests(DatabaseProvider.Postgres);
