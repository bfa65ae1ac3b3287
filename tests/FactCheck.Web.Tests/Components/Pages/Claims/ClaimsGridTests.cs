using AngleSharp.Dom;
using Bunit;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Web.Components.Pages.Claims;

namespace FactCheck.Web.Tests.Components.Pages.Claims;

public sealed class ClaimsGridTests : MudBlazorTestContext
{
    [Fact]
    public async Task The_grid_pages_claims_from_the_server_highest_score_first()
    {
        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Wire story",
            "The ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March compared with February. Nice weather today."));
        SignInAs(Db.Lead);
        RenderPopoverProvider();

        var grid = Render<ClaimsGrid>();

        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll("#claims-grid tbody tr .fc-claim-link")));
        var scores = grid.FindAll("#claims-grid tbody tr").Select(row => double.Parse(row.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Contains(grid.FindAll(".fc-claim-link"), link => link.TextContent.Contains("1,200"));
        Assert.DoesNotContain(grid.FindAll(".fc-claim-link"), link => link.TextContent.Contains("Nice weather"));
    }

    [Fact]
    public async Task Rows_whose_figures_disagree_are_flagged_from_one_cross_check_of_the_page()
    {
        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Article",
            "According to Gaza's Ministry of Health, at least 445,581 Palestinians have been killed in Gaza since October 7, 2023. Unemployment in Ohio fell to 4 percent last year, the state said."));
        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Wire note",
            "The Gaza health ministry said on Saturday that 45,581 Palestinians have been killed in Gaza since October 7, 2023.", Publisher: "Demo wire"));
        SignInAs(Db.Alice);
        RenderPopoverProvider();

        var grid = Render<ClaimsGrid>();

        grid.WaitForAssertion(() => Assert.Equal(2, grid.FindAll("#claims-grid tbody tr .fc-quantity-flag").Count));
        var flagged = grid.FindAll("#claims-grid tbody tr").Where(row => row.QuerySelector(".fc-quantity-flag") is not null).Select(row => row.QuerySelector(".fc-claim-link")!.TextContent).ToList();
        Assert.Contains(flagged, text => text.Contains("445,581"));
        Assert.Contains(flagged, text => text.Contains("45,581") && !text.Contains("445,581"));
        Assert.DoesNotContain(flagged, text => text.Contains("Ohio"));
    }

    [Fact]
    public async Task The_document_filter_shows_only_that_documents_claims()
    {
        var first = await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("First", "The ministry said 1,200 people were killed on Monday, according to officials."));
        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Second", "Unemployment rose to 7.5% in 2024, the statistics office reported."));
        SignInAs(Db.Lead);
        RenderPopoverProvider();

        var grid = Render<ClaimsGrid>(p => p.Add(g => g.InitialDocumentId, first.DocumentId));

        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll(".fc-claim-link")));
        Assert.All(grid.FindAll(".fc-claim-link"), link => Assert.DoesNotContain("7.5%", link.TextContent));
    }

    [Fact]
    public void An_empty_workspace_tells_the_user_what_to_do()
    {
        SignInAs(Db.Alice);
        RenderPopoverProvider();

        var grid = Render<ClaimsGrid>();

        grid.WaitForAssertion(() => Assert.Contains("import a document", grid.Markup));
    }

    [Fact]
    public async Task Rows_appear_when_someone_else_imports_without_a_reload()
    {
        SignInAs(Db.Alice);
        RenderPopoverProvider();
        var grid = Render<ClaimsGrid>();
        grid.WaitForAssertion(() => Assert.Contains("import a document", grid.Markup));

        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Live", "The ministry said 3,400 homes were destroyed last week, according to officials."));

        grid.WaitForAssertion(() => Assert.Contains(grid.FindAll(".fc-claim-link"), link => link.TextContent.Contains("3,400")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_subscription_ends_with_the_component()
    {
        SignInAs(Db.Alice);
        RenderPopoverProvider();
        var grid = Render<ClaimsGrid>();
        grid.Instance.Dispose();

        // A disposed grid must not be called back; a call would render into a disposed component and throw here.
        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("After", "Officials said 12 bridges were closed on Tuesday, the ministry reported."));
        await Task.Delay(400);
        Assert.DoesNotContain(grid.FindAll(".fc-claim-link"), link => link.TextContent.Contains("12 bridges"));
    }

    [Fact]
    public async Task After_a_teammates_change_the_checked_rows_and_the_bulk_bar_agree_and_a_bulk_action_touches_only_the_checked_claims()
    {
        await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Wire story",
            "The ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March compared with February. " +
            "Unemployment rose to 7.5% in 2024, the statistics office reported."));
        SignInAs(Db.Lead);
        RenderPopoverProvider();
        var grid = Render<ClaimsGrid>(p => p.Add(g => g.CanManage, true));
        grid.WaitForAssertion(() => Assert.True(grid.FindAll("#claims-grid tbody tr .fc-claim-link").Count >= 3), TimeSpan.FromSeconds(30));

        RowCheckbox(grid, 0).Change(true);
        RowCheckbox(grid, 1).Change(true);
        grid.WaitForAssertion(() => Assert.Contains("2 selected", grid.Find("#bulk-bar").TextContent), TimeSpan.FromSeconds(30));
        var chosen = CheckedIds(grid);
        Assert.Equal(2, chosen.Count);

        // A teammate raises the priority of one selected claim: the grid reloads live.
        await Db.Review.BulkAsync(Db.Admin, [chosen[0]], new BulkAction.SetPriority(ClaimPriority.Urgent));
        grid.WaitForAssertion(() => Assert.Contains("Urgent", Row(grid, chosen[0]).TextContent), TimeSpan.FromSeconds(30));

        // What the bar counts is exactly what is checked, and the same claims as before.
        grid.WaitForAssertion(() =>
        {
            Assert.Equal(chosen.Order(), CheckedIds(grid).Order());
            Assert.Contains("2 selected", grid.Find("#bulk-bar").TextContent);
        }, TimeSpan.FromSeconds(30));

        grid.Find("#bulk-tags").Change("checked-only");
        grid.Find("#bulk-add-tags").Click();
        grid.WaitForAssertion(() => Assert.Empty(grid.FindAll("#bulk-bar")), TimeSpan.FromSeconds(30));
        await using var db = await Db.DbFactory.CreateDbContextAsync();
        var tagged = db.Claims.Where(c => c.Tags.Contains("checked-only")).Select(c => c.Id).ToList();
        Assert.Equal(chosen.Order(), tagged.Order());
    }

    private static IElement Row(IRenderedComponent<ClaimsGrid> grid, int claimId) =>
        grid.FindAll("#claims-grid tbody tr").Single(r => r.QuerySelector($"a.fc-claim-link[href='claims/{claimId}']") is not null);

    private static IElement RowCheckbox(IRenderedComponent<ClaimsGrid> grid, int index) =>
        grid.FindAll("#claims-grid tbody tr").Where(r => r.QuerySelector(".fc-claim-link") is not null).ElementAt(index).QuerySelector("input[type=checkbox]")!;

    private static List<int> CheckedIds(IRenderedComponent<ClaimsGrid> grid) =>
        grid.FindAll("#claims-grid tbody tr")
            .Where(r => r.QuerySelector("input[type=checkbox]") is IElement box && box.HasAttribute("checked"))
            .Select(r => int.Parse(r.QuerySelector("a.fc-claim-link")!.GetAttribute("href")!["claims/".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
