using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Core.Notifications;
using FactCheck.Core.Persistence;
using FactCheck.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactCheck.Web.Notifications;

/// <summary>Notifications:Mail:* settings.</summary>
public sealed class NotificationMailOptions
{
    /// <summary>The hour of the day (0–23, UTC) the daily digest goes out.</summary>
    public int DigestHourUtc { get; set; } = 7;

    /// <summary>How often the outbox is looked at for immediate mail.</summary>
    public double PollSeconds { get; set; } = 15;

    /// <summary>Attempts at one immediate mail before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Notifications older than this get no mail (e.g. when SMTP is configured on an old workspace).</summary>
    public double MaxAgeHours { get; set; } = 48;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(Math.Max(0.05, PollSeconds));
}

/// <summary>
/// Works off the notification outbox (the <see cref="Notification"/> rows themselves): decides each
/// new notification's mail from its recipient's current preferences, sends immediate ones through
/// the app's one SMTP sender, retries failures with backoff, and sends each digest user one mail a
/// day. Never called on a save path; the hosted <see cref="NotificationMailService"/> runs it.
/// Each row is claimed with a conditional UPDATE before it is sent, so two instances never send it twice.
/// </summary>
public sealed class NotificationMailer(
    IDbContextFactory<FactCheckDbContext> dbFactory,
    SmtpEmailSender sender,
    IOptions<NotificationMailOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<NotificationMailer> logger)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private sealed record Recipient(string Id, string? Email, string Name, NotificationKind EmailOff, EmailFrequency Frequency);

    /// <summary>One round of the outbox: new notifications are sent, kept for the digest or skipped; due retries are sent. Returns how many mails went out.</summary>
    public async Task<int> SendImmediateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailState == NotificationEmailState.Pending && (n.NextEmailAttemptAt == null || n.NextEmailAttemptAt <= now))
            .OrderBy(n => n.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0) return 0;
        var recipients = await RecipientsAsync(db, due.Select(n => n.UserId), cancellationToken);
        var sent = 0;
        foreach (var notification in due)
        {
            var recipient = recipients.GetValueOrDefault(notification.UserId);
            var decision = Decide(notification, recipient, now);
            if (decision != NotificationEmailState.Sent)
            {
                await db.Notifications.Where(n => n.Id == notification.Id && n.EmailState == NotificationEmailState.Pending)
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailState, decision), cancellationToken);
                continue;
            }
            // The claim: push the next attempt past this one, only if nobody else did first.
            var claimed = await db.Notifications
                .Where(n => n.Id == notification.Id && n.EmailState == NotificationEmailState.Pending && (n.NextEmailAttemptAt == null || n.NextEmailAttemptAt <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.NextEmailAttemptAt, now + Lease), cancellationToken);
            if (claimed == 0) continue;
            if (await SendImmediateAsync(db, notification, recipient!, cancellationToken)) sent++;
        }
        return sent;
    }

    /// <summary>
    /// The daily digest: one mail per person with their notifications kept for it (and any still
    /// undecided), oldest first. Called by the hosted service at the digest hour, and by tests directly.
    /// </summary>
    public async Task<int> SendDigestAsync(CancellationToken cancellationToken)
    {
        // Classify what arrived since the last round, so nothing waiting is left out of today's digest.
        await SendImmediateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailState == NotificationEmailState.AwaitingDigest && n.CreatedAt <= now)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var recipients = await RecipientsAsync(db, waiting.Select(n => n.UserId), cancellationToken);
        var sent = 0;
        foreach (var group in waiting.GroupBy(n => n.UserId))
        {
            var recipient = recipients.GetValueOrDefault(group.Key);
            // Preferences may have changed since: what the person no longer wants by mail is skipped.
            var wanted = group.Where(n => recipient is { Email: not null, Frequency: not EmailFrequency.Never } && (recipient.EmailOff & n.Kind) == 0).ToList();
            var unwanted = group.Except(wanted).Select(n => n.Id).ToList();
            if (unwanted.Count > 0)
                await db.Notifications.Where(n => unwanted.Contains(n.Id) && n.EmailState == NotificationEmailState.AwaitingDigest)
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailState, NotificationEmailState.Skipped), cancellationToken);
            if (wanted.Count == 0) continue;
            var ids = wanted.Select(n => n.Id).ToList();
            // Claimed as sent before sending: another instance's digest round finds nothing left.
            var claimed = await db.Notifications.Where(n => ids.Contains(n.Id) && n.EmailState == NotificationEmailState.AwaitingDigest)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailState, NotificationEmailState.Sent).SetProperty(n => n.EmailedAt, now), cancellationToken);
            if (claimed != ids.Count) continue;
            try
            {
                await sender.SendAsync(recipient!.Email!, Subject(wanted.Count), DigestBody(recipient, wanted), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Digest for {UserId} not sent; kept for the next digest", recipient!.Id);
                var error = Excerpt(ex.Message);
                await db.Notifications.Where(n => ids.Contains(n.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailState, NotificationEmailState.AwaitingDigest)
                        .SetProperty(n => n.EmailedAt, (DateTimeOffset?)null).SetProperty(n => n.EmailError, error), cancellationToken);
            }
        }
        return sent;
    }

    /// <summary>The next digest time after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDigestAt(DateTimeOffset now)
    {
        var hour = Math.Clamp(options.Value.DigestHourUtc, 0, 23);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(hour);
        return today > now ? today : today.AddDays(1);
    }

    private NotificationEmailState Decide(Notification notification, Recipient? recipient, DateTimeOffset now)
    {
        if (recipient?.Email is null || recipient.Frequency == EmailFrequency.Never || (recipient.EmailOff & notification.Kind) != 0)
            return NotificationEmailState.Skipped;
        if (notification.CreatedAt < now - TimeSpan.FromHours(options.Value.MaxAgeHours)) return NotificationEmailState.Skipped;
        return recipient.Frequency == EmailFrequency.DailyDigest ? NotificationEmailState.AwaitingDigest : NotificationEmailState.Sent;
    }

    private async Task<bool> SendImmediateAsync(FactCheckDbContext db, Notification notification, Recipient recipient, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(recipient.Email!, $"FactCheck: {Notify.Excerpt(notification.Text, 90)}", ImmediateBody(recipient, notification), cancellationToken);
            var sentAt = clock.GetUtcNow();
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.EmailState, NotificationEmailState.Sent).SetProperty(n => n.EmailedAt, sentAt)
                .SetProperty(n => n.EmailAttempts, n => n.EmailAttempts + 1).SetProperty(n => n.NextEmailAttemptAt, (DateTimeOffset?)null), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attempts = notification.EmailAttempts + 1;
            var failed = attempts >= options.Value.MaxAttempts;
            logger.LogWarning(ex, "Notification mail {Id} to {UserId} failed (attempt {Attempt}){Final}", notification.Id, recipient.Id, attempts, failed ? "; giving up" : "");
            var next = failed ? (DateTimeOffset?)null : clock.GetUtcNow() + Backoff[Math.Min(attempts - 1, Backoff.Length - 1)];
            var error = Excerpt(ex.Message);
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.EmailAttempts, attempts).SetProperty(n => n.NextEmailAttemptAt, next).SetProperty(n => n.EmailError, error)
                .SetProperty(n => n.EmailState, failed ? NotificationEmailState.Failed : NotificationEmailState.Pending), CancellationToken.None);
            return false;
        }
    }

    private static async Task<Dictionary<string, Recipient>> RecipientsAsync(FactCheckDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, u.DisplayName == "" ? u.Email ?? "" : u.DisplayName, u.NotificationsByEmailOff, u.EmailFrequency))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
    }

    private string Url(string link) => (configuration[WebSecurity.BaseUrlSetting]?.TrimEnd('/') ?? "") + link;

    private string Footer => $"\nChoose what reaches you by e-mail: {Url("/notifications/preferences")} (readers: {Url("/my/notifications")})\n";

    private string ImmediateBody(Recipient recipient, Notification n) =>
        $"Hello {recipient.Name},\n\n{n.Text}\n\nOpen it: {Url(n.Link)}\n{Footer}";

    private static string Subject(int count) => count == 1 ? "FactCheck: your daily digest (1 notification)" : $"FactCheck: your daily digest ({count} notifications)";

    private string DigestBody(Recipient recipient, IReadOnlyList<Notification> notifications)
    {
        var body = new StringBuilder($"Hello {recipient.Name},\n\nhere is what happened since your last digest:\n\n");
        foreach (var n in notifications)
            body.Append($"- {NotificationService.Label(n.Kind)}: {n.Text}\n  {Url(n.Link)}\n");
        body.Append(Footer);
        return body.ToString();
    }

    private static string Excerpt(string message) => message.Length <= 500 ? message : message[..500];
}

/// <summary>
/// Runs the mailer while the app runs (only when SMTP is configured): the outbox every
/// <see cref="NotificationMailOptions.PollSeconds"/>, and the digest once a day at its hour.
/// </summary>
public sealed class NotificationMailService(NotificationMailer mailer, IOptions<NotificationMailOptions> options, TimeProvider clock, ILogger<NotificationMailService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextDigest = mailer.NextDigestAt(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await mailer.SendImmediateAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextDigest)
                {
                    await mailer.SendDigestAsync(stoppingToken);
                    nextDigest = mailer.NextDigestAt(clock.GetUtcNow());
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Notification mail round failed; retrying on the next round");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
