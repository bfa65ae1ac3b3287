using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

public sealed record StatusCount(ClaimStatus Status, int Count);

public sealed record MyAssignment(int Id, string Text, ClaimStatus Status, DateTimeOffset? DueAt);

public sealed record WorkspaceOverview(int TotalClaims, IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<MyAssignment> Mine);

/// <summary>Counts for the overview page: one grouped query, plus the caller's own open assignments.</summary>
public sealed class DashboardService(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public async Task<WorkspaceOverview> GetOverviewAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Claims.GroupBy(c => c.Status).Select(g => new StatusCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<ClaimStatus>().Select(s => counts.FirstOrDefault(c => c.Status == s) ?? new StatusCount(s, 0)).ToList();
        var mine = await db.Claims.AsNoTracking()
            .Where(c => c.Status != ClaimStatus.Published && c.Status != ClaimStatus.Dismissed
                && c.Assignments.Any(a => a.ReviewerId == actor.UserId && a.RemovedAt == null))
            .OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).ThenByDescending(c => c.Score)
            .Take(20)
            .Select(c => new MyAssignment(c.Id, c.Text, c.Status, c.DueAt))
            .ToListAsync(cancellationToken);
        return new WorkspaceOverview(counts.Sum(c => c.Count), byStatus, mine);
    }
}
