using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Documents;

/// <summary>
/// The slow half of extraction, off every request: claims without an embedding (whoever imported them,
/// through whichever instance) get one, stored in the database; claims still New are rescored with the
/// hybrid model and a ClaimUpdated event per document lets open views refresh. Keyed on "claims lacking an
/// embedding", so it composes with any import queue: whatever saves claims, this pass picks them up.
/// </summary>
public sealed class ClaimEmbeddingPass(IDbContextFactory<FactCheckDbContext> dbFactory, ClaimMatcher matcher, IReviewEventBus events, TimeProvider clock)
{
    public const int BatchSize = 32;
    public const string ActorName = "FactCheck";

    /// <summary>Claims that still lack an embedding (the pass's backlog, for progress).</summary>
    public async Task<int> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Claims.CountAsync(c => !db.ClaimEmbeddings.Any(e => e.ClaimId == c.Id), cancellationToken);
    }

    /// <summary>Embeds (and rescores) up to <see cref="BatchSize"/> claims; returns how many it embedded, 0 when none is left.</summary>
    public async Task<int> RunBatchAsync(CancellationToken cancellationToken = default)
    {
        List<(int Id, string Text, string? Attribution, ClaimStatus Status, int DocumentId)> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            pending = (await db.Claims.AsNoTracking().Where(c => !db.ClaimEmbeddings.Any(e => e.ClaimId == c.Id)).OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.Text, c.Attribution, c.Status, c.DocumentId }).Take(BatchSize).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Text, c.Attribution, c.Status, c.DocumentId)).ToList();
        }
        if (pending.Count == 0) return 0;

        var vectors = new float[pending.Count * SentenceEmbedder.Dimension];
        await Task.Run(() => SentenceEmbedder.Shared.Embed(pending.Select(p => p.Text).ToArray(), vectors), cancellationToken);
        var encoded = pending.Select((_, i) => EmbeddingCodec.Encode(vectors.AsSpan(i * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension))).ToArray();
        var now = clock.GetUtcNow();
        var extractor = ClaimExtractor.Default;
        var rescored = new HashSet<int>();

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            for (var i = 0; i < pending.Count; i++)
                db.ClaimEmbeddings.Add(new ClaimEmbedding { ClaimId = pending[i].Id, Vector = encoded[i], CreatedAt = now });
            if (extractor.HasHybrid)
            {
                var ids = pending.Where(p => p.Status == ClaimStatus.New).Select(p => p.Id).ToList();
                var claims = await db.Claims.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
                foreach (var claim in claims)
                {
                    var i = pending.FindIndex(p => p.Id == claim.Id);
                    var (score, _, reasons) = extractor.HybridScore(claim.Text, claim.Attribution, vectors.AsSpan(i * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension));
                    claim.Score = score;
                    claim.Reasons = string.Join('\n', reasons);
                    claim.Version = Guid.NewGuid();
                    rescored.Add(claim.Id);
                }
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance embedded the same claims first, or a person changed one meanwhile: the
                // next batch reads the state again (claims embedded elsewhere are no longer pending).
                return 0;
            }
        }

        for (var i = 0; i < pending.Count; i++) matcher.SetEmbedding(pending[i].Id, encoded[i]);
        foreach (var document in pending.Where(p => rescored.Contains(p.Id)).GroupBy(p => p.DocumentId))
        {
            await events.PublishAsync(new ReviewEvent(ReviewEventTypes.ClaimUpdated, document.Count() == 1 ? document.First().Id : null, document.Key, ActorName, now,
                new Dictionary<string, string> { ["change"] = "score", ["claims"] = document.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) }), cancellationToken);
        }
        return pending.Count;
    }
}
