using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

public sealed record StatusCount(ClaimStatus Status, int Count);

public sealed record MyAssignment(int Id, string Text, ClaimStatus Status, DateTimeOffset? DueAt);

public sealed record WorkspaceOverview(int TotalClaims, IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<MyAssignment> Mine);

public sealed record ReviewerLoad(string ReviewerId, string Name, int Open, int Overdue);

public sealed record WeekCount(DateOnly WeekStart, int Published);

/// <summary>What a lead watches: where claims are, who holds how much, how fast work moves.</summary>
public sealed record LeadDashboard(
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<ReviewerLoad> Workload,
    int Overdue,
    double? MedianHoursToFirstVerdict,
    double? MedianHoursToPublication,
    IReadOnlyList<WeekCount> PublishedPerWeek);

/// <summary>Counts for the overview page: one grouped query, plus the caller's own open assignments.</summary>
public sealed class DashboardService(IDbContextFactory<FactCheckDbContext> dbFactory, IReviewTurnaroundQuery turnaround)
{
    public async Task<WorkspaceOverview> GetOverviewAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Claims.GroupBy(c => c.Status).Select(g => new StatusCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<ClaimStatus>().Select(s => counts.FirstOrDefault(c => c.Status == s) ?? new StatusCount(s, 0)).ToList();
        var assigned = db.Assignments.Where(a => a.ReviewerId == actor.UserId && a.RemovedAt == null).Select(a => a.ClaimId);
        var mine = await db.Claims.AsNoTracking()
            .Where(c => c.Status != ClaimStatus.Published && c.Status != ClaimStatus.Dismissed && assigned.Contains(c.Id))
            .OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).ThenByDescending(c => c.Score)
            .Take(20)
            .Select(c => new MyAssignment(c.Id, c.Text, c.Status, c.DueAt))
            .ToListAsync(cancellationToken);
        return new WorkspaceOverview(counts.Sum(c => c.Count), byStatus, mine);
    }

    public async Task<LeadDashboard> GetLeadDashboardAsync(Actor actor, int weeks = 8, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins see the team dashboard.");
        var now = DateTimeOffset.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Claims.GroupBy(c => c.Status).Select(g => new StatusCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<ClaimStatus>().Select(s => counts.FirstOrDefault(c => c.Status == s) ?? new StatusCount(s, 0)).ToList();

        // Grouped in the database: at most two rows per reviewer (late or not), one pass over the open
        // assignments, instead of one row per assignment or a correlated subquery per group.
        var groups = await db.Assignments.AsNoTracking()
            .Where(a => a.RemovedAt == null && a.Claim!.Status != ClaimStatus.Published && a.Claim.Status != ClaimStatus.Dismissed)
            .GroupBy(a => new { a.ReviewerId, Late = a.Claim!.DueAt != null && a.Claim.DueAt < now })
            .Select(g => new { g.Key.ReviewerId, g.Key.Late, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var load = groups.GroupBy(g => g.ReviewerId).Select(g => new { ReviewerId = g.Key, Open = g.Sum(x => x.Count) }).ToList();
        var late = groups.Where(g => g.Late).ToDictionary(g => g.ReviewerId, g => g.Count);
        var reviewerIds = load.Select(l => l.ReviewerId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => reviewerIds.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName != "" ? u.DisplayName : u.Email! })
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var workload = load.Select(l => new ReviewerLoad(l.ReviewerId, names.GetValueOrDefault(l.ReviewerId) ?? l.ReviewerId, l.Open, late.GetValueOrDefault(l.ReviewerId)))
            .OrderByDescending(r => r.Open).ToList();
        var overdue = await db.Claims.CountAsync(c => c.DueAt != null && c.DueAt < now && c.Status != ClaimStatus.Published && c.Status != ClaimStatus.Dismissed, cancellationToken);

        var firstWeek = StartOfWeek(now.AddDays(-7 * (weeks - 1)));
        var windowStart = new DateTimeOffset(firstWeek.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var speed = await turnaround.MeasureAsync(db, windowStart, cancellationToken);
        var published = await db.Publications.AsNoTracking().Where(p => p.VersionNumber == 1 && p.PublishedAt >= windowStart)
            .Select(p => p.PublishedAt).ToListAsync(cancellationToken);
        var perWeek = Enumerable.Range(0, weeks).Select(i => firstWeek.AddDays(7 * i))
            .Select(week => new WeekCount(week, published.Count(p => StartOfWeek(p) == week))).ToList();

        return new LeadDashboard(byStatus, workload, overdue,
            speed.MedianHoursToFirstVerdict, speed.MedianHoursToPublication, perWeek);
    }

    /// <summary>Weeks start on Monday (ISO 8601), in UTC.</summary>
    internal static DateOnly StartOfWeek(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
