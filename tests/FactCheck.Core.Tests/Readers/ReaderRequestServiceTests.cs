using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Tests.Readers;

/// <summary>Readers' suggestions and correction requests on a real SQLite file: the happy paths, the refusals, the rate limit.</summary>
public abstract class ReaderRequestServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_reader_suggests_a_lead_accepts_and_imports_it_and_the_reader_sees_the_answer()
    {
        var auditBefore = await db.AuditCountAsync();
        var id = await db.ReaderRequests.SuggestAsync(db.Reader, "The minister said unemployment fell by 40% in 2024, according to the budget speech.", "https://news.example/budget");
        Assert.Equal(auditBefore + 1, await db.AuditCountAsync());

        var inbox = await db.ReaderRequests.ListInboxAsync(db.Lead);
        var suggestion = Assert.Single(inbox.Suggestions);
        Assert.Equal(id, suggestion.Id);
        Assert.Equal("https://news.example/budget", suggestion.Url);
        Assert.Equal("reader", suggestion.SubmittedBy);
        Assert.Equal(RequestStatus.New, suggestion.Status);

        await db.ReaderRequests.AnswerSuggestionAsync(db.Lead, id, RequestStatus.Accepted, "Thanks, we are checking it.", suggestion.Version, importText: true);

        var answered = Assert.Single((await db.ReaderRequests.ListInboxAsync(db.Lead)).Suggestions);
        Assert.Equal(RequestStatus.Accepted, answered.Status);
        Assert.NotNull(answered.DocumentId);
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            var document = await context.Documents.Include(d => d.Claims).SingleAsync(d => d.Id == answered.DocumentId);
            Assert.Equal("https://news.example/budget", document.SourceUrl);
            Assert.NotEmpty(document.Claims);
        }

        var mine = Assert.Single((await db.ReaderRequests.ListMineAsync(db.Reader)).Suggestions);
        Assert.Equal(RequestStatus.Accepted, mine.Status);
        Assert.Equal("Thanks, we are checking it.", mine.Answer);
        // Another reader sees nothing of it.
        var other = await db.AddUserAsync("other-reader@test.local", Roles.Reader);
        Assert.Empty((await db.ReaderRequests.ListMineAsync(other)).Suggestions);
    }

    public static TheoryData<string?, string?, string> BadSuggestions => new()
    {
        { "<script>alert(1)</script> The mayor said crime fell.", null, "script" },
        { "Crime fell <img src=x onerror=alert(1)>", null, "script" },
        { new string('a', 4001), null, "too long" },
        { null, "ftp://files.example/claim.txt", "http://" },
        { null, "javascript:alert(1)", "http://" },
        { "A claim", "news.example/no-scheme", "http://" },
        { null, null, "Write the claim" },
        { "   ", "  ", "Write the claim" },
    };

    [Theory]
    [MemberData(nameof(BadSuggestions))]
    public async Task Bad_suggestions_are_refused_with_a_clear_message_and_nothing_is_stored(string? text, string? url, string expected)
    {
        var auditBefore = await db.AuditCountAsync();
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => db.ReaderRequests.SuggestAsync(db.Reader, text, url));
        Assert.Contains(expected, refusal.Message);
        Assert.Equal(0, await CountAsync<Suggestion>());
        Assert.Equal(auditBefore, await db.AuditCountAsync());
    }

    [Fact]
    public async Task Anonymous_visitors_may_not_suggest_and_readers_may_not_answer()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ReaderRequests.SuggestAsync(db.Anonymous, "A claim to check", null));
        Assert.Equal(0, await CountAsync<Suggestion>());

        var id = await db.ReaderRequests.SuggestAsync(db.Reader, "A claim to check", null);
        var version = (await db.ReaderRequests.ListInboxAsync(db.Lead)).Suggestions[0].Version;
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ReaderRequests.ListInboxAsync(db.Reader));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ReaderRequests.ListInboxAsync(db.Alice));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ReaderRequests.AnswerSuggestionAsync(db.Reader, id, RequestStatus.Done, "Done myself", version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ReaderRequests.AnswerSuggestionAsync(db.Alice, id, RequestStatus.Declined, "No", version));
        Assert.Equal(RequestStatus.New, (await db.ReaderRequests.ListMineAsync(db.Reader)).Suggestions[0].Status);
    }

    [Fact]
    public async Task A_flood_from_one_reader_is_refused_after_the_hourly_limit_and_others_are_unaffected()
    {
        for (var i = 0; i < 5; i++)
            await db.ReaderRequests.SuggestAsync(db.Reader, $"Claim number {i} to check", null);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => db.ReaderRequests.SuggestAsync(db.Reader, "One too many", null));
        Assert.Contains("5 suggestions in the last hour", refusal.Message);
        Assert.Contains("try again in", refusal.Message);
        Assert.Equal(5, await CountAsync<Suggestion>());

        // Parallel posts cannot slip past the count together.
        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try { await db.ReaderRequests.SuggestAsync(db.Bob, $"Bob's claim {i}", null); return true; }
            catch (ValidationException) { return false; }
        }));
        Assert.Equal(5, burst.Count(ok => ok));
        Assert.Equal(10, await CountAsync<Suggestion>());
    }

    [Fact]
    public async Task A_reader_asks_for_a_correction_of_a_published_verdict_and_reads_the_leads_answer()
    {
        var (claimId, slug) = await PublishAsync();
        var id = await db.ReaderRequests.RequestCorrectionAsync(db.Reader, slug, "The UN figure was revised in March.");

        var request = Assert.Single((await db.ReaderRequests.ListInboxAsync(db.Lead)).CorrectionRequests);
        Assert.Equal(id, request.Id);
        Assert.Equal(claimId, request.ClaimId);
        Assert.Equal(1, request.VersionNumber);
        Assert.Equal("The UN figure was revised in March.", request.Message);

        await db.ReaderRequests.AnswerCorrectionAsync(db.Lead, id, RequestStatus.Declined, "The revision does not change the rating.", request.Version);
        var mine = Assert.Single((await db.ReaderRequests.ListMineAsync(db.Reader)).CorrectionRequests);
        Assert.Equal(RequestStatus.Declined, mine.Status);
        Assert.Equal("The revision does not change the rating.", mine.Answer);
        Assert.Equal(slug, mine.Slug);

        // Closed requests stay closed, and leave the open inbox.
        var current = Assert.Single((await db.ReaderRequests.ListInboxAsync(db.Lead, openOnly: false)).CorrectionRequests);
        var closed = await Assert.ThrowsAsync<ValidationException>(() =>
            db.ReaderRequests.AnswerCorrectionAsync(db.Lead, id, RequestStatus.Accepted, "Changed my mind.", current.Version));
        Assert.Contains("already declined", closed.Message);
        Assert.Empty((await db.ReaderRequests.ListInboxAsync(db.Lead)).CorrectionRequests);
    }

    public static TheoryData<string?, string> BadCorrections => new()
    {
        { "<script>fetch('/steal')</script>", "script" },
        { "See <iframe src=https://evil.example>", "script" },
        { new string('x', 4001), "too long" },
        { "", "required" },
        { null, "required" },
    };

    [Theory]
    [MemberData(nameof(BadCorrections))]
    public async Task Bad_correction_requests_are_refused_and_nothing_is_stored(string? message, string expected)
    {
        var (_, slug) = await PublishAsync();
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => db.ReaderRequests.RequestCorrectionAsync(db.Reader, slug, message));
        Assert.Contains(expected, refusal.Message);
        Assert.Equal(0, await CountAsync<CorrectionRequest>());
    }

    [Fact]
    public async Task Corrections_can_only_be_asked_of_published_verdicts_by_signed_in_readers_within_the_limit()
    {
        var unpublished = await db.ImportClaimAsync();
        var notPublic = await Assert.ThrowsAsync<ValidationException>(() => db.ReaderRequests.RequestCorrectionAsync(db.Reader, $"claim-{unpublished}", "Wrong"));
        Assert.Contains("no published verdict", notPublic.Message);

        var (_, slug) = await PublishAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.ReaderRequests.RequestCorrectionAsync(db.Anonymous, slug, "Wrong"));
        for (var i = 0; i < 5; i++) await db.ReaderRequests.RequestCorrectionAsync(db.Reader, slug, $"Point {i}");
        var flood = await Assert.ThrowsAsync<ValidationException>(() => db.ReaderRequests.RequestCorrectionAsync(db.Reader, slug, "Point 6"));
        Assert.Contains("5 correction requests in the last hour", flood.Message);
        Assert.Equal(5, await CountAsync<CorrectionRequest>());
    }

    [Fact]
    public async Task A_stale_answer_is_a_conflict_and_the_first_answer_stands()
    {
        var id = await db.ReaderRequests.SuggestAsync(db.Reader, "A claim to check", null);
        var opened = (await db.ReaderRequests.ListInboxAsync(db.Lead)).Suggestions[0].Version;
        await db.ReaderRequests.AnswerSuggestionAsync(db.Admin, id, RequestStatus.Accepted, "On it.", opened);
        await Assert.ThrowsAsync<ConflictException>(() => db.ReaderRequests.AnswerSuggestionAsync(db.Lead, id, RequestStatus.Declined, "Not for us.", opened));
        var mine = (await db.ReaderRequests.ListMineAsync(db.Reader)).Suggestions[0];
        Assert.Equal(("On it.", RequestStatus.Accepted), (mine.Answer, mine.Status));

        var latest = (await db.ReaderRequests.ListInboxAsync(db.Lead)).Suggestions[0].Version;
        var blank = await Assert.ThrowsAsync<ValidationException>(() => db.ReaderRequests.AnswerSuggestionAsync(db.Lead, id, RequestStatus.Done, " ", latest));
        Assert.Contains("Answer is required", blank.Message);
    }

    private async Task<(int ClaimId, string Slug)> PublishAsync()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "The record says otherwise.");
        var publication = await db.Review.PublishAsync(db.Lead, claimId, Rating.False, "Not supported by the record.");
        return (claimId, publication.Slug);
    }

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        return await context.Set<T>().CountAsync();
    }
}

public sealed class ReaderRequestServiceTestsOnSqlite() : ReaderRequestServiceTests(DatabaseProvider.Sqlite);

public sealed class ReaderRequestServiceTestsOnPostgres() : ReaderRequestServiceTests(DatabaseProvider.Postgres);
