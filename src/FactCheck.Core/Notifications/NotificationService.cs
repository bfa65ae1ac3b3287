using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Notifications;

public sealed record NotificationItem(long Id, NotificationKind Kind, string Text, string Link, int? ClaimId, string ActorName, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Total, int Unread);

/// <summary>Which kinds a person wants in the app and by e-mail, and how often mail goes out.</summary>
public sealed record NotificationPreferences(NotificationKind InApp, NotificationKind ByEmail, EmailFrequency Frequency);

/// <summary>
/// A person's own notifications: the list, the unread count, marking read, and their preferences.
/// Every call is for the signed-in actor only; another person's notification is "not found".
/// </summary>
public sealed class NotificationService(IDbContextFactory<FactCheckDbContext> dbFactory, IReviewEventBus eventBus, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public static readonly NotificationKind AllKinds = Enum.GetValues<NotificationKind>().Aggregate(NotificationKind.None, (all, kind) => all | kind);

    /// <summary>The kinds, one by one, in the order the preferences page lists them.</summary>
    public static IReadOnlyList<NotificationKind> Kinds { get; } = Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.None).ToList();

    public static string Label(NotificationKind kind) => kind switch
    {
        NotificationKind.Assigned => "Assigned to you",
        NotificationKind.Verdict => "Verdicts on your claims",
        NotificationKind.Mention => "Mentions of you",
        NotificationKind.RequestAnswered => "Answers to your requests",
        NotificationKind.CorrectionRequested => "Correction requests (leads)",
        _ => kind.ToString(),
    };

    /// <summary>The actor's notifications newest first, those of kinds they turned off in the app left out.</summary>
    public async Task<NotificationPage> ListAsync(Actor actor, int page = 1, int pageSize = 20, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        if (page < 1) throw new ValidationException("The page number starts at 1.");
        if (pageSize is < 1 or > MaxPageSize) throw new ValidationException($"The page size must be between 1 and {MaxPageSize}.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shown = await ShownAsync(db, userId, cancellationToken);
        var query = shown;
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        var total = await query.CountAsync(cancellationToken);
        var unread = unreadOnly ? total : await shown.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Text, n.Link, n.ClaimId, n.ActorName, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new NotificationPage(items, total, unread);
    }

    /// <summary>The bell's number: one COUNT over the (UserId, ReadAt) index.</summary>
    public async Task<int> CountUnreadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } userId) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (await ShownAsync(db, userId, cancellationToken)).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    public async Task MarkReadAsync(Actor actor, long notificationId, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Someone else's notification is indistinguishable from a missing one.
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, cancellationToken)
            ?? throw new NotFoundException($"Notification #{notificationId} does not exist.");
        if (notification.ReadAt is not null) return;
        var now = clock.GetUtcNow();
        notification.ReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await eventBus.PublishAsync(Notify.Changed(userId, actor.Name, now), cancellationToken);
    }

    /// <summary>Marks every unread notification of the actor read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var changed = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (changed > 0) await eventBus.PublishAsync(Notify.Changed(userId, actor.Name, now), cancellationToken);
        return changed;
    }

    public async Task<NotificationPreferences> GetPreferencesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.NotificationsInAppOff, u.NotificationsByEmailOff, u.EmailFrequency }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Your account does not exist any more.");
        return new NotificationPreferences(AllKinds & ~user.NotificationsInAppOff, AllKinds & ~user.NotificationsByEmailOff, user.EmailFrequency);
    }

    public async Task SavePreferencesAsync(Actor actor, NotificationPreferences preferences, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        if ((preferences.InApp & ~AllKinds) != 0 || (preferences.ByEmail & ~AllKinds) != 0)
            throw new ValidationException("Unknown notification kind.");
        if (!Enum.IsDefined(preferences.Frequency)) throw new ValidationException("Choose how often e-mail goes out: immediately, a daily digest, or never.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new NotFoundException("Your account does not exist any more.");
        user.NotificationsInAppOff = AllKinds & ~preferences.InApp;
        user.NotificationsByEmailOff = AllKinds & ~preferences.ByEmail;
        user.EmailFrequency = preferences.Frequency;
        await db.SaveChangesAsync(cancellationToken);
        await eventBus.PublishAsync(Notify.Changed(userId, actor.Name, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>The person's notifications of the kinds they show in the app.</summary>
    private static async Task<IQueryable<Notification>> ShownAsync(FactCheckDbContext db, string userId, CancellationToken cancellationToken)
    {
        var off = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.NotificationsInAppOff).FirstOrDefaultAsync(cancellationToken);
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (off == NotificationKind.None) return query;
        var shown = Kinds.Where(k => (off & k) == 0).ToList();
        return query.Where(n => shown.Contains(n.Kind));
    }
}
