using FactCheck.Core.Persistence;

namespace FactCheck.Core.Review;

/// <summary>A claim found by a search, with its relevance: higher is better.</summary>
public sealed record ClaimSearchHit(int ClaimId, double Rank);

/// <summary>
/// Full-text search over claims: a claim matches by its own words (text and attribution) and by its
/// document's title, never by the rest of the document. Each database provider implements it in
/// FactCheck.Data (SQLite FTS5, PostgreSQL tsvector), so Core holds no provider SQL.
/// </summary>
public interface IClaimSearch
{
    /// <summary>
    /// The matching claims as a query the caller composes with its filters, or null when the input
    /// has no word to search for. Never throws on what a user typed.
    /// </summary>
    IQueryable<ClaimSearchHit>? Match(FactCheckDbContext db, string? input);
}
