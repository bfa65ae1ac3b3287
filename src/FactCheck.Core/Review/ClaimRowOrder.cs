namespace FactCheck.Core.Review;

/// <summary>
/// The order <see cref="ClaimQueryService.ListAsync"/> lists claims in, for rows already in memory:
/// a live view uses it to tell whether a changed or new claim lands on the page it shows, so it
/// re-reads the page only then. Keep in step with the service's ORDER BY clauses.
/// </summary>
public static class ClaimRowOrder
{
    /// <summary>Below zero when <paramref name="a"/> is listed before <paramref name="b"/>; zero only for the same claim with the same sort key.</summary>
    public static int Compare(ClaimSort sort, bool descending, ClaimRow a, ClaimRow b) => (sort, descending) switch
    {
        (ClaimSort.Created, true) => Then(b.CreatedAt.CompareTo(a.CreatedAt), b.Id.CompareTo(a.Id)),
        (ClaimSort.Created, false) => Then(a.CreatedAt.CompareTo(b.CreatedAt), a.Id.CompareTo(b.Id)),
        // Within a status the most check-worthy come first, whichever way the statuses run.
        (ClaimSort.Status, true) => Then(b.Status.CompareTo(a.Status), Then(b.Score.CompareTo(a.Score), b.Id.CompareTo(a.Id))),
        (ClaimSort.Status, false) => Then(a.Status.CompareTo(b.Status), Then(b.Score.CompareTo(a.Score), b.Id.CompareTo(a.Id))),
        // Undated claims come last both ways: soonest first by id ascending, latest first by id descending.
        (ClaimSort.DueAt, false) => Then(DatedFirst(a.DueAt, b.DueAt), Then(Nullable.Compare(a.DueAt, b.DueAt), a.Id.CompareTo(b.Id))),
        (ClaimSort.DueAt, true) => Then(DatedFirst(a.DueAt, b.DueAt), Then(Nullable.Compare(b.DueAt, a.DueAt), b.Id.CompareTo(a.Id))),
        (_, true) => Then(b.Score.CompareTo(a.Score), b.Id.CompareTo(a.Id)),
        (_, false) => Then(a.Score.CompareTo(b.Score), a.Id.CompareTo(b.Id)),
    };

    /// <summary>Whether the filters of <paramref name="query"/> read anything review work changes (so a claim can enter or leave the list).</summary>
    public static bool FiltersOnReviewState(ClaimQuery query) =>
        query.Status is not null || !string.IsNullOrEmpty(query.AssigneeId) || !string.IsNullOrWhiteSpace(query.Tag)
        || query.OverdueOnly || query.OpenOnly || query.Kind is not null || !string.IsNullOrWhiteSpace(query.Search);

    /// <summary>Whether the order reads anything review work changes (a claim can move within the list).</summary>
    public static bool SortsOnReviewState(ClaimQuery query) => query.Sort is ClaimSort.Status or ClaimSort.DueAt;

    private static int Then(int first, int next) => first != 0 ? first : next;

    private static int DatedFirst(DateTimeOffset? a, DateTimeOffset? b) => (a is null).CompareTo(b is null);
}
