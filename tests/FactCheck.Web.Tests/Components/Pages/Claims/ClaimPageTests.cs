using Bunit;
using FactCheck.Core.Domain;
using FactCheck.Web.Components.Pages.Claims;

namespace FactCheck.Web.Tests.Components.Pages.Claims;

public sealed class ClaimPageTests : MudBlazorTestContext
{
    /// <summary>Live updates under a busy CI machine can take seconds; this is patience, not a time limit under test.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<int> ClaimInReviewAsync()
    {
        var claimId = await Db.ImportClaimAsync();
        await Db.Review.AssignAsync(Db.Lead, claimId, Db.Alice.UserId!);
        await Db.Review.AddSourceAsync(Db.Alice, claimId, "https://stats.example/report", "Official report", SourceStance.Refutes);
        return claimId;
    }

    [Fact]
    public async Task A_summary_being_typed_survives_another_lead_publishing_first_with_a_notice_of_what_changed()
    {
        var claimId = await ClaimInReviewAsync();
        SignInAs(Db.Lead);
        RenderAsLiveCircuit();
        RenderPopoverProvider();
        var page = Render<ClaimPage>(p => p.Add(c => c.Id, claimId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#publish-summary")), Patience);

        page.Find("#publish-summary").Change("My careful summary for readers.");
        await Db.Review.PublishAsync(Db.Admin, claimId, Rating.False, "The admin's summary.");

        page.WaitForAssertion(() =>
        {
            Assert.Contains(Db.Admin.Name, page.Find("#publish-draft-notice").TextContent);
            Assert.Equal("My careful summary for readers.", page.Find("#publish-summary-kept").GetAttribute("value") ?? page.Find("#publish-summary-kept").TextContent);
            Assert.Contains("published the verdict", page.Find("#claim-changed-notice").TextContent);
        }, Patience);
        Assert.Empty(page.FindAll("#publish-summary"));
    }

    [Fact]
    public async Task Someone_elses_comment_appears_and_the_comment_being_typed_stays()
    {
        var claimId = await ClaimInReviewAsync();
        SignInAs(Db.Lead);
        RenderAsLiveCircuit();
        RenderPopoverProvider();
        var page = Render<ClaimPage>(p => p.Add(c => c.Id, claimId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#comment-body")), Patience);

        page.Find("#comment-body").Change("Half-written thought");
        await Db.Review.AddCommentAsync(Db.Alice, claimId, "The report's table 3 gives **1,100**.");

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".fc-comment"), c => c.TextContent.Contains("table 3")), Patience);
        Assert.Equal("Half-written thought", page.Find("#comment-body").GetAttribute("value") ?? page.Find("#comment-body").TextContent);
        Assert.Contains("commented while you were writing", page.Find("#claim-changed-notice").TextContent);
    }

    [Fact]
    public async Task The_page_shows_only_the_passage_around_the_claim_not_the_whole_document()
    {
        var filler = string.Concat(Enumerable.Repeat("Background sentence without numbers here. ", 40));
        var result = await Db.Importer.ImportAsync(Db.Lead, new FactCheck.Core.Documents.ImportRequest("Long article",
            filler + "The ministry said 445,581 people were killed in 2024, according to official figures. " + filler));
        var claimId = result.Claims.Single(c => c.Text.Contains("445,581")).Id;
        SignInAs(Db.Lead);
        RenderAsLiveCircuit();
        RenderPopoverProvider();

        var page = Render<ClaimPage>(p => p.Add(c => c.Id, claimId));

        page.WaitForAssertion(() => Assert.Contains("445,581", page.Find("#claim-passage mark").TextContent), Patience);
        var passage = page.Find("#claim-passage").TextContent.Trim();
        Assert.StartsWith("…", passage);
        Assert.EndsWith("…", passage);
        Assert.InRange(passage.Length, 500, 2 * ClaimPageReader.PassageContext + 200);
    }
}
