using FactCheck.Core.Domain;
using FactCheck.Core.Notifications;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Web.Infrastructure;
using FactCheck.Web.Notifications;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace FactCheck.Web.Tests.Notifications;

/// <summary>
/// Notification mail through the app's MailKit sender to a real local SMTP server (aiosmtpd): the
/// background outbox sends immediate mail, the daily digest is run directly with a set clock, and a
/// mail the server refuses stays in the outbox for a retry. No mock of the sender anywhere.
/// </summary>
public sealed class NotificationMailTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private SmtpServer smtp = default!;
    private FactCheckWebFactory factory = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpServer.StartAsync();
        factory = new FactCheckWebFactory { Settings = smtp.AppSettings(("Notifications:Mail:PollSeconds", "0.2"), ("Notifications:Mail:DigestHourUtc", "6"), ("Site:BaseUrl", "https://desk.example/")) };
        _ = factory.Server;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_assignment_is_mailed_from_the_background_outbox_to_whoever_wants_it_immediately()
    {
        var carol = await AddReviewerAsync("carol");
        var dave = await AddReviewerAsync("dave");
        await SetPreferencesAsync(dave, EmailFrequency.Never);
        var claimId = await NewClaimAsync();
        var lead = await factory.ActorAsync("lead@factcheck.local");
        var review = factory.Services.GetRequiredService<ReviewService>();

        await review.AssignAsync(lead, claimId, carol.UserId!);
        await review.AssignAsync(lead, claimId, dave.UserId!);

        var mail = Assert.Single(await smtp.WaitForMessagesAsync("carol@test.local", 1, Patience));
        Assert.StartsWith($"FactCheck: Lee Lead assigned you claim #{claimId}", mail.Subject);
        Assert.Contains($"https://desk.example/claims/{claimId}", mail.TextBody);
        Assert.Contains("Hello carol,", mail.TextBody);
        await WaitForStateAsync(carol, NotificationEmailState.Sent);
        // Dave said never: his notification is in the app only.
        await WaitForStateAsync(dave, NotificationEmailState.Skipped);
        Assert.DoesNotContain(smtp.Messages, m => m.To.ToString().Contains("dave@test.local"));
    }

    [Fact]
    public async Task The_daily_digest_collects_a_persons_notifications_into_one_mail_at_its_hour_once()
    {
        var erin = await AddReviewerAsync("erin");
        await SetPreferencesAsync(erin, EmailFrequency.DailyDigest);
        var lead = await factory.ActorAsync("lead@factcheck.local");
        var review = factory.Services.GetRequiredService<ReviewService>();
        var first = await NewClaimAsync();
        var second = await NewClaimAsync();
        await review.AssignAsync(lead, first, erin.UserId!);
        await review.AssignAsync(lead, second, erin.UserId!);

        var now = DateTimeOffset.UtcNow;
        var beforeDigest = MailerAt(now.AddMinutes(1));
        var digestTime = beforeDigest.NextDigestAt(now.AddMinutes(1));
        Assert.Equal((6, 0, 0), (digestTime.UtcDateTime.Hour, digestTime.Minute, digestTime.Second));
        Assert.True(digestTime > now && digestTime <= now.AddDays(1).AddMinutes(1));

        // The outbox keeps them for the digest instead of mailing them now (the background service may have got there first).
        await beforeDigest.SendImmediateAsync(CancellationToken.None);
        await WaitForStateAsync(erin, NotificationEmailState.AwaitingDigest, expected: 2);

        var atDigest = MailerAt(digestTime);
        Assert.Equal(1, await atDigest.SendDigestAsync(CancellationToken.None));
        var digest = Assert.Single(await smtp.WaitForMessagesAsync("erin@test.local", 1, Patience));
        Assert.Equal("FactCheck: your daily digest (2 notifications)", digest.Subject);
        Assert.Contains($"https://desk.example/claims/{first}", digest.TextBody);
        Assert.Contains($"https://desk.example/claims/{second}", digest.TextBody);
        Assert.Contains("Assigned to you: Lee Lead assigned you claim", digest.TextBody);
        await WaitForStateAsync(erin, NotificationEmailState.Sent, expected: 2);

        // A second run the same day has nothing left to send.
        Assert.Equal(0, await atDigest.SendDigestAsync(CancellationToken.None));
        Assert.Single(smtp.Messages, m => m.To.ToString().Contains("erin@test.local"));
    }

    [Fact]
    public async Task A_mail_the_server_cannot_take_stays_in_the_outbox_and_is_retried_later()
    {
        var frank = await AddReviewerAsync("frank");
        await SetPreferencesAsync(frank, EmailFrequency.DailyDigest); // keeps the background service's hands off it
        var claimId = await NewClaimAsync();
        await factory.Services.GetRequiredService<ReviewService>().AssignAsync(await factory.ActorAsync("lead@factcheck.local"), claimId, frank.UserId!);
        await WaitForStateAsync(frank, NotificationEmailState.AwaitingDigest);
        await SetPreferencesAsync(frank, EmailFrequency.Immediately);
        await using (var db = await DbAsync())
            await db.Notifications.Where(n => n.UserId == frank.UserId).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailState, NotificationEmailState.Pending)
                .SetProperty(n => n.NextEmailAttemptAt, DateTimeOffset.UtcNow.AddHours(1)));

        var now = DateTimeOffset.UtcNow.AddHours(2);
        var closedPort = FreeClosedPort();
        var unreachable = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = closedPort, Security = SecureSocketOptions.None }),
            factory.Services.GetRequiredService<ILogger<SmtpEmailSender>>());
        var mailer = ActivatorUtilities.CreateInstance<NotificationMailer>(factory.Services, unreachable, (TimeProvider)new SetClock(now));

        Assert.Equal(0, await mailer.SendImmediateAsync(CancellationToken.None));

        await using (var db = await DbAsync())
        {
            var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == frank.UserId);
            Assert.Equal(NotificationEmailState.Pending, row.EmailState);
            Assert.Equal(1, row.EmailAttempts);
            Assert.NotNull(row.EmailError);
            Assert.True(row.NextEmailAttemptAt > now, "the retry waits for its backoff");
        }
        // The real server takes it on the retry.
        Assert.Equal(1, await MailerAt(now.AddHours(1)).SendImmediateAsync(CancellationToken.None));
        Assert.Single(await smtp.WaitForMessagesAsync("frank@test.local", 1, Patience));
    }

    private NotificationMailer MailerAt(DateTimeOffset now) =>
        ActivatorUtilities.CreateInstance<NotificationMailer>(factory.Services, (TimeProvider)new SetClock(now));

    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private async Task<FactCheckDbContext> DbAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();

    private async Task<Actor> AddReviewerAsync(string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = $"{name}@test.local", Email = $"{name}@test.local", DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Test-pass-1")).Succeeded);
        await users.AddToRoleAsync(user, Roles.Reviewer);
        return await factory.ActorAsync(user.Email);
    }

    private async Task SetPreferencesAsync(Actor actor, EmailFrequency frequency) =>
        await factory.Services.GetRequiredService<NotificationService>().SavePreferencesAsync(actor,
            new NotificationPreferences(NotificationService.AllKinds, NotificationService.AllKinds, frequency));

    private async Task<int> NewClaimAsync()
    {
        var lead = await factory.ActorAsync("lead@factcheck.local");
        var result = await factory.Services.GetRequiredService<FactCheck.Core.Documents.DocumentImportService>().ImportAsync(lead,
            new FactCheck.Core.Documents.ImportRequest("Mail test " + Guid.NewGuid().ToString("N")[..6],
                $"The ministry said 445,581 people were killed in 2024, according to official figures. {Guid.NewGuid():N}"));
        return result.Claims[0].Id;
    }

    private async Task WaitForStateAsync(Actor actor, NotificationEmailState state, int expected = 1)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var db = await DbAsync();
            var states = await db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId).Select(n => n.EmailState).ToListAsync();
            if (states.Count(s => s == state) == expected) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Expected {expected} notifications of {actor.Name} in {state}; they are {string.Join(", ", states)}.");
            await Task.Delay(100);
        }
    }

    private static int FreeClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
