using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Publishing;

/// <summary>A published verdict as readers see it: the current version and every earlier one.</summary>
public sealed record PublishedVerdict(
    string Slug,
    int ClaimId,
    string ClaimText,
    string? Attribution,
    string DocumentTitle,
    string? DocumentUrl,
    string? DocumentPublisher,
    DateTimeOffset? DocumentPublishedAt,
    DateTimeOffset ClaimFirstSeenAt,
    Rating Rating,
    string Summary,
    DateTimeOffset PublishedAt,
    DateTimeOffset FirstPublishedAt,
    int VersionNumber,
    IReadOnlyList<PublishedVersion> Versions,
    IReadOnlyList<PublishedSource> Sources,
    IReadOnlyList<string> Tags,
    ClaimantType ClaimantType = ClaimantType.Inferred);

public sealed record PublishedVersion(int VersionNumber, Rating Rating, string Summary, string? CorrectionNote, DateTimeOffset PublishedAt);

public sealed record PublishedSource(string Url, string Title, string? Publisher, string? Excerpt, SourceStance Stance);

public sealed record VerdictListItem(string Slug, string ClaimText, string? Attribution, Rating Rating, string Summary, DateTimeOffset PublishedAt, int VersionNumber, string Tags)
{
    public IReadOnlyList<string> TagList => ClaimTags.Split(Tags);
}

/// <summary>One public verdict page for the sitemap.</summary>
public sealed record VerdictPageEntry(string Slug, DateTimeOffset LastModified);

/// <summary>Filters of the public verdict list; every one is optional.</summary>
public sealed record VerdictFilter(string? Search = null, Rating? Rating = null, string? Tag = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Public reads: only current publications of claims that are published now. A reopened claim
/// keeps its last published version visible until the correction replaces it.
/// </summary>
public sealed class PublicVerdictService(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Current verdicts matching the reader's filters, newest first. The date range is in UTC days
    /// and includes both ends.
    /// </summary>
    public async Task<(IReadOnlyList<VerdictListItem> Items, int Total)> ListAsync(VerdictFilter? filter = null,
        int page = 0, int pageSize = 20, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        filter ??= new VerdictFilter();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = Public(db);
        if (filter.Rating is { } r) current = current.Where(p => p.Rating == r);
        if (since is { } s) current = current.Where(p => p.PublishedAt >= s);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            current = current.Where(p => p.PublishedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            current = current.Where(p => p.PublishedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            // Tags are stored as "a,b,c": wrapping both sides in commas matches whole tags only.
            var tag = $"%,{EscapeLike(filter.Tag.Trim().ToLowerInvariant())},%";
            current = current.Where(p => EF.Functions.Like("," + p.Claim!.Tags + ",", tag, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = $"%{EscapeLike(filter.Search.Trim())}%";
            current = current.Where(p => EF.Functions.Like(p.ClaimText!, term, "\\") || EF.Functions.Like(p.Summary, term, "\\")
                || (p.Attribution != null && EF.Functions.Like(p.Attribution, term, "\\")));
        }
        var total = await current.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await current.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Skip(Math.Max(0, page) * size).Take(size)
            .Select(p => new VerdictListItem(p.Slug, p.ClaimText ?? "", p.Attribution, p.Rating, p.Summary, p.PublishedAt, p.VersionNumber, p.Claim!.Tags))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>The tags of public verdicts, for the list's tag filter.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tagged = await Public(db).Where(p => p.Claim!.Tags != "").Select(p => p.Claim!.Tags).Distinct().ToListAsync(cancellationToken);
        return tagged.SelectMany(ClaimTags.Split).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every public verdict page and when it last changed (a sitemap holds at most 50,000 addresses).</summary>
    public async Task<IReadOnlyList<VerdictPageEntry>> ListPagesAsync(int limit = 50_000, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Public(db).OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).Take(limit)
            .Select(p => new VerdictPageEntry(p.Slug, p.PublishedAt)).ToListAsync(cancellationToken);
    }

    /// <summary>What readers may see: the current version of each claim that is not dismissed.</summary>
    private static IQueryable<Publication> Public(FactCheckDbContext db) =>
        db.Publications.AsNoTracking().Where(p => p.IsCurrent && p.Claim!.Status != ClaimStatus.Dismissed);

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public async Task<PublishedVerdict?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Publications.AsNoTracking()
            .Where(p => p.Slug == slug && p.Claim!.Status != ClaimStatus.Dismissed)
            .OrderByDescending(p => p.VersionNumber).ToListAsync(cancellationToken);
        var current = versions.FirstOrDefault(p => p.IsCurrent);
        if (current is null) return null;
        return await BuildAsync(db, current, versions, cancellationToken);
    }

    /// <summary>Every current verdict with its details, newest first (for ClaimReview and feeds).</summary>
    public async Task<IReadOnlyList<PublishedVerdict>> ListDetailedAsync(DateTimeOffset? since = null, int page = 0, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Public(db);
        if (since is { } s) query = query.Where(p => p.PublishedAt >= s);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var currents = await query.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        var claimIds = currents.Select(p => p.ClaimId).ToList();
        // Three queries for the whole page (the page, its versions, its claims with documents), not one per verdict.
        var allVersions = (await db.Publications.AsNoTracking().Where(p => claimIds.Contains(p.ClaimId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.ClaimId);
        var claims = await db.Claims.AsNoTracking().Include(c => c.Document).Where(c => claimIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return currents.Select(current => Build(claims[current.ClaimId], current,
            allVersions[current.ClaimId].OrderByDescending(v => v.VersionNumber).ToList())).ToList();
    }

    private static async Task<PublishedVerdict> BuildAsync(FactCheckDbContext db, Publication current, IReadOnlyList<Publication> versions, CancellationToken cancellationToken)
    {
        // Only the document and tags come from the live rows; what the verdict says is the publication's snapshot.
        var claim = await db.Claims.AsNoTracking().Include(c => c.Document)
            .FirstAsync(c => c.Id == current.ClaimId, cancellationToken);
        return Build(claim, current, versions);
    }

    /// <summary>Only the document and tags come from the live rows; what the verdict says is the publication's snapshot.</summary>
    private static PublishedVerdict Build(Claim claim, Publication current, IReadOnlyList<Publication> versions) =>
        new(current.Slug, claim.Id, current.ClaimText ?? "", current.Attribution,
            claim.Document!.Title, claim.Document.SourceUrl, claim.Document.Publisher, claim.Document.PublishedAt, claim.CreatedAt,
            current.Rating, current.Summary, current.PublishedAt, versions.Min(v => v.PublishedAt), current.VersionNumber,
            versions.Select(v => new PublishedVersion(v.VersionNumber, v.Rating, v.Summary, v.CorrectionNote, v.PublishedAt)).ToList(),
            PublicationSnapshot.Sources(current),
            ClaimTags.Split(claim.Tags),
            current.ClaimantType);
}
