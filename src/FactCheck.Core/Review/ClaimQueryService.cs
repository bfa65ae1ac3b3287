using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

public enum ClaimSort
{
    Score,
    Created,
    Status,
    DueAt,
}

public sealed record ClaimQuery
{
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
    public ClaimSort Sort { get; init; } = ClaimSort.Score;
    public bool Descending { get; init; } = true;
    public ClaimStatus? Status { get; init; }
    public string? AssigneeId { get; init; }
    public int? DocumentId { get; init; }
    public string? Search { get; init; }
    public ClaimKind? Kind { get; init; }
    public double? MinScore { get; init; }
    public double? MaxScore { get; init; }
    public string? Tag { get; init; }
    public bool OverdueOnly { get; init; }
    /// <summary>Only claims still being worked on (not published or dismissed).</summary>
    public bool OpenOnly { get; init; }
}

public sealed record ClaimRow(int Id, string Text, ClaimStatus Status, double Score, ClaimKind Kind, string? Attribution,
    int DocumentId, string DocumentTitle, ClaimPriority Priority, DateTimeOffset? DueAt, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Assignees, string Tags)
{
    public bool IsOverdue => DueAt is { } due && due < DateTimeOffset.UtcNow && Status is not (ClaimStatus.Published or ClaimStatus.Dismissed);
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>A reviewer, with how many open claims they hold now (shown when assigning).</summary>
public sealed record PersonOption(string Id, string Name, int OpenAssignments = 0);

/// <summary>A claim that says much the same as another, with its outcome so a verdict can be reused.</summary>
public sealed record SimilarClaimRow(int Id, string Text, ClaimStatus Status, double Similarity, Rating? PublishedRating, string? Slug, DateTimeOffset? PublishedAt = null);

public sealed record DocumentRow(int Id, string Title, DocumentFormat Format, DateTimeOffset ImportedAt, int Claims, string? SourceUrl);

/// <summary>Reads of the workspace, for members only, capped in size.</summary>
public sealed class ClaimQueryService(IDbContextFactory<FactCheckDbContext> dbFactory, FactCheck.Core.Documents.ClaimMatcher matcher)
{
    public const int MaxPageSize = 100;

    public async Task<PagedResult<ClaimRow>> ListAsync(Actor actor, ClaimQuery query, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claims = db.Claims.AsNoTracking();
        if (query.Status is { } status) claims = claims.Where(c => c.Status == status);
        if (query.DocumentId is { } documentId) claims = claims.Where(c => c.DocumentId == documentId);
        if (!string.IsNullOrEmpty(query.AssigneeId))
            claims = claims.Where(c => c.Assignments.Any(a => a.ReviewerId == query.AssigneeId && a.RemovedAt == null));
        if (query.Kind is { } kind) claims = claims.Where(c => c.Kind == kind);
        if (query.MinScore is { } min) claims = claims.Where(c => c.Score >= min);
        if (query.MaxScore is { } max) claims = claims.Where(c => c.Score <= max);
        if (ClaimTags.Normalize(query.Tag) is { Length: > 0 } tag)
            claims = claims.Where(c => ("," + c.Tags + ",").Contains("," + tag + ","));
        if (query.OpenOnly) claims = claims.Where(c => c.Status != ClaimStatus.Published && c.Status != ClaimStatus.Dismissed);
        if (query.OverdueOnly)
        {
            var now = DateTimeOffset.UtcNow;
            claims = claims.Where(c => c.DueAt != null && c.DueAt < now && c.Status != ClaimStatus.Published && c.Status != ClaimStatus.Dismissed);
        }
        if (FullTextSearch.ToMatchExpression(query.Search) is { } match)
            claims = claims.Where(c => FullTextSearch.MatchingClaimIds(db, match).Contains(c.Id));

        var total = await claims.CountAsync(cancellationToken);
        claims = (query.Sort, query.Descending) switch
        {
            (ClaimSort.Created, true) => claims.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            (ClaimSort.Created, false) => claims.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            (ClaimSort.Status, true) => claims.OrderByDescending(c => c.Status).ThenByDescending(c => c.Score),
            (ClaimSort.Status, false) => claims.OrderBy(c => c.Status).ThenByDescending(c => c.Score),
            (ClaimSort.DueAt, true) => claims.OrderByDescending(c => c.DueAt).ThenBy(c => c.Id),
            (ClaimSort.DueAt, false) => claims.OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).ThenBy(c => c.Id),
            (_, true) => claims.OrderByDescending(c => c.Score).ThenBy(c => c.Id),
            (_, false) => claims.OrderBy(c => c.Score).ThenBy(c => c.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await claims.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Text, c.Status, c.Score, c.Kind, c.Attribution, c.DocumentId, DocumentTitle = c.Document!.Title,
                c.Priority, c.DueAt, c.CreatedAt, c.Tags,
                Assignees = c.Assignments.Where(a => a.RemovedAt == null).Select(a => a.Reviewer!.DisplayName != "" ? a.Reviewer.DisplayName : a.Reviewer.Email!).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new PagedResult<ClaimRow>(rows.Select(r => new ClaimRow(r.Id, r.Text, r.Status, r.Score, r.Kind, r.Attribution,
            r.DocumentId, r.DocumentTitle, r.Priority, r.DueAt, r.CreatedAt, r.Assignees, r.Tags)).ToList(), total);
    }

    /// <summary>The claim with everything its page shows, or null when there is no such claim.</summary>
    public async Task<Claim?> GetAsync(Actor actor, int claimId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Claims.AsNoTracking().AsSplitQuery()
            .Include(c => c.Document)
            .Include(c => c.Assignments).ThenInclude(a => a.Reviewer)
            .Include(c => c.Verdicts).ThenInclude(v => v.Reviewer)
            .Include(c => c.Sources).ThenInclude(s => s.AddedBy)
            .Include(c => c.Comments).ThenInclude(c => c.Author)
            .Include(c => c.Publications)
            .FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
    }

    /// <summary>Claims elsewhere in the workspace that say much the same, most similar first.</summary>
    public async Task<IReadOnlyList<SimilarClaimRow>> ListSimilarAsync(Actor actor, int claimId, string text, int max = 5, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        var similar = (await matcher.FindAsync(text, max + 1, cancellationToken)).Where(s => s.ClaimId != claimId).Take(max).ToList();
        if (similar.Count == 0) return [];
        var ids = similar.Select(s => s.ClaimId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.Text, c.Status,
                Current = c.Publications.Where(p => p.IsCurrent).Select(p => new { p.Rating, p.Slug, p.PublishedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return similar.Join(rows, s => s.ClaimId, r => r.Id, (s, r) => new SimilarClaimRow(r.Id, r.Text, r.Status, s.Similarity, r.Current?.Rating, r.Current?.Slug, r.Current?.PublishedAt)).ToList();
    }

    public async Task<Document?> GetDocumentAsync(Actor actor, int documentId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Documents.AsNoTracking().Include(d => d.Claims.OrderBy(c => c.SpanStart))
            .FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
    }

    public async Task<IReadOnlyList<DocumentRow>> ListDocumentsAsync(Actor actor, int max = 200, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Documents.AsNoTracking().OrderByDescending(d => d.ImportedAt).Take(Math.Clamp(max, 1, 1000))
            .Select(d => new DocumentRow(d.Id, d.Title, d.Format, d.ImportedAt, d.Claims.Count, d.SourceUrl))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Everyone who may be assigned a claim: users in the Reviewer role.</summary>
    public async Task<IReadOnlyList<PersonOption>> ListReviewersAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reviewers = await (from user in db.Users
                               join userRole in db.UserRoles on user.Id equals userRole.UserId
                               join role in db.Roles on userRole.RoleId equals role.Id
                               where role.Name == Roles.Reviewer
                               orderby user.DisplayName, user.Email
                               select new { user.Id, user.DisplayName, user.Email }).ToListAsync(cancellationToken);
        var open = await db.Assignments.Where(a => a.RemovedAt == null && a.Claim!.Status != ClaimStatus.Published && a.Claim.Status != ClaimStatus.Dismissed)
            .GroupBy(a => a.ReviewerId).Select(g => new { ReviewerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ReviewerId, g => g.Count, cancellationToken);
        return reviewers.Select(r => new PersonOption(r.Id, r.DisplayName != "" ? r.DisplayName : r.Email ?? r.Id, open.GetValueOrDefault(r.Id))).ToList();
    }
}
