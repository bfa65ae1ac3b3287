using Bunit;
using FactCheck.Web.Components.Layout;
using FactCheck.Web.Components.Pages.Review;

namespace FactCheck.Web.Tests.Components.Pages.Review;

public sealed class MyAssignmentsPageTests : MudBlazorTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_assignment_appears_on_the_page_and_in_the_nav_badge_without_a_reload()
    {
        var first = await Db.ImportClaimAsync();
        var second = await Db.ImportClaimAsync("Prices rose 12% in March compared with February, the statistics office said.");
        await Db.Review.AssignAsync(Db.Lead, first, Db.Alice.UserId!);
        SignInAs(Db.Alice);
        var page = Render<MyAssignmentsPage>();
        var nav = Render<NavMenu>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#my-open [data-claim-id]")), Patience);
        nav.WaitForAssertion(() => Assert.Equal("1", nav.Find("#my-assignments-badge .mud-badge").TextContent.Trim()), Patience);

        await Db.Review.AssignAsync(Db.Lead, second, Db.Alice.UserId!);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#my-open [data-claim-id]").Count), Patience);
        nav.WaitForAssertion(() => Assert.Equal("2", nav.Find("#my-assignments-badge .mud-badge").TextContent.Trim()), Patience);

        // Dismissing a claim elsewhere moves it off the open list, and the badge agrees.
        await Db.Review.UnassignAsync(Db.Lead, first, Db.Alice.UserId!);
        page.WaitForAssertion(() => Assert.Equal([second.ToString()], page.FindAll("#my-open [data-claim-id]").Select(e => e.GetAttribute("data-claim-id"))), Patience);
        nav.WaitForAssertion(() => Assert.Equal("1", nav.Find("#my-assignments-badge .mud-badge").TextContent.Trim()), Patience);
    }
}
