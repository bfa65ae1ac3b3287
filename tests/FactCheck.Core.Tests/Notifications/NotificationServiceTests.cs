using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Notifications;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Tests.Notifications;

/// <summary>The notification centre on a real database: who is told what, in the change's own save, and only their own.</summary>
public abstract class NotificationServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Assigning_a_claim_notifies_the_reviewer_in_the_same_save_and_rings_only_their_bell()
    {
        var claimId = await db.ImportClaimAsync();
        db.Events.Clear();

        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);

        var alice = await db.Notifications.ListAsync(db.Alice);
        var item = Assert.Single(alice.Items);
        Assert.Equal(NotificationKind.Assigned, item.Kind);
        Assert.Equal($"/claims/{claimId}", item.Link);
        Assert.Equal(claimId, item.ClaimId);
        Assert.StartsWith($"lead assigned you claim #{claimId}", item.Text);
        Assert.Equal((1, 1), (alice.Total, alice.Unread));
        Assert.Equal(0, await db.Notifications.CountUnreadAsync(db.Lead));
        Assert.Equal(0, await db.Notifications.CountUnreadAsync(db.Bob));
        var bell = Assert.Single(db.Events, e => e.Type == ReviewEventTypes.NotificationsChanged);
        Assert.Equal(db.Alice.UserId, bell.SubjectUserId);
        Assert.Equal([ReviewEventTopic.Everything, ReviewEventTopic.ForUser(db.Alice.UserId!)], ReviewEventTopic.Of(bell));
    }

    [Fact]
    public async Task A_refused_change_stores_no_notification()
    {
        var claimId = await db.ImportClaimAsync();
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.AssignAsync(db.Lead, claimId, db.Reader.UserId!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AssignAsync(db.Bob, claimId, db.Alice.UserId!));
        Assert.Equal(0, await CountNotificationsAsync());
        Assert.DoesNotContain(db.Events, e => e.Type == ReviewEventTypes.NotificationsChanged);
    }

    [Fact]
    public async Task A_verdict_notifies_the_other_assignees_and_the_lead_who_assigned_them_but_not_its_author()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.AssignAsync(db.Lead, claimId, db.Bob.UserId!);

        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "The record says otherwise.");

        Assert.Equal(NotificationKind.Verdict, (await db.Notifications.ListAsync(db.Lead)).Items.Single().Kind);
        var bob = await db.Notifications.ListAsync(db.Bob);
        Assert.Equal([NotificationKind.Verdict, NotificationKind.Assigned], bob.Items.Select(i => i.Kind));
        Assert.Contains("alice recorded a verdict (False)", bob.Items[0].Text);
        Assert.DoesNotContain((await db.Notifications.ListAsync(db.Alice)).Items, i => i.Kind == NotificationKind.Verdict);

        await db.Review.SaveVerdictAsync(db.Bob, claimId, Rating.False, "Agreed, the record says otherwise.");
        await db.Review.PublishAsync(db.Lead, claimId, Rating.False, "Not supported by the record.");
        var alice = await db.Notifications.ListAsync(db.Alice);
        Assert.Contains("lead published the verdict False", alice.Items[0].Text);
        Assert.Equal(3, alice.Total);
    }

    [Fact]
    public async Task A_mention_by_display_name_or_address_notifies_that_member_only()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        var carol = await db.AddUserAsync("carol.smith@test.local", Roles.Reviewer);

        await db.Review.AddCommentAsync(db.Alice, claimId,
            "@Bob can you check the census? cc @carol.smith, and mail reader@test.local or @reader; @alice is me, @nobody is no one.");

        Assert.Equal(NotificationKind.Mention, (await db.Notifications.ListAsync(db.Bob)).Items.Single().Kind);
        Assert.Contains("alice mentioned you", (await db.Notifications.ListAsync(carol)).Items.Single().Text);
        // A reader is not a workspace member, and the author is never told about themselves.
        Assert.Equal(0, (await db.Notifications.ListAsync(db.Reader)).Total);
        Assert.DoesNotContain((await db.Notifications.ListAsync(db.Alice)).Items, i => i.Kind == NotificationKind.Mention);
        Assert.Equal(0, (await db.Notifications.ListAsync(db.Lead)).Total);
    }

    [Fact]
    public async Task A_reader_hears_their_answer_and_leads_hear_a_correction_request()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "The record says otherwise.");
        var publication = await db.Review.PublishAsync(db.Lead, claimId, Rating.False, "Not supported by the record.");

        var requestId = await db.ReaderRequests.RequestCorrectionAsync(db.Reader, publication.Slug, "The UN figure was revised in March.");
        foreach (var lead in new[] { db.Lead, db.Admin })
        {
            var item = (await db.Notifications.ListAsync(lead)).Items[0];
            Assert.Equal((NotificationKind.CorrectionRequested, "/inbox", claimId), (item.Kind, item.Link, item.ClaimId));
            Assert.Contains("revised in March", item.Text);
        }
        Assert.Equal(0, await db.Notifications.CountUnreadAsync(db.Bob));

        var version = (await db.ReaderRequests.ListInboxAsync(db.Lead)).CorrectionRequests.Single().Version;
        await db.ReaderRequests.AnswerCorrectionAsync(db.Lead, requestId, RequestStatus.Accepted, "We are looking at the new figure.", version);
        var answer = (await db.Notifications.ListAsync(db.Reader)).Items.Single();
        Assert.Equal((NotificationKind.RequestAnswered, "/my/suggestions"), (answer.Kind, answer.Link));
        Assert.Contains("We are looking at the new figure.", answer.Text);
    }

    [Fact]
    public async Task The_list_is_newest_first_in_pages_and_each_person_marks_only_their_own_read()
    {
        var claims = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            claims.Add(await db.ImportClaimAsync());
            await db.Review.AssignAsync(db.Lead, claims[^1], db.Alice.UserId!);
        }

        var first = await db.Notifications.ListAsync(db.Alice, page: 1, pageSize: 2);
        var second = await db.Notifications.ListAsync(db.Alice, page: 2, pageSize: 2);
        var third = await db.Notifications.ListAsync(db.Alice, page: 3, pageSize: 2);
        Assert.Equal((5, 5), (first.Total, first.Unread));
        Assert.Equal(claims.AsEnumerable().Reverse(), first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.ClaimId!.Value));

        // Bob cannot read or mark Alice's notification: to him it does not exist.
        await Assert.ThrowsAsync<NotFoundException>(() => db.Notifications.MarkReadAsync(db.Bob, first.Items[0].Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Notifications.MarkReadAsync(db.Anonymous, first.Items[0].Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Notifications.ListAsync(db.Anonymous));
        Assert.Equal(0, await db.Bob.Let(async bob => await db.Notifications.MarkAllReadAsync(bob)));
        Assert.Equal(5, await db.Notifications.CountUnreadAsync(db.Alice));

        db.Events.Clear();
        await db.Notifications.MarkReadAsync(db.Alice, first.Items[0].Id);
        Assert.True((await db.Notifications.ListAsync(db.Alice)).Items[0].IsRead);
        Assert.Equal(4, await db.Notifications.CountUnreadAsync(db.Alice));
        Assert.Equal(db.Alice.UserId, Assert.Single(db.Events).SubjectUserId);

        Assert.Equal(4, await db.Notifications.MarkAllReadAsync(db.Alice));
        Assert.Equal(0, await db.Notifications.CountUnreadAsync(db.Alice));
        Assert.Equal(5, (await db.Notifications.ListAsync(db.Alice)).Total);
        Assert.Equal(0, (await db.Notifications.ListAsync(db.Alice, unreadOnly: true)).Total);
    }

    [Theory]
    [InlineData(0, 20, "page number")]
    [InlineData(1, 0, "page size")]
    [InlineData(1, 101, "page size")]
    public async Task Bad_paging_is_refused_with_a_clear_message(int page, int pageSize, string expected)
    {
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => db.Notifications.ListAsync(db.Alice, page, pageSize));
        Assert.Contains(expected, refusal.Message);
    }

    [Fact]
    public async Task Kinds_turned_off_in_the_app_are_neither_listed_nor_counted_and_preferences_are_per_person()
    {
        var defaults = await db.Notifications.GetPreferencesAsync(db.Alice);
        Assert.Equal(new NotificationPreferences(NotificationService.AllKinds, NotificationService.AllKinds, EmailFrequency.Immediately), defaults);

        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.AssignAsync(db.Lead, claimId, db.Bob.UserId!);
        await db.Review.SaveVerdictAsync(db.Bob, claimId, Rating.False, "The record says otherwise.");
        Assert.Equal(2, await db.Notifications.CountUnreadAsync(db.Alice));

        var mine = new NotificationPreferences(NotificationService.AllKinds & ~NotificationKind.Verdict, NotificationKind.Mention, EmailFrequency.DailyDigest);
        await db.Notifications.SavePreferencesAsync(db.Alice, mine);

        Assert.Equal(mine, await db.Notifications.GetPreferencesAsync(db.Alice));
        Assert.Equal(defaults, await db.Notifications.GetPreferencesAsync(db.Bob));
        Assert.Equal(1, await db.Notifications.CountUnreadAsync(db.Alice));
        Assert.Equal(NotificationKind.Assigned, (await db.Notifications.ListAsync(db.Alice)).Items.Single().Kind);

        await Assert.ThrowsAsync<ValidationException>(() => db.Notifications.SavePreferencesAsync(db.Alice, mine with { Frequency = (EmailFrequency)9 }));
        await Assert.ThrowsAsync<ValidationException>(() => db.Notifications.SavePreferencesAsync(db.Alice, mine with { InApp = (NotificationKind)1024 }));
        Assert.Equal(mine, await db.Notifications.GetPreferencesAsync(db.Alice));
    }

    private async Task<int> CountNotificationsAsync()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        return await context.Notifications.CountAsync();
    }
}

internal static class ActorTestExtensions
{
    public static Task<T> Let<T>(this Actor actor, Func<Actor, Task<T>> use) => use(actor);
}

public sealed class NotificationServiceTestsOnSqlite() : NotificationServiceTests(DatabaseProvider.Sqlite);

public sealed class NotificationServiceTestsOnPostgres() : NotificationServiceTests(DatabaseProvider.Postgres);
