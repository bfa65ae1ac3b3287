using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Documents;

/// <summary>
/// Finds claims already in the workspace that say the same thing as a new one, by meaning (the
/// sentence embedding) and by words. The index is compact (int8 embeddings in one array, see
/// <see cref="ClaimSimilarityIndex"/>) and fed from the database: <see cref="RefreshAsync"/> reads the
/// claims and embeddings written since its last look, by any instance, so claims imported elsewhere are
/// matched too. The hosted SimilarityIndexService warms it after start and keeps polling; until the
/// first load finishes, lookups answer "nothing similar" rather than block (<see cref="IsReady"/>).
/// Dismissed claims are left out so a duplicate links to the live one.
/// </summary>
public sealed class ClaimMatcher(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    /// <summary>Similarity from which two claims count as near duplicates (see docs/extraction.md).</summary>
    public const double NearDuplicate = 0.6;

    private readonly ClaimSimilarityIndex _index = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile bool _ready;
    private int _lastClaimId;
    private DateTimeOffset _lastEmbeddingAt = DateTimeOffset.MinValue;

    /// <summary>Whether the first load from the database has finished.</summary>
    public bool IsReady => _ready;

    public int Count => _index.Count;
    public int EmbeddedCount => _index.EmbeddedCount;
    public long ApproximateBytes => _index.ApproximateBytes;

    public async Task<SimilarClaim?> FindBestAsync(string text, CancellationToken cancellationToken = default) =>
        (await FindAsync(text, 1, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<SimilarClaim>> FindAsync(string text, int max, CancellationToken cancellationToken = default)
    {
        if (!_ready) return [];
        // Embedding the query takes a few milliseconds of CPU: off the caller's (render) thread, and only
        // once the model is loaded (the background pass loads it), so a lookup never waits for the load.
        if (!SentenceEmbedder.IsLoaded) return _index.FindSimilar(text, NearDuplicate, max);
        var query = await Task.Run(() => SentenceEmbedder.Shared.Embed(text), cancellationToken);
        return _index.FindSimilar(text, NearDuplicate, max, query);
    }

    /// <summary>Adds claims this instance just saved, at once (their embeddings follow from the background pass).</summary>
    public Task AddAsync(IEnumerable<Claim> claims, CancellationToken cancellationToken = default)
    {
        foreach (var claim in claims) _index.Add(claim.Id, claim.Text);
        return Task.CompletedTask;
    }

    /// <summary>Gives an indexed claim its embedding (stored form), as the background pass writes it.</summary>
    public void SetEmbedding(int claimId, byte[] vector) => _index.SetEmbedding(claimId, vector);

    /// <summary>
    /// Reads claims and embeddings written since the last call (by this instance or any other) into the
    /// index; the first call loads everything and marks the index ready.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var lastClaimId = _lastClaimId;
            var newClaims = db.Claims.AsNoTracking().Where(c => c.Id > lastClaimId && c.Status != ClaimStatus.Dismissed).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Text, Vector = db.ClaimEmbeddings.Where(e => e.ClaimId == c.Id).Select(e => e.Vector).FirstOrDefault() });
            await foreach (var claim in newClaims.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                _index.Add(claim.Id, claim.Text, (ReadOnlySpan<byte>)claim.Vector);
                _lastClaimId = Math.Max(_lastClaimId, claim.Id);
            }
            _lastClaimId = Math.Max(_lastClaimId, await db.Claims.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0);
            // Claims of a document still being imported are hidden (query filter) but their ids are below
            // later ones: stay below the lowest of them, so they are read once their document is complete.
            var pendingFloor = await db.Claims.IgnoreQueryFilters().Where(c => c.ImportPending)
                .MinAsync(c => (int?)c.Id, cancellationToken);
            if (pendingFloor is { } floor) _lastClaimId = Math.Min(_lastClaimId, floor - 1);

            // Embeddings of claims indexed before they had one (written by any instance's pass).
            var since = _lastEmbeddingAt;
            var embeddings = db.ClaimEmbeddings.AsNoTracking().Where(e => e.CreatedAt > since).OrderBy(e => e.CreatedAt)
                .Select(e => new { e.ClaimId, e.Vector, e.CreatedAt });
            await foreach (var embedding in embeddings.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                _index.SetEmbedding(embedding.ClaimId, embedding.Vector);
                _lastEmbeddingAt = embedding.CreatedAt;
            }
            _ready = true;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The rows that store a claim's quantities.</summary>
    public static IEnumerable<ClaimQuantity> ToRows(Claim claim, IEnumerable<Quantity> quantities) =>
        quantities.Select(q => new ClaimQuantity
        {
            Claim = claim,
            Value = q.Value,
            Text = Cut(q.Text, 50)!,
            Unit = Cut(q.Unit, 50),
            Measure = Cut(q.Measure, 50),
            Date = Cut(q.Date, 100),
            Place = Cut(q.Place, 100),
        });

    private static string? Cut(string? value, int max) => value is { } v && v.Length > max ? v[..max] : value;
}
