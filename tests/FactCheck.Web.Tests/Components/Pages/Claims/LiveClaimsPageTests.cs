using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Review;
using FactCheck.Core.Tests;
using FactCheck.Web.Components.Pages.Claims;

namespace FactCheck.Web.Tests.Components.Pages.Claims;

/// <summary>What a live claims list does with an event: swap a row, re-read its page, or nothing.</summary>
public sealed class LiveClaimsPageTests : IAsyncLifetime
{
    private TestDatabase db = default!;

    public async Task InitializeAsync() => db = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => db.DisposeAsync().AsTask();

    private static ReviewEvent Event(string type, int? claimId, int? documentId = null) => new(type, claimId, documentId, "someone", DateTimeOffset.UtcNow);

    private async Task<(int First, int Second)> TwoDocumentsAsync()
    {
        var first = await db.Importer.ImportAsync(db.Lead, new ImportRequest("First", "The ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March compared with February."));
        var second = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Second", "Unemployment rose to 7.5% in 2024, the statistics office reported."));
        return (first.DocumentId, second.DocumentId);
    }

    [Fact]
    public async Task A_change_to_a_shown_claim_replaces_only_its_row_in_place()
    {
        await TwoDocumentsAsync();
        var live = new LiveClaimsPage(db.Queries);
        await live.LoadAsync(db.Lead, new ClaimQuery());
        var before = live.Rows.ToList();
        var changed = before[1];

        await db.Review.BulkAsync(db.Admin, [changed.Id], new BulkAction.SetPriority(ClaimPriority.Urgent));
        var result = await live.ApplyAsync(db.Lead, Event(ReviewEventTypes.ClaimUpdated, changed.Id));

        Assert.Equal(LiveChange.Updated, result);
        Assert.Equal(before.Select(r => r.Id), live.Rows.Select(r => r.Id));
        Assert.Equal(ClaimPriority.Urgent, live.Rows[1].Priority);
        Assert.Same(before[0], live.Rows[0]);
    }

    [Fact]
    public async Task An_import_into_a_document_the_filter_excludes_changes_nothing()
    {
        var (first, _) = await TwoDocumentsAsync();
        var live = new LiveClaimsPage(db.Queries);
        await live.LoadAsync(db.Lead, new ClaimQuery { DocumentId = first });
        var third = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Third", "Officials said 40 schools were closed on Tuesday, the ministry reported."));

        Assert.Equal(LiveChange.None, await live.ApplyAsync(db.Lead, Event(ReviewEventTypes.DocumentImported, null, third.DocumentId)));
    }

    [Fact]
    public async Task An_import_whose_claims_sort_after_a_full_page_only_raises_the_total()
    {
        await TwoDocumentsAsync();
        var live = new LiveClaimsPage(db.Queries);
        // Oldest first, one row a page: a new import lands on a later page.
        await live.LoadAsync(db.Lead, new ClaimQuery { PageSize = 1, Sort = ClaimSort.Created, Descending = false });
        var total = live.Total;
        var shown = live.Rows[0];
        var third = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Third", "Officials said 40 schools were closed on Tuesday, the ministry reported."));

        Assert.Equal(LiveChange.Updated, await live.ApplyAsync(db.Lead, Event(ReviewEventTypes.DocumentImported, null, third.DocumentId)));
        Assert.True(live.Total > total);
        Assert.Same(shown, live.Rows[0]);
    }

    [Fact]
    public async Task An_import_that_lands_on_the_page_asks_for_the_page_to_be_read_again()
    {
        await TwoDocumentsAsync();
        var live = new LiveClaimsPage(db.Queries);
        await live.LoadAsync(db.Lead, new ClaimQuery { Sort = ClaimSort.Created, Descending = true });
        var third = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Third", "Officials said 40 schools were closed on Tuesday, the ministry reported."));

        Assert.Equal(LiveChange.PageChanged, await live.ApplyAsync(db.Lead, Event(ReviewEventTypes.DocumentImported, null, third.DocumentId)));
    }

    [Fact]
    public async Task A_shown_claim_that_leaves_the_filter_asks_for_the_page_and_an_unrelated_claim_does_not()
    {
        await TwoDocumentsAsync();
        var live = new LiveClaimsPage(db.Queries);
        await live.LoadAsync(db.Lead, new ClaimQuery { Status = ClaimStatus.New });
        var leaving = live.Rows[0];

        await db.Review.DismissAsync(db.Lead, leaving.Id, "duplicate");
        Assert.Equal(LiveChange.PageChanged, await live.ApplyAsync(db.Lead, Event(ReviewEventTypes.StatusChanged, leaving.Id)));

        // Without filters or an order on review state, a claim not shown cannot land here: no query at all.
        var unfiltered = new LiveClaimsPage(db.Queries);
        await unfiltered.LoadAsync(db.Lead, new ClaimQuery { PageSize = 1 });
        var other = (await db.Queries.ListAsync(db.Lead, new ClaimQuery())).Items.First(r => r.Id != unfiltered.Rows[0].Id);
        Assert.Equal(LiveChange.None, await unfiltered.ApplyAsync(db.Lead, Event(ReviewEventTypes.StatusChanged, other.Id)));
    }

    [Fact]
    public async Task Discussion_events_never_touch_the_list()
    {
        await TwoDocumentsAsync();
        var live = new LiveClaimsPage(db.Queries);
        await live.LoadAsync(db.Lead, new ClaimQuery());

        Assert.Equal(LiveChange.None, await live.ApplyAsync(db.Lead, Event(ReviewEventTypes.CommentAdded, live.Rows[0].Id)));
    }
}
