using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

/// <summary>A figure of this claim that another claim in the workspace states very differently (445,581 vs 45,581 killed).</summary>
public sealed record QuantityConflict(
    string Measure,
    string? Unit,
    string Text,
    string OtherText,
    int OtherClaimId,
    string OtherDocumentTitle,
    string? OtherPublisher,
    DateTimeOffset? OtherPublishedAt,
    bool OtherPublished);

/// <summary>
/// Cross-checks the quantities claims state: the same measure and unit (and place, when both name one)
/// with values a factor of 3 or more apart cannot both be right, so the claim page and the grid flag it
/// with both sources. Reads only the stored quantities (indexed by measure and unit), never the documents.
/// </summary>
public sealed class QuantityCrossCheck(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public async Task<IReadOnlyList<QuantityConflict>> ForClaimAsync(Actor actor, int claimId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        return (await ConflictsAsync([claimId], cancellationToken)).GetValueOrDefault(claimId) ?? [];
    }

    /// <summary>Conflicts of each of <paramref name="claimIds"/> (only those that have any), for a page of the grid.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<QuantityConflict>>> ForClaimsAsync(Actor actor, IReadOnlyCollection<int> claimIds, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        return await ConflictsAsync(claimIds, cancellationToken);
    }

    private async Task<Dictionary<int, IReadOnlyList<QuantityConflict>>> ConflictsAsync(IReadOnlyCollection<int> claimIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, IReadOnlyList<QuantityConflict>>();
        if (claimIds.Count == 0) return result;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = claimIds.ToList();
        var own = await db.ClaimQuantities.AsNoTracking().Where(q => ids.Contains(q.ClaimId) && q.Measure != null).ToListAsync(cancellationToken);
        if (own.Count == 0) return result;
        var measures = own.Select(q => q.Measure!).Distinct().ToList();
        var others = await db.ClaimQuantities.AsNoTracking()
            .Where(q => q.Measure != null && measures.Contains(q.Measure) && q.Claim!.Status != ClaimStatus.Dismissed)
            .Select(q => new
            {
                Quantity = q,
                q.Claim!.Document!.Title,
                q.Claim.Document.Publisher,
                q.Claim.Document.PublishedAt,
                Published = q.Claim.Publications.Any(p => p.IsCurrent),
            })
            .Take(5000)
            .ToListAsync(cancellationToken);
        foreach (var group in own.GroupBy(q => q.ClaimId))
        {
            var conflicts = new List<QuantityConflict>();
            foreach (var mine in group)
            {
                foreach (var other in others)
                {
                    if (other.Quantity.ClaimId == mine.ClaimId || !QuantityExtractor.Conflicts(ToQuantity(mine), ToQuantity(other.Quantity)))
                        continue;
                    conflicts.Add(new QuantityConflict(mine.Measure!, mine.Unit, mine.Text, other.Quantity.Text, other.Quantity.ClaimId,
                        other.Title, other.Publisher, other.PublishedAt, other.Published));
                }
            }
            if (conflicts.Count > 0)
                result[group.Key] = conflicts.OrderByDescending(c => c.OtherPublished).ThenBy(c => c.OtherClaimId).Take(5).ToList();
        }
        return result;
    }

    private static Quantity ToQuantity(ClaimQuantity q) => new(q.Value, q.Text, 0, q.Unit, q.Measure, q.Date, q.Place);
}
