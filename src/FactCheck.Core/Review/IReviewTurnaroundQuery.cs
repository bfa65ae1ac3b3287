using FactCheck.Core.Persistence;

namespace FactCheck.Core.Review;

/// <summary>How long claims wait, as medians over the claims created since a date that got there: hours from creation to the first verdict, and to the first publication.</summary>
public sealed record ReviewTurnaround(double? MedianHoursToFirstVerdict, double? MedianHoursToPublication);

/// <summary>
/// The dashboard's medians, computed by the database (percentile_cont on PostgreSQL, a window over
/// the ordered durations on SQLite) so a dashboard never loads every verdict and publication into the
/// app. Each provider implements it in FactCheck.Data, as it does <see cref="IClaimSearch"/>.
/// </summary>
public interface IReviewTurnaroundQuery
{
    /// <summary>Medians over claims created at or after <paramref name="since"/> (the dashboard's window: how fast work moves now, and an indexed range instead of every verdict ever).</summary>
    Task<ReviewTurnaround> MeasureAsync(FactCheckDbContext db, DateTimeOffset since, CancellationToken cancellationToken = default);
}
