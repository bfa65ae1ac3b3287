using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Core.Workflow;

namespace FactCheck.Core.Tests.Review;

public abstract class ReviewServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task The_whole_review_reaches_a_public_verdict_and_a_correction_keeps_both_versions()
    {
        var claimId = await db.ImportClaimAsync();

        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        Assert.Equal(ClaimStatus.Assigned, (await db.LoadClaimAsync(claimId)).Status);

        await db.Review.AddSourceAsync(db.Alice, claimId, "https://www.un.org/report", "UN report", SourceStance.Refutes, "Figures differ.");
        Assert.Equal(ClaimStatus.InReview, (await db.LoadClaimAsync(claimId)).Status);

        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "The UN figure is lower.");
        Assert.Equal(ClaimStatus.AwaitingDecision, (await db.LoadClaimAsync(claimId)).Status);

        var first = await db.Review.PublishAsync(db.Lead, claimId, Rating.False, "The figure is not supported by the record.");
        Assert.Equal(1, first.VersionNumber);
        Assert.Equal(ClaimStatus.Published, (await db.LoadClaimAsync(claimId)).Status);

        var published = await db.Public.GetAsync(first.Slug);
        Assert.NotNull(published);
        Assert.Equal(Rating.False, published.Rating);
        Assert.Single(published.Sources);

        await db.Review.ReopenAsync(db.Lead, claimId);
        // Until the correction is published, readers still see version 1.
        Assert.Equal(1, (await db.Public.GetAsync(first.Slug))!.VersionNumber);
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.PublishAsync(db.Lead, claimId, Rating.Misleading, "Revised."));
        var second = await db.Review.PublishAsync(db.Lead, claimId, Rating.Misleading, "Revised after new data.", "New ministry data changed the count.");

        Assert.Equal(first.Slug, second.Slug);
        var corrected = (await db.Public.GetAsync(second.Slug))!;
        Assert.Equal(2, corrected.VersionNumber);
        Assert.Equal(Rating.Misleading, corrected.Rating);
        Assert.Equal([2, 1], corrected.Versions.Select(v => v.VersionNumber));
        Assert.Equal("New ministry data changed the count.", corrected.Versions[0].CorrectionNote);
        Assert.Single((await db.Public.ListAsync()).Items);
    }

    [Fact]
    public async Task Every_change_is_audited_and_announced_once()
    {
        var claimId = await db.ImportClaimAsync();
        var auditBefore = await db.AuditCountAsync();
        db.Events.Clear();

        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.AddCommentAsync(db.Alice, claimId, "Looking at the ministry's data.");
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.Mixed, "Partly right.");

        Assert.Equal(auditBefore + 3, await db.AuditCountAsync());
        // One review event per change; the recipients' bells are told apart (personal NotificationsChanged events).
        var reviewEvents = db.Events.Where(e => e.Type != ReviewEventTypes.NotificationsChanged).ToList();
        Assert.Equal([ReviewEventTypes.Assigned, ReviewEventTypes.CommentAdded, ReviewEventTypes.VerdictSaved], reviewEvents.Select(e => e.Type));
        Assert.All(reviewEvents, e => Assert.Equal(claimId, e.ClaimId));
    }

    [Fact]
    public async Task A_reviewer_is_refused_a_leads_actions_and_nothing_changes()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.True, "Checked.");
        var auditBefore = await db.AuditCountAsync();
        var before = await db.LoadClaimAsync(claimId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AssignAsync(db.Alice, claimId, db.Bob.UserId!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.UnassignAsync(db.Alice, claimId, db.Alice.UserId!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.PublishAsync(db.Alice, claimId, Rating.True, "Mine."));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.DismissAsync(db.Alice, claimId, "no"));

        var after = await db.LoadClaimAsync(claimId);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.ActiveAssignments);
        Assert.Empty(after.Publications);
        Assert.Equal(auditBefore, await db.AuditCountAsync());
    }

    [Fact]
    public async Task A_reviewer_cannot_record_a_verdict_or_source_on_a_claim_not_assigned_to_them()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);

        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.SaveVerdictAsync(db.Bob, claimId, Rating.True, "Not mine."));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AddSourceAsync(db.Bob, claimId, "https://example.org", "x", SourceStance.Supports));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AddCommentAsync(db.Bob, claimId, "Not mine."));

        var claim = await db.LoadClaimAsync(claimId);
        Assert.Empty(claim.Verdicts);
        Assert.Empty(claim.Sources);
        Assert.Empty(claim.Comments);
        Assert.Equal(ClaimStatus.Assigned, claim.Status);
    }

    [Fact]
    public async Task Readers_and_anonymous_callers_cannot_read_or_change_the_workspace()
    {
        var claimId = await db.ImportClaimAsync();
        foreach (var outsider in new[] { db.Reader, db.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => db.Queries.GetAsync(outsider, claimId));
            await Assert.ThrowsAsync<AccessDeniedException>(() => db.Queries.ListAsync(outsider, new ClaimQuery()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AddCommentAsync(outsider, claimId, "hi"));
            await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AssignAsync(outsider, claimId, db.Alice.UserId!));
        }
        Assert.Empty((await db.LoadClaimAsync(claimId)).Comments);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_message_and_stores_nothing()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        var auditBefore = await db.AuditCountAsync();

        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AssignAsync(db.Lead, claimId, db.Reader.UserId!));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AssignAsync(db.Lead, claimId, db.Bob.UserId!, DateTimeOffset.UtcNow.AddDays(-2)));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.SaveVerdictAsync(db.Alice, claimId, null, "No rating."));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "<script>alert('x')</script>"));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "   "));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AddSourceAsync(db.Alice, claimId, "javascript:alert(1)", "Evil", SourceStance.Refutes));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AddSourceAsync(db.Alice, claimId, "https://example.org", "", SourceStance.Refutes));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AddCommentAsync(db.Alice, claimId, "<img src=x onerror=alert(1)>"));
        await Assert.ThrowsAsync<NotFoundException>(() => db.Review.SaveVerdictAsync(db.Alice, 999_999, Rating.True, "No such claim."));

        var claim = await db.LoadClaimAsync(claimId);
        Assert.Empty(claim.Verdicts);
        Assert.Empty(claim.Sources);
        Assert.Empty(claim.Comments);
        Assert.Single(claim.ActiveAssignments);
        Assert.Equal(auditBefore, await db.AuditCountAsync());
    }

    [Fact]
    public async Task Illegal_workflow_steps_are_refused_in_the_service()
    {
        var claimId = await db.ImportClaimAsync();
        await Assert.ThrowsAsync<WorkflowException>(() => db.Review.PublishAsync(db.Lead, claimId, Rating.True, "Too early."));
        await Assert.ThrowsAsync<WorkflowException>(() => db.Review.ReopenAsync(db.Lead, claimId));

        await db.Review.DismissAsync(db.Lead, claimId, "Opinion");
        await Assert.ThrowsAsync<WorkflowException>(() => db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!));
        await Assert.ThrowsAsync<WorkflowException>(() => db.Review.DismissAsync(db.Lead, claimId, "Again"));
        Assert.Equal(ClaimStatus.Dismissed, (await db.LoadClaimAsync(claimId)).Status);
    }

    [Fact]
    public async Task A_stale_verdict_edit_is_a_conflict_that_shows_the_other_change()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.True, "First take.");
        var loaded = (await db.LoadClaimAsync(claimId)).Verdicts.Single();

        // Alice saves from a second tab, then the first tab saves its stale draft.
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "Second tab.", loaded.Version);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.Mixed, "Stale tab.", loaded.Version));

        Assert.Contains("Second tab.", conflict.TheirChange);
        var stored = (await db.LoadClaimAsync(claimId)).Verdicts.Single();
        Assert.Equal(Rating.False, stored.Rating);
        Assert.Equal("Second tab.", stored.Rationale);
    }

    [Fact]
    public async Task Two_simultaneous_saves_of_the_same_verdict_one_wins_and_the_other_gets_the_conflict()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.True, "Base.");
        var version = (await db.LoadClaimAsync(claimId)).Verdicts.Single().Version;

        var saves = new[] { "Tab A", "Tab B", "Tab C" }
            .Select(text => Task.Run(async () =>
            {
                try
                {
                    await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.Mixed, text, version);
                    return text;
                }
                catch (ConflictException)
                {
                    return null;
                }
            }))
            .ToArray();
        var winners = (await Task.WhenAll(saves)).Where(w => w is not null).ToList();

        var winner = Assert.Single(winners);
        Assert.Equal(winner, (await db.LoadClaimAsync(claimId)).Verdicts.Single().Rationale);
    }

    [Fact]
    public async Task Two_reviewers_saving_at_once_both_land_and_the_claim_awaits_a_decision()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.AssignAsync(db.Lead, claimId, db.Bob.UserId!);

        await Task.WhenAll(
            Task.Run(() => db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "Alice's view.")),
            Task.Run(() => db.Review.SaveVerdictAsync(db.Bob, claimId, Rating.Misleading, "Bob's view.")));

        var claim = await db.LoadClaimAsync(claimId);
        Assert.Equal(2, claim.Verdicts.Count);
        Assert.Equal(ClaimStatus.AwaitingDecision, claim.Status);
    }
}

public sealed class ReviewServiceTestsOnSqlite() : ReviewServiceTests(DatabaseProvider.Sqlite);

public sealed class ReviewServiceTestsOnPostgres() : ReviewServiceTests(DatabaseProvider.Postgres);
