using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Components.Pages.Claims;

/// <summary>The claim's words in its source: ±<see cref="ClaimPageReader.PassageContext"/> characters around the span.</summary>
public sealed record ClaimPassage(int DocumentId, string DocumentTitle, string Before, string Span, string After);

/// <summary>
/// The claim page's read model, loaded in parts so a live event reloads only the part it changed
/// (a comment reloads the discussion, not the claim), and so the page never holds the source
/// document: the passage is cut out by the database (a substring), not in the circuit.
/// </summary>
public sealed class ClaimPageReader(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public const int PassageContext = 300;

    /// <summary>The claim with its assignments, verdicts, sources, comments and publications, without its document.</summary>
    public async Task<Claim?> ClaimAsync(Actor actor, int claimId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Claims.AsNoTracking().AsSplitQuery()
            .Include(c => c.Assignments).ThenInclude(a => a.Reviewer)
            .Include(c => c.Verdicts).ThenInclude(v => v.Reviewer)
            .Include(c => c.Sources).ThenInclude(s => s.AddedBy)
            .Include(c => c.Comments).ThenInclude(c => c.Author)
            .Include(c => c.Publications)
            .FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
    }

    /// <summary>Only the window of text around the span leaves the database.</summary>
    public async Task<ClaimPassage?> PassageAsync(Actor actor, Claim claim, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        var start = Math.Max(0, claim.SpanStart);
        var from = Math.Max(0, start - PassageContext);
        var windowLength = start - from + Math.Max(0, claim.SpanLength) + PassageContext;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == claim.DocumentId)
            .Select(d => new { d.Title, Length = d.Text.Length, Window = d.Text.Substring(from, windowLength) })
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null) return null;
        var window = document.Window ?? "";
        var spanStart = Math.Clamp(start - from, 0, window.Length);
        var spanEnd = Math.Clamp(spanStart + claim.SpanLength, spanStart, window.Length);
        var afterEnd = Math.Min(window.Length, spanEnd + PassageContext);
        return new ClaimPassage(claim.DocumentId, document.Title,
            (from > 0 ? "…" : "") + window[..spanStart],
            window[spanStart..spanEnd],
            window[spanEnd..afterEnd] + (from + afterEnd < document.Length ? "…" : ""));
    }

    public async Task<List<Comment>> CommentsAsync(Actor actor, int claimId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Comments.AsNoTracking().Include(c => c.Author).Where(c => c.ClaimId == claimId).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<List<Source>> SourcesAsync(Actor actor, int claimId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().Include(s => s.AddedBy).Where(s => s.ClaimId == claimId).OrderBy(s => s.AddedAt).ToListAsync(cancellationToken);
    }
}
