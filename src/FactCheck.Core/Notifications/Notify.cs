using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Notifications;

/// <summary>
/// Adds notifications to the same unit of work as the change that causes them (like <see cref="Common.Audit"/>),
/// so a notification exists exactly when its change was stored. Whether it shows in the app or goes
/// out by e-mail is decided from the recipient's preferences when it is read or mailed, not here.
/// </summary>
public static class Notify
{
    public const int MaxTextLength = 500;

    public static void Add(FactCheckDbContext db, Actor actor, DateTimeOffset now, string recipientId, NotificationKind kind, string text, string link, int? claimId)
    {
        // Nobody is told about what they did themselves.
        if (recipientId == actor.UserId) return;
        // One notification per person, kind and claim in one save (a verdict names its claim once, not per role of the recipient).
        if (db.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added && e.Entity.UserId == recipientId
                && e.Entity.Kind == kind && e.Entity.ClaimId == claimId && e.Entity.Link == link)) return;
        db.Notifications.Add(new Notification
        {
            UserId = recipientId,
            Kind = kind,
            Text = text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text,
            Link = link,
            ClaimId = claimId,
            ActorName = actor.Name,
            CreatedAt = now,
        });
    }

    /// <summary>Claim #12 "first words of the claim…", for notification lines.</summary>
    public static string ClaimLabel(Claim claim) => $"claim #{claim.Id} “{Excerpt(claim.Text, 80)}”";

    public static string Excerpt(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    public static string ClaimLink(int claimId) => $"/claims/{claimId}";

    /// <summary>Who gets a notification in the pending save: call before saving, announce after.</summary>
    public static IReadOnlyList<string> PendingRecipients(FactCheckDbContext db) =>
        db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.UserId).Distinct().ToList();

    /// <summary>After the save: each recipient's bell recounts (their personal topic only).</summary>
    public static async Task AnnounceAsync(IReviewEventBus bus, IEnumerable<string> recipients, string actorName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var userId in recipients) await bus.PublishAsync(Changed(userId, actorName, now), cancellationToken);
    }

    public static ReviewEvent Changed(string userId, string actorName, DateTimeOffset now) =>
        new(ReviewEventTypes.NotificationsChanged, null, null, actorName, now, new Dictionary<string, string> { [ReviewEvent.UserIdKey] = userId });

    /// <summary>The ids of users in any of <paramref name="roles"/>.</summary>
    public static Task<List<string>> UsersInRolesAsync(FactCheckDbContext db, string[] roles, CancellationToken cancellationToken) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
         where roles.Contains(r.Name!) select ur.UserId).Distinct().ToListAsync(cancellationToken);
}
