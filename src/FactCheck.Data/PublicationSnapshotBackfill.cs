using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data;

/// <summary>
/// Publications stored before snapshots existed get one from their claim as it is now (the best
/// record left of what was published), once, at start; new publications take theirs when published.
/// Provider-neutral EF code, so it runs the same on SQLite and PostgreSQL.
/// </summary>
public static class PublicationSnapshotBackfill
{
    public static async Task RunAsync(FactCheckDbContext db, CancellationToken cancellationToken = default)
    {
        var missing = await db.Publications.Where(p => p.ClaimText == null).Include(p => p.Claim!).ThenInclude(c => c.Sources)
            .AsSplitQuery().ToListAsync(cancellationToken);
        if (missing.Count == 0) return;
        foreach (var publication in missing)
            PublicationSnapshot.Capture(publication, publication.Claim!, publication.Claim!.Sources.Where(s => s.AddedAt <= publication.PublishedAt));
        await db.SaveChangesAsync(cancellationToken);
    }
}
