using Bunit;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Web.Components.Pages.Claims;
using MudBlazor;

namespace FactCheck.Web.Tests.Components.Pages.Claims;

/// <summary>A lead merges a duplicate by picking it in the Similar claims panel, after a confirmation.</summary>
public sealed class ClaimSimilarPanelTests : MudBlazorTestContext
{
    /// <summary>Patience for the dialog and the save on a busy machine, not a time limit under test.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(Claim Shown, SimilarClaimRow Other)> TwoClaimsAsync()
    {
        var shown = await Db.ImportClaimAsync();
        var other = await Db.ImportClaimAsync("Officials said 445,000 people were killed in 2024, according to the ministry.");
        var otherClaim = await Db.LoadClaimAsync(other);
        return (await Db.LoadClaimAsync(shown), new SimilarClaimRow(other, otherClaim.Text, otherClaim.Status, 0.91, null, null));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ClaimSimilarPanel> Panel, TaskCompletionSource Merged) Render(Claim shown, SimilarClaimRow other, bool canManage = true)
    {
        SignInAs(Db.Lead);
        RenderAsLiveCircuit();
        var dialogs = Render<MudDialogProvider>();
        var merged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var panel = Render<ClaimSimilarPanel>(p => p
            .Add(c => c.Claim, shown)
            .Add(c => c.Similar, [other])
            .Add(c => c.CanManage, canManage)
            .Add(c => c.OnMerged, () => merged.TrySetResult()));
        return (dialogs, panel, merged);
    }

    [Fact]
    public async Task Merge_into_this_asks_first_then_dismisses_the_similar_claim_as_a_duplicate_of_this_one()
    {
        var (shown, other) = await TwoClaimsAsync();
        var (dialogs, panel, merged) = Render(shown, other);

        // The click's handler waits for the confirmation, so it completes only after the dialog closes.
        var clicked = panel.Find($"#merge-into-this-{other.Id}").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains($"Merge #{other.Id} into #{shown.Id}?", dialogs.Markup), Patience);
        Assert.Equal(ClaimStatus.New, (await Db.LoadClaimAsync(other.Id)).Status);

        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Merge").ClickAsync(new());
        await clicked.WaitAsync(Patience);
        await merged.Task.WaitAsync(Patience);

        var duplicate = await Db.LoadClaimAsync(other.Id);
        Assert.Equal(ClaimStatus.Dismissed, duplicate.Status);
        Assert.Equal(shown.Id, duplicate.DuplicateOfId);
        Assert.Equal(ClaimStatus.New, (await Db.LoadClaimAsync(shown.Id)).Status);
    }

    [Fact]
    public async Task Mark_as_duplicate_of_dismisses_the_claim_on_the_page_in_favour_of_the_similar_one()
    {
        var (shown, other) = await TwoClaimsAsync();
        var (dialogs, panel, merged) = Render(shown, other);

        var clicked = panel.Find($"#mark-duplicate-of-{other.Id}").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains($"Merge #{shown.Id} into #{other.Id}?", dialogs.Markup), Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Merge").ClickAsync(new());
        await clicked.WaitAsync(Patience);
        await merged.Task.WaitAsync(Patience);

        var duplicate = await Db.LoadClaimAsync(shown.Id);
        Assert.Equal(ClaimStatus.Dismissed, duplicate.Status);
        Assert.Equal(other.Id, duplicate.DuplicateOfId);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_merges_nothing()
    {
        var (shown, other) = await TwoClaimsAsync();
        var (dialogs, panel, merged) = Render(shown, other);

        var clicked = panel.Find($"#merge-into-this-{other.Id}").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Cancel", dialogs.Markup), Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await clicked.WaitAsync(Patience);
        dialogs.WaitForAssertion(() => Assert.DoesNotContain($"Merge #{other.Id} into", dialogs.Markup), Patience);

        Assert.False(merged.Task.IsCompleted);
        Assert.Equal(ClaimStatus.New, (await Db.LoadClaimAsync(other.Id)).Status);
        Assert.Null((await Db.LoadClaimAsync(shown.Id)).DuplicateOfId);
    }

    [Fact]
    public async Task Only_the_merges_the_workflow_allows_are_offered_and_none_without_the_lead_s_rights()
    {
        var (shown, other) = await TwoClaimsAsync();
        // A claim under review is not dismissable: it can keep a duplicate, not become one.
        await Db.Review.AssignAsync(Db.Lead, shown.Id, Db.Alice.UserId!);
        await Db.Review.AddSourceAsync(Db.Alice, shown.Id, "https://stats.example/report", "Official report", SourceStance.Refutes);
        var inReview = await Db.LoadClaimAsync(shown.Id);
        Assert.Equal(ClaimStatus.InReview, inReview.Status);

        var (_, panel, _) = Render(inReview, other);
        Assert.Empty(panel.FindAll($"#mark-duplicate-of-{other.Id}"));
        Assert.Single(panel.FindAll($"#merge-into-this-{other.Id}"));

        var readOnly = Render<ClaimSimilarPanel>(p => p.Add(c => c.Claim, inReview).Add(c => c.Similar, [other]).Add(c => c.CanManage, false));
        Assert.Empty(readOnly.FindAll("button"));
        Assert.Contains($"#{other.Id}", readOnly.Markup);
    }
}
