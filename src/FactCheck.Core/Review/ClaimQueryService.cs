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
    /// <summary>
    /// The last row of the previous page when walking forward: the next page is sought from it
    /// (keyset paging) and <see cref="Page"/> is ignored, so a deep page costs what the first does.
    /// </summary>
    public ClaimCursor? After { get; init; }
}

/// <summary>Where a page ended, in every sort's terms: the next page starts after this row.</summary>
public sealed record ClaimCursor(int Id, double Score, DateTimeOffset CreatedAt, ClaimStatus Status, DateTimeOffset? DueAt)
{
    public static ClaimCursor From(ClaimRow row) => new(row.Id, row.Score, row.CreatedAt, row.Status, row.DueAt);
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
public sealed class ClaimQueryService(IDbContextFactory<FactCheckDbContext> dbFactory, FactCheck.Core.Documents.ClaimMatcher matcher, IClaimSearch search)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of claims. The page is found by its ids alone, over indexes that hold the sort order
    /// and the filtered columns (so even a deep OFFSET walks an index, not the table), then only its
    /// rows are loaded, with their active assignees in one query. A caller walking pages in order can
    /// pass <see cref="ClaimQuery.After"/> (the previous page's last row) to seek instead of skipping.
    /// Every order ends with the id, so pages never skip or repeat a row when values tie.
    /// </summary>
    public async Task<PagedResult<ClaimRow>> ListAsync(Actor actor, ClaimQuery query, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query);
        // A join (each claim is one hit at most), so the search runs once, not once per claim.
        var hits = search.Match(db, query.Search);
        var claims = hits is null ? filtered : filtered.Join(hits, c => c.Id, h => h.ClaimId, (c, h) => c);
        var total = await claims.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var ids = hits is not null && query is { Sort: ClaimSort.Score, Descending: true }
            ? await BestMatchesFirstAsync(filtered, hits, query, pageSize, cancellationToken)
            : await PageIdsAsync(claims, query, pageSize, cancellationToken);
        return new PagedResult<ClaimRow>(await LoadRowsAsync(db, ids, cancellationToken), total);
    }

    /// <summary>
    /// Those of <paramref name="claimIds"/> that the query's filters and search include (its page and
    /// sort are ignored), as rows in the order given: a live view updates or drops just these rows
    /// instead of re-reading its page. At most <see cref="MaxPageSize"/> ids.
    /// </summary>
    public async Task<IReadOnlyList<ClaimRow>> ListMatchingAsync(Actor actor, ClaimQuery query, IReadOnlyCollection<int> claimIds, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        if (claimIds.Count == 0) return [];
        var ids = claimIds.Distinct().Take(MaxPageSize).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query).Where(c => ids.Contains(c.Id));
        var hits = search.Match(db, query.Search);
        var claims = hits is null ? filtered : filtered.Join(hits, c => c.Id, h => h.ClaimId, (c, h) => c);
        var matching = (await claims.Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        return await LoadRowsAsync(db, ids.Where(matching.Contains).ToList(), cancellationToken);
    }

    /// <summary>How many claims the query's filters and search include (one COUNT, no rows).</summary>
    public async Task<int> CountAsync(Actor actor, ClaimQuery query, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query);
        var hits = search.Match(db, query.Search);
        return await (hits is null ? filtered : filtered.Join(hits, c => c.Id, h => h.ClaimId, (c, h) => c)).CountAsync(cancellationToken);
    }

    /// <summary>How many open claims the user holds now: the "My assignments" badge, one COUNT over an index.</summary>
    public async Task<int> CountOpenAssignmentsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        var userId = actor.RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assigned = db.Assignments.Where(a => a.ReviewerId == userId && a.RemovedAt == null).Select(a => a.ClaimId);
        return await db.Claims.CountAsync(c => assigned.Contains(c.Id) && c.Status != ClaimStatus.Published && c.Status != ClaimStatus.Dismissed, cancellationToken);
    }

    private static IQueryable<Claim> Filter(FactCheckDbContext db, ClaimQuery query)
    {
        var claims = db.Claims.AsNoTracking();
        if (query.Status is { } status) claims = claims.Where(c => c.Status == status);
        if (query.DocumentId is { } documentId) claims = claims.Where(c => c.DocumentId == documentId);
        if (!string.IsNullOrEmpty(query.AssigneeId))
        {
            // IN (the reviewer's claim ids) reads one index range, instead of probing assignments for every claim.
            var assigned = db.Assignments.Where(a => a.ReviewerId == query.AssigneeId && a.RemovedAt == null).Select(a => a.ClaimId);
            claims = claims.Where(c => assigned.Contains(c.Id));
        }
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
        return claims;
    }

    /// <summary>A search in the default order lists the best matches first (by page number: ranks have no cursor).</summary>
    private static async Task<List<int>> BestMatchesFirstAsync(IQueryable<Claim> claims, IQueryable<ClaimSearchHit> hits, ClaimQuery query, int pageSize, CancellationToken cancellationToken)
    {
        var offset = (long)Math.Max(0, query.Page) * pageSize;
        if (offset > int.MaxValue) return [];
        return await claims.Join(hits, c => c.Id, h => h.ClaimId, (c, h) => new { c.Id, c.Score, h.Rank })
            .OrderByDescending(m => m.Rank).ThenByDescending(m => m.Score).ThenBy(m => m.Id)
            .Skip((int)offset).Take(pageSize).Select(m => m.Id).ToListAsync(cancellationToken);
    }

    private static async Task<List<int>> PageIdsAsync(IQueryable<Claim> claims, ClaimQuery query, int pageSize, CancellationToken cancellationToken)
    {
        var after = query.After;
        var offset = after is null ? (long)Math.Max(0, query.Page) * pageSize : 0;
        if (offset > int.MaxValue) return [];
        if (query.Sort == ClaimSort.DueAt && !query.Descending)
            return await DueSoonestFirstAsync(claims, after, (int)offset, pageSize, cancellationToken);

        if (after is not null) claims = claims.Where(SeekPast(query.Sort, query.Descending, after));
        var ordered = (query.Sort, query.Descending) switch
        {
            (ClaimSort.Created, true) => claims.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            (ClaimSort.Created, false) => claims.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            // Within a status the most check-worthy come first, whichever way the statuses run.
            (ClaimSort.Status, true) => claims.OrderByDescending(c => c.Status).ThenByDescending(c => c.Score).ThenByDescending(c => c.Id),
            (ClaimSort.Status, false) => claims.OrderBy(c => c.Status).ThenByDescending(c => c.Score).ThenByDescending(c => c.Id),
            // Descending dates put claims without one last (SQLite orders NULL first).
            (ClaimSort.DueAt, _) => claims.OrderByDescending(c => c.DueAt).ThenByDescending(c => c.Id),
            (_, true) => claims.OrderByDescending(c => c.Score).ThenByDescending(c => c.Id),
            (_, false) => claims.OrderBy(c => c.Score).ThenBy(c => c.Id),
        };
        return await ordered.Skip((int)offset).Take(pageSize).Select(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Due date ascending with undated claims last, as two index ranges: dated claims by date, then
    /// undated ones by id (an ORDER BY "DueAt IS NULL" could use no index and sorts every claim).
    /// </summary>
    private static async Task<List<int>> DueSoonestFirstAsync(IQueryable<Claim> claims, ClaimCursor? after, int offset, int pageSize, CancellationToken cancellationToken)
    {
        var dated = claims.Where(c => c.DueAt != null);
        var undated = claims.Where(c => c.DueAt == null);
        var ids = new List<int>(pageSize);
        if (after is null || after.DueAt is not null)
        {
            if (after is { DueAt: { } due }) dated = dated.Where(c => c.DueAt > due || (c.DueAt == due && c.Id > after.Id));
            ids.AddRange(await dated.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Skip(offset).Take(pageSize).Select(c => c.Id).ToListAsync(cancellationToken));
            if (ids.Count == pageSize) return ids;
            // The page reaches past the dated claims: skip what is left of the offset among the undated ones.
            offset = ids.Count > 0 || offset == 0 ? 0 : offset - await dated.CountAsync(cancellationToken);
        }
        else undated = undated.Where(c => c.Id > after.Id);
        ids.AddRange(await undated.OrderBy(c => c.Id).Skip(Math.Max(0, offset)).Take(pageSize - ids.Count).Select(c => c.Id).ToListAsync(cancellationToken));
        return ids;
    }

    /// <summary>Rows strictly after the cursor in the given order (the same order <see cref="PageIdsAsync"/> sorts by).</summary>
    private static System.Linq.Expressions.Expression<Func<Claim, bool>> SeekPast(ClaimSort sort, bool descending, ClaimCursor after)
    {
        var (id, score, created, status) = (after.Id, after.Score, after.CreatedAt, after.Status);
        return (sort, descending) switch
        {
            (ClaimSort.Created, true) => c => c.CreatedAt < created || (c.CreatedAt == created && c.Id < id),
            (ClaimSort.Created, false) => c => c.CreatedAt > created || (c.CreatedAt == created && c.Id > id),
            (ClaimSort.Status, true) => c => c.Status < status || (c.Status == status && (c.Score < score || (c.Score == score && c.Id < id))),
            (ClaimSort.Status, false) => c => c.Status > status || (c.Status == status && (c.Score < score || (c.Score == score && c.Id < id))),
            (ClaimSort.DueAt, _) when after.DueAt is { } due => c => c.DueAt < due || (c.DueAt == due && c.Id < id) || c.DueAt == null,
            (ClaimSort.DueAt, _) => c => c.DueAt == null && c.Id < id,
            (_, true) => c => c.Score < score || (c.Score == score && c.Id < id),
            (_, false) => c => c.Score > score || (c.Score == score && c.Id > id),
        };
    }

    /// <summary>The page's rows in the order of <paramref name="ids"/>, with their active assignees (one query for all).</summary>
    private static async Task<IReadOnlyList<ClaimRow>> LoadRowsAsync(FactCheckDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.Text, c.Status, c.Score, c.Kind, c.Attribution, c.DocumentId, DocumentTitle = c.Document!.Title,
                c.Priority, c.DueAt, c.CreatedAt, c.Tags,
            })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var assignees = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.ClaimId) && a.RemovedAt == null)
                .OrderBy(a => a.Id)
                .Select(a => new { a.ClaimId, Name = a.Reviewer!.DisplayName != "" ? a.Reviewer.DisplayName : a.Reviewer.Email! })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.ClaimId, a => a.Name);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new ClaimRow(r.Id, r.Text, r.Status, r.Score, r.Kind, r.Attribution,
            r.DocumentId, r.DocumentTitle, r.Priority, r.DueAt, r.CreatedAt, assignees[r.Id].ToList(), r.Tags)).ToList();
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
        // Split: one query would repeat the document's text on every claim row and sort them all in a
        // temporary b-tree (a 2 MB document with 21,000 claims filled the disk and never answered).
        return await db.Documents.AsNoTracking().AsSplitQuery().Include(d => d.Claims.OrderBy(c => c.SpanStart))
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
