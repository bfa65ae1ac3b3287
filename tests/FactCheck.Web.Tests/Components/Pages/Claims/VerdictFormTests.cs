using Bunit;
using FactCheck.Core.Domain;
using FactCheck.Web.Components.Pages.Claims;

namespace FactCheck.Web.Tests.Components.Pages.Claims;

public sealed class VerdictFormTests : MudBlazorTestContext
{
    private async Task<int> AssignedClaimAsync()
    {
        var claimId = await Db.ImportClaimAsync();
        await Db.Review.AssignAsync(Db.Lead, claimId, Db.Alice.UserId!);
        return claimId;
    }

    /// <summary>Opens the rating select as a user would (mouse down) and clicks the option.</summary>
    private static void ChooseRating(IRenderedComponent<VerdictForm> form, IRenderedComponent<MudBlazor.MudPopoverProvider> popover, string label)
    {
        form.Find("div.mud-select div.mud-input-control").MouseDown();
        popover.WaitForAssertion(() => Assert.Contains(label, popover.Markup));
        popover.FindAll(".mud-list-item").First(item => item.TextContent.Trim() == label).Click();
    }

    [Fact]
    public async Task A_verdict_without_a_rating_is_refused_and_nothing_is_stored()
    {
        var claimId = await AssignedClaimAsync();
        SignInAs(Db.Alice);
        RenderPopoverProvider();
        var form = Render<VerdictForm>(p => p.Add(f => f.ClaimId, claimId));

        form.Find("#verdict-rationale").Input("I checked the ministry's figures.");
        await form.Find("#verdict-save").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Choose a rating.", form.Markup));
        Assert.Empty((await Db.LoadClaimAsync(claimId)).Verdicts);
    }

    [Fact]
    public async Task A_valid_verdict_is_saved_and_reported()
    {
        var claimId = await AssignedClaimAsync();
        SignInAs(Db.Alice);
        var popover = RenderPopoverProvider();
        var saved = 0;
        var form = Render<VerdictForm>(p => p.Add(f => f.ClaimId, claimId).Add(f => f.OnSaved, () => saved++));

        ChooseRating(form, popover, "Misleading");
        form.Find("#verdict-rationale").Input("The figure mixes killed and wounded.");
        await form.Find("#verdict-save").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal(1, saved));
        var verdict = Assert.Single((await Db.LoadClaimAsync(claimId)).Verdicts);
        Assert.Equal(Rating.Misleading, verdict.Rating);
        Assert.Equal("The figure mixes killed and wounded.", verdict.Rationale);
        Assert.Equal(Db.Alice.UserId, verdict.ReviewerId);
    }

    [Fact]
    public async Task A_rationale_with_script_shows_the_message_and_stores_nothing()
    {
        var claimId = await AssignedClaimAsync();
        SignInAs(Db.Alice);
        var popover = RenderPopoverProvider();
        var form = Render<VerdictForm>(p => p.Add(f => f.ClaimId, claimId));

        ChooseRating(form, popover, "False");
        form.Find("#verdict-rationale").Input("<script>alert('pwned')</script>");
        await form.Find("#verdict-save").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("script or active HTML", form.Find("#verdict-problem").TextContent));
        Assert.Empty((await Db.LoadClaimAsync(claimId)).Verdicts);
    }

    [Fact]
    public async Task A_reviewer_not_assigned_is_refused_even_if_the_form_is_shown()
    {
        var claimId = await AssignedClaimAsync();
        SignInAs(Db.Bob);
        var popover = RenderPopoverProvider();
        var form = Render<VerdictForm>(p => p.Add(f => f.ClaimId, claimId));

        ChooseRating(form, popover, "True");
        form.Find("#verdict-rationale").Input("Looks right to me.");
        await form.Find("#verdict-save").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Only a reviewer assigned", form.Find("#verdict-problem").TextContent));
        Assert.Empty((await Db.LoadClaimAsync(claimId)).Verdicts);
    }

    [Fact]
    public async Task A_draft_survives_someone_elses_save_and_its_stale_save_is_refused()
    {
        var claimId = await AssignedClaimAsync();
        await Db.Review.SaveVerdictAsync(Db.Alice, claimId, Rating.True, "First take.");
        var first = (await Db.LoadClaimAsync(claimId)).Verdicts.Single();
        SignInAs(Db.Alice);
        RenderPopoverProvider();
        var form = Render<VerdictForm>(p => p.Add(f => f.ClaimId, claimId).Add(f => f.Existing, first));

        form.Find("#verdict-rationale").Input("My careful draft.");
        // Alice's other tab saves meanwhile; the page hands the form the new version.
        await Db.Review.SaveVerdictAsync(Db.Alice, claimId, Rating.False, "Other tab.", first.Version);
        var second = (await Db.LoadClaimAsync(claimId)).Verdicts.Single();
        form.Render(p => p.Add(f => f.Existing, second));

        form.WaitForAssertion(() => Assert.Contains("Other tab.", form.Find("#verdict-stale").TextContent));
        Assert.Equal("My careful draft.", form.Find("#verdict-rationale").GetAttribute("value") ?? form.Find("#verdict-rationale").TextContent);
        await form.Find("#verdict-save").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Contains("changed since you opened it", form.Find("#verdict-problem").TextContent));
        Assert.Equal("Other tab.", (await Db.LoadClaimAsync(claimId)).Verdicts.Single().Rationale);
    }
}
