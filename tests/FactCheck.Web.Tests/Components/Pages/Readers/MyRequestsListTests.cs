using Bunit;
using FactCheck.Core.Domain;
using FactCheck.Web.Components.Pages.Readers;

namespace FactCheck.Web.Tests.Components.Pages.Readers;

public sealed class MyRequestsListTests : MudBlazorTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_leads_answer_appears_on_the_readers_open_page_without_a_reload()
    {
        var id = await Db.ReaderRequests.SuggestAsync(Db.Reader, "The mayor said the new bridge cost 40 million euros.", null);
        SignInAs(Db.Reader);
        RenderAsLiveCircuit();
        var list = Render<MyRequestsList>();
        list.WaitForAssertion(() => Assert.NotNull(list.Find($"[data-suggestion='{id}']")), Patience);
        Assert.Empty(list.FindAll("[data-answer]"));

        var suggestion = (await Db.ReaderRequests.ListInboxAsync(Db.Lead)).Suggestions.Single();
        await Db.ReaderRequests.AnswerSuggestionAsync(Db.Lead, id, RequestStatus.Declined, "We checked this last week: see our verdict.", suggestion.Version);

        list.WaitForAssertion(() => Assert.Contains("We checked this last week", list.Find($"[data-suggestion='{id}'] [data-answer]").TextContent), Patience);
    }

    [Fact]
    public async Task Another_readers_answer_does_not_reach_this_reader()
    {
        var other = await Db.AddUserAsync("other-reader@test.local", FactCheck.Core.Security.Roles.Reader);
        var theirs = await Db.ReaderRequests.SuggestAsync(other, "A senator said crime fell 30% last year.", null);
        await Db.ReaderRequests.SuggestAsync(Db.Reader, "The mayor said the new bridge cost 40 million euros.", null);
        SignInAs(Db.Reader);
        RenderAsLiveCircuit();
        var list = Render<MyRequestsList>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-suggestion]")), Patience);

        var suggestion = (await Db.ReaderRequests.ListInboxAsync(Db.Lead)).Suggestions.Single(s => s.Id == theirs);
        await Db.ReaderRequests.AnswerSuggestionAsync(Db.Lead, theirs, RequestStatus.Declined, "Not check-worthy.", suggestion.Version);
        // Then one for this reader, so the first had every chance to arrive before it.
        var mine = (await Db.ReaderRequests.ListInboxAsync(Db.Lead)).Suggestions.Single(s => s.Id != theirs);
        await Db.ReaderRequests.AnswerSuggestionAsync(Db.Lead, mine.Id, RequestStatus.Accepted, "Checking it.", mine.Version);

        list.WaitForAssertion(() => Assert.Contains("Checking it.", list.Markup), Patience);
        Assert.DoesNotContain("Not check-worthy.", list.Markup);
    }
}
