using Bunit;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Web.Components.Pages.Claims;

namespace FactCheck.Web.Tests.Components.Pages.Claims;

public sealed class BoardPageTests : MudBlazorTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string ManyClaims(int count) => string.Join(" ", Enumerable.Range(1, count)
        .Select(i => $"The ministry said {i * 137 + 11} people were evacuated from district {i} on Monday, according to officials."));

    private static int CardsIn(IRenderedComponent<BoardPage> board, ClaimStatus status) =>
        board.FindAll($"[data-column='{status}'] [data-claim-id]").Count;

    [Fact]
    public async Task Load_more_adds_the_next_cards_of_a_column_after_the_first_thirty()
    {
        var imported = await Db.Importer.ImportAsync(Db.Lead, new ImportRequest("Evacuations", ManyClaims(40)));
        var total = await Db.Queries.CountAsync(Db.Lead, new ClaimQuery { Status = ClaimStatus.New });
        Assert.True(total > 30, $"the document gave {total} new claims, the test needs more than 30 ({imported.Claims.Count} imported)");
        SignInAs(Db.Lead);
        RenderPopoverProvider();
        var board = Render<BoardPage>();
        board.WaitForAssertion(() => Assert.Equal(30, CardsIn(board, ClaimStatus.New)), Patience);

        board.Find("[data-load-more='New']").Click();

        board.WaitForAssertion(() => Assert.Equal(Math.Min(total, 60), CardsIn(board, ClaimStatus.New)), Patience);
        var ids = board.FindAll("[data-column='New'] [data-claim-id]").Select(c => c.GetAttribute("data-claim-id")).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        if (total <= 60) Assert.Empty(board.FindAll("[data-load-more='New']"));
    }

    [Fact]
    public async Task The_tag_filter_shows_only_tagged_cards_and_a_teammates_change_to_a_card_shows_in_place()
    {
        var mine = await Db.ImportClaimAsync();
        var other = await Db.ImportClaimAsync("Prices rose 12% in March compared with February, the statistics office said.");
        await Db.Review.AssignAsync(Db.Lead, mine, Db.Alice.UserId!);
        await Db.Review.BulkAsync(Db.Admin, [mine], new BulkAction.AddTags(["urgent-check"]));
        SignInAs(Db.Lead);
        RenderPopoverProvider();
        var board = Render<BoardPage>();
        board.WaitForAssertion(() => Assert.NotEmpty(board.FindAll($"[data-claim-id='{other}']")), Patience);

        board.Find("#board-tag").Change("urgent-check");

        board.WaitForAssertion(() =>
        {
            Assert.Single(board.FindAll($"[data-claim-id='{mine}']"));
            Assert.Empty(board.FindAll($"[data-claim-id='{other}']"));
        }, Patience);

        // A teammate's change to a shown card shows without re-reading the board.
        await Db.Review.AssignAsync(Db.Lead, mine, Db.Bob.UserId!);
        board.WaitForAssertion(() => Assert.Contains("bob", board.Find($"[data-claim-id='{mine}']").TextContent, StringComparison.OrdinalIgnoreCase), Patience);
    }
}
