using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Documents;

/// <summary>
/// Finds claims already in the workspace that say the same thing as a new one. The index is built
/// from the database on first use (one query, off the request that triggers it) and grows as
/// documents are imported; dismissed claims are left out so a duplicate links to the live one.
/// </summary>
public sealed class ClaimMatcher(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    /// <summary>Cosine similarity from which two claims count as near duplicates (see docs/extraction.md).</summary>
    public const double NearDuplicate = 0.6;

    private readonly SemaphoreSlim _build = new(1, 1);
    private ClaimSimilarityIndex? _index;

    public async Task<SimilarClaim?> FindBestAsync(string text, CancellationToken cancellationToken = default)
    {
        var index = await IndexAsync(cancellationToken);
        return index.FindSimilar(text, NearDuplicate, 1).FirstOrDefault();
    }

    public async Task<IReadOnlyList<SimilarClaim>> FindAsync(string text, int max, CancellationToken cancellationToken = default)
    {
        var index = await IndexAsync(cancellationToken);
        return index.FindSimilar(text, NearDuplicate, max);
    }

    public async Task AddAsync(IEnumerable<Claim> claims, CancellationToken cancellationToken = default)
    {
        var index = await IndexAsync(cancellationToken);
        foreach (var claim in claims) index.Add(claim.Id, claim.Text);
    }

    private async Task<ClaimSimilarityIndex> IndexAsync(CancellationToken cancellationToken)
    {
        if (_index is { } ready) return ready;
        await _build.WaitAsync(cancellationToken);
        try
        {
            if (_index is not null) return _index;
            var index = new ClaimSimilarityIndex();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await foreach (var claim in db.Claims.AsNoTracking().Where(c => c.Status != ClaimStatus.Dismissed)
                               .Select(c => new { c.Id, c.Text }).AsAsyncEnumerable().WithCancellation(cancellationToken))
                index.Add(claim.Id, claim.Text);
            return _index = index;
        }
        finally
        {
            _build.Release();
        }
    }
}
