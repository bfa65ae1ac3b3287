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
    IReadOnlyList<PublishedSource> Sources);

public sealed record PublishedVersion(int VersionNumber, Rating Rating, string Summary, string? CorrectionNote, DateTimeOffset PublishedAt);

public sealed record PublishedSource(string Url, string Title, string? Publisher, string? Excerpt, SourceStance Stance);

public sealed record VerdictListItem(string Slug, string ClaimText, string? Attribution, Rating Rating, string Summary, DateTimeOffset PublishedAt, int VersionNumber);

/// <summary>
/// Public reads: only current publications of claims that are published now. A reopened claim
/// keeps its last published version visible until the correction replaces it.
/// </summary>
public sealed class PublicVerdictService(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    public async Task<(IReadOnlyList<VerdictListItem> Items, int Total)> ListAsync(string? search = null, Rating? rating = null,
        int page = 0, int pageSize = 20, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = db.Publications.AsNoTracking().Where(p => p.IsCurrent && p.Claim!.Status != ClaimStatus.Dismissed);
        if (rating is { } r) current = current.Where(p => p.Rating == r);
        if (since is { } s) current = current.Where(p => p.PublishedAt >= s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = $"%{search.Trim()}%";
            current = current.Where(p => EF.Functions.Like(p.Claim!.Text, term) || EF.Functions.Like(p.Summary, term)
                || (p.Claim.Attribution != null && EF.Functions.Like(p.Claim.Attribution, term)));
        }
        var total = await current.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await current.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Skip(Math.Max(0, page) * size).Take(size)
            .Select(p => new VerdictListItem(p.Slug, p.Claim!.Text, p.Claim.Attribution, p.Rating, p.Summary, p.PublishedAt, p.VersionNumber))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

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
        var query = db.Publications.AsNoTracking().Where(p => p.IsCurrent && p.Claim!.Status != ClaimStatus.Dismissed);
        if (since is { } s) query = query.Where(p => p.PublishedAt >= s);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var currents = await query.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        var claimIds = currents.Select(p => p.ClaimId).ToList();
        var allVersions = await db.Publications.AsNoTracking().Where(p => claimIds.Contains(p.ClaimId)).ToListAsync(cancellationToken);
        var result = new List<PublishedVerdict>(currents.Count);
        foreach (var current in currents)
            result.Add(await BuildAsync(db, current, allVersions.Where(v => v.ClaimId == current.ClaimId).OrderByDescending(v => v.VersionNumber).ToList(), cancellationToken));
        return result;
    }

    private static async Task<PublishedVerdict> BuildAsync(FactCheckDbContext db, Publication current, IReadOnlyList<Publication> versions, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.AsNoTracking().Include(c => c.Document).Include(c => c.Sources)
            .FirstAsync(c => c.Id == current.ClaimId, cancellationToken);
        return new PublishedVerdict(
            current.Slug, claim.Id, claim.Text, claim.Attribution,
            claim.Document!.Title, claim.Document.SourceUrl, claim.Document.Publisher, claim.Document.PublishedAt, claim.CreatedAt,
            current.Rating, current.Summary, current.PublishedAt, versions.Min(v => v.PublishedAt), current.VersionNumber,
            versions.Select(v => new PublishedVersion(v.VersionNumber, v.Rating, v.Summary, v.CorrectionNote, v.PublishedAt)).ToList(),
            claim.Sources.OrderBy(s => s.AddedAt).Select(s => new PublishedSource(s.Url, s.Title, s.Publisher, s.Excerpt, s.Stance)).ToList());
    }
}
