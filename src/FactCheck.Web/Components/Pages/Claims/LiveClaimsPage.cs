using FactCheck.Core.Events;
using FactCheck.Core.Review;
using FactCheck.Core.Security;

namespace FactCheck.Web.Components.Pages.Claims;

/// <summary>What a live claims list has to do after a review event.</summary>
public enum LiveChange
{
    /// <summary>Nothing it shows changed: no render, no further query.</summary>
    None,
    /// <summary>Rows were replaced in place, or the total changed: render.</summary>
    Updated,
    /// <summary>The page's composition changes (a claim enters, leaves or moves within it): re-read the page.</summary>
    PageChanged,
}

/// <summary>
/// One page of a claims list kept current by review events: a changed claim shown here is re-read by
/// id and replaced in place; a claim elsewhere changes nothing here unless it lands on (or before)
/// this page under the list's filters and order, which is the only case that costs a page re-read.
/// A document import into a filter that excludes it costs nothing. Used by the claims grid and the
/// board's columns. Not thread-safe: call it from the component's dispatcher.
/// </summary>
public sealed class LiveClaimsPage(ClaimQueryService claims)
{
    public ClaimQuery Query { get; private set; } = new();
    public IReadOnlyList<ClaimRow> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task LoadAsync(Actor actor, ClaimQuery query, CancellationToken cancellationToken = default)
    {
        var page = await claims.ListAsync(actor, query, cancellationToken);
        (Query, Rows, Total) = (query, page.Items, page.Total);
    }

    /// <summary>Shows <paramref name="page"/> (already read with <paramref name="query"/>).</summary>
    public void Show(ClaimQuery query, PagedResult<ClaimRow> page) => (Query, Rows, Total) = (query, page.Items, page.Total);

    public async Task<LiveChange> ApplyAsync(Actor actor, ReviewEvent e, CancellationToken cancellationToken = default)
    {
        if (e.IsClaimDetail || e.IsPersonal) return LiveChange.None;
        if (e.Type == ReviewEventTypes.DocumentImported && e.DocumentId is { } documentId)
            return await ApplyImportAsync(actor, documentId, cancellationToken);
        if (e.ClaimId is not { } claimId) return LiveChange.None;

        var index = IndexOf(claimId);
        if (index >= 0)
        {
            var fresh = await claims.ListMatchingAsync(actor, Query, [claimId], cancellationToken);
            // Still listed, in the same place: swap the row. Gone from the filter, or moved: the page changes.
            if (fresh is [var row] && index < Rows.Count && Rows[index].Id == claimId
                && ClaimRowOrder.Compare(Query.Sort, Query.Descending, Rows[index], row) == 0)
            {
                Rows = [.. Rows.Take(index), row, .. Rows.Skip(index + 1)];
                return LiveChange.Updated;
            }
            return LiveChange.PageChanged;
        }

        // Not shown. If neither the filters nor the order read review state, it cannot arrive here.
        if (e.Type != ReviewEventTypes.ClaimCreated && !ClaimRowOrder.FiltersOnReviewState(Query) && !ClaimRowOrder.SortsOnReviewState(Query))
            return LiveChange.None;
        if (!string.IsNullOrWhiteSpace(Query.Search))
            // Ranked order has no key to compare in memory: re-read only when it now matches.
            return (await claims.ListMatchingAsync(actor, Query, [claimId], cancellationToken)).Count > 0 ? LiveChange.PageChanged : LiveChange.None;
        var changed = await claims.ListMatchingAsync(actor, Query with { Status = null, AssigneeId = null, Tag = null, OverdueOnly = false, OpenOnly = false, Kind = null }, [claimId], cancellationToken);
        if (changed is not [var moved]) return LiveChange.None;
        if (LandsBeforePageEnd(moved)) return LiveChange.PageChanged;
        // It entered or left the list after this page: only the count changes.
        var total = await claims.CountAsync(actor, Query, cancellationToken);
        if (total == Total) return LiveChange.None;
        Total = total;
        return LiveChange.Updated;
    }

    private async Task<LiveChange> ApplyImportAsync(Actor actor, int documentId, CancellationToken cancellationToken)
    {
        if (Query.DocumentId is { } shown && shown != documentId) return LiveChange.None;
        // The new claims that pass the filters, best placed first (in this list's order).
        var arrived = await claims.ListAsync(actor, Query with { DocumentId = documentId, Page = 0, PageSize = 1, After = null }, cancellationToken);
        if (arrived.Total == 0) return LiveChange.None;
        if (!string.IsNullOrWhiteSpace(Query.Search) || arrived.Items is not [var first] || LandsBeforePageEnd(first)) return LiveChange.PageChanged;
        Total += arrived.Total;
        return LiveChange.Updated;
    }

    /// <summary>A claim listed before this page's last row (or anywhere, when the page is not full) changes which rows it holds.</summary>
    private bool LandsBeforePageEnd(ClaimRow row) =>
        Rows.Count < Query.PageSize || ClaimRowOrder.Compare(Query.Sort, Query.Descending, row, Rows[^1]) < 0;

    private int IndexOf(int claimId)
    {
        for (var i = 0; i < Rows.Count; i++)
            if (Rows[i].Id == claimId) return i;
        return -1;
    }
}
