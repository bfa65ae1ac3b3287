using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Notifications;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.Security;
using FactCheck.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

/// <summary>
/// Every change a reviewer or lead makes to a claim. Each call checks the actor against the record,
/// applies the workflow rule, writes the change and its audit entry in one save, then publishes
/// one review event.
/// </summary>
public sealed class ReviewService(IDbContextFactory<FactCheckDbContext> dbFactory, IReviewEventBus eventBus, TimeProvider clock)
{
    /// <summary>How often a save is retried when only the claim's derived status raced with another save.</summary>
    private const int MaxAttempts = 4;

    public Task AssignAsync(Actor actor, int claimId, string reviewerId, DateTimeOffset? dueAt = null, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, async (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may assign claims.");
            var reviewer = await FindReviewerAsync(db, reviewerId, dueAt, now, cancellationToken);
            return Assign(db, actor, claim, reviewer, dueAt, now);
        });

    /// <summary>The reviewer to assign, checked once for a single or a bulk assignment.</summary>
    private static async Task<ApplicationUser> FindReviewerAsync(FactCheckDbContext db, string reviewerId, DateTimeOffset? dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dueAt is { } due && due < now.AddMinutes(-1))
            throw new ValidationException("The due date is in the past: pick a date from today on.");
        var reviewer = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == reviewerId, cancellationToken)
            ?? throw new ValidationException("That reviewer does not exist.");
        var isReviewer = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                where ur.UserId == reviewerId && r.Name == Roles.Reviewer select ur).AnyAsync(cancellationToken);
        if (!isReviewer) throw new ValidationException($"{reviewer.Name} is not a reviewer and cannot be assigned claims.");
        return reviewer;
    }

    private static ReviewEvent Assign(FactCheckDbContext db, Actor actor, Claim claim, ApplicationUser reviewer, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        ClaimWorkflow.EnsureCanAssign(claim);
        if (claim.ActiveAssignments.Any(a => a.ReviewerId == reviewer.Id))
            throw new ValidationException($"{reviewer.Name} is already assigned to this claim.");
        var before = claim.Status;
        claim.Assignments.Add(new Assignment { ReviewerId = reviewer.Id, AssignedById = actor.RequireUserId(), AssignedAt = now, DueAt = dueAt });
        if (dueAt is not null && (claim.DueAt is null || dueAt < claim.DueAt)) claim.DueAt = dueAt;
        ClaimWorkflow.AfterAssignmentsChanged(claim);
        Audit.Record(db, actor, now, "Assigned", nameof(Claim), claim.Id, claim.Id,
            new { Status = before }, new { Reviewer = reviewer.Name, ReviewerId = reviewer.Id, DueAt = dueAt, claim.Status });
        Notify.Add(db, actor, now, reviewer.Id, NotificationKind.Assigned, $"{actor.Name} assigned you {Notify.ClaimLabel(claim)}", Notify.ClaimLink(claim.Id), claim.Id);
        return Event(ReviewEventTypes.Assigned, claim, actor, now, ("reviewerId", reviewer.Id), ("reviewer", reviewer.Name), ("status", claim.Status.ToString()));
    }

    /// <summary>
    /// Applies one lead action to many claims, all or nothing: every claim is checked first, and if
    /// any may not take the action the whole request is refused with the reason for each such
    /// claim; otherwise all changes and their audit rows are saved together.
    /// </summary>
    public async Task BulkAsync(Actor actor, IReadOnlyCollection<int> claimIds, BulkAction action, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may change claims in bulk.");
        var ids = claimIds.Distinct().ToList();
        if (ids.Count == 0) throw new ValidationException("Select at least one claim.");
        if (ids.Count > MaxBulk) throw new ValidationException($"At most {MaxBulk} claims at once; you selected {ids.Count:N0}.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claims = await db.Claims.AsSplitQuery().Include(c => c.Assignments).Include(c => c.Verdicts)
            .Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var missing = ids.Except(claims.Select(c => c.Id)).ToList();
        if (missing.Count > 0) throw new ValidationException($"No such claim: {string.Join(", ", missing.Select(id => $"#{id}"))}.");

        var now = clock.GetUtcNow();
        var reviewer = action is BulkAction.Assign assign ? await FindReviewerAsync(db, assign.ReviewerId, assign.DueAt, now, cancellationToken) : null;
        var reason = action is BulkAction.Dismiss dismiss ? InputRules.Required(dismiss.Reason, "Reason for dismissing", 500) : null;
        var tags = action is BulkAction.AddTags add ? ClaimTags.Parse(add.Tags) : null;
        if (action is BulkAction.SetDueDate { DueAt: { } dueDate } && dueDate < now.AddMinutes(-1))
            throw new ValidationException("The due date is in the past: pick a date from today on.");
        if (action is BulkAction.SetPriority { Priority: var priority } && !Enum.IsDefined(priority))
            throw new ValidationException("Choose a priority.");

        var announcements = new List<ReviewEvent>();
        var refusals = new List<string>();
        foreach (var claim in claims.OrderBy(c => c.Id))
        {
            try
            {
                announcements.Add(action switch
                {
                    BulkAction.Assign a => Assign(db, actor, claim, reviewer!, a.DueAt, now),
                    BulkAction.Dismiss => DismissClaim(db, actor, claim, reason!, now),
                    BulkAction.SetPriority p => SetField(db, actor, claim, now, "PrioritySet", new { claim.Priority }, () => claim.Priority = p.Priority, new { p.Priority }),
                    BulkAction.SetDueDate d => SetField(db, actor, claim, now, "DueDateSet", new { claim.DueAt }, () => claim.DueAt = d.DueAt, new { d.DueAt }),
                    BulkAction.AddTags => SetField(db, actor, claim, now, "TagsAdded", new { claim.Tags },
                        () => claim.Tags = ClaimTags.Join(ClaimTags.Parse(ClaimTags.Split(claim.Tags).Concat(tags!))), new { Tags = tags }),
                    _ => throw new ValidationException("Unknown bulk action."),
                });
                claim.UpdatedAt = now;
            }
            catch (Exception ex) when (ex is WorkflowException or ValidationException)
            {
                refusals.Add($"#{claim.Id}: {ex.Message}");
            }
        }
        if (refusals.Count > 0)
            throw new ValidationException($"Nothing was changed. {refusals.Count} of {claims.Count} claims cannot take this action — {string.Join(" ", refusals)}");
        var notified = Notify.PendingRecipients(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Some of these claims were changed by someone else at the same moment; nothing was saved. Reload and try again.");
        }
        foreach (var reviewEvent in announcements) await eventBus.PublishAsync(reviewEvent, cancellationToken);
        await Notify.AnnounceAsync(eventBus, notified, actor.Name, now, cancellationToken);
    }

    /// <summary>
    /// The people who follow a claim: its active assignees and the leads who assigned them. They hear
    /// about verdicts on it (the actor never hears about their own).
    /// </summary>
    private static void NotifyFollowers(FactCheckDbContext db, Actor actor, Claim claim, DateTimeOffset now, string text)
    {
        foreach (var assignment in claim.ActiveAssignments)
        {
            Notify.Add(db, actor, now, assignment.ReviewerId, NotificationKind.Verdict, text, Notify.ClaimLink(claim.Id), claim.Id);
            Notify.Add(db, actor, now, assignment.AssignedById, NotificationKind.Verdict, text, Notify.ClaimLink(claim.Id), claim.Id);
        }
    }

    public const int MaxBulk = 200;

    private static ReviewEvent SetField(FactCheckDbContext db, Actor actor, Claim claim, DateTimeOffset now, string auditAction, object before, Action change, object after)
    {
        if (!ClaimWorkflow.CanEdit(claim)) throw new WorkflowException($"A claim that is {claim.Status.Label()} cannot be changed.");
        change();
        Audit.Record(db, actor, now, auditAction, nameof(Claim), claim.Id, claim.Id, before, after);
        return Event(ReviewEventTypes.ClaimUpdated, claim, actor, now);
    }

    public Task SelfAssignAsync(Actor actor, int claimId, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, async (db, claim, now) =>
        {
            var allowed = await db.SiteSettings.AsNoTracking().Where(s => s.Id == SiteSettings.SingletonId)
                .Select(s => s.ReviewersMaySelfAssign).FirstOrDefaultAsync(cancellationToken);
            if (!Permissions.CanSelfAssign(actor, claim, allowed)) throw SelfAssignRefusal(actor, claim, allowed);
            var userId = actor.RequireUserId();
            var before = claim.Status;
            claim.Assignments.Add(new Assignment { ReviewerId = userId, AssignedById = userId, AssignedAt = now });
            ClaimWorkflow.AfterAssignmentsChanged(claim);
            Audit.Record(db, actor, now, "SelfAssigned", nameof(Claim), claim.Id, claim.Id,
                new { Status = before }, new { Reviewer = actor.Name, ReviewerId = userId, claim.Status });
            return Event(ReviewEventTypes.Assigned, claim, actor, now, ("reviewerId", userId), ("reviewer", actor.Name), ("status", claim.Status.ToString()));
        });

    /// <summary>Why <see cref="Permissions.CanSelfAssign"/> said no, in words the reviewer can act on.</summary>
    private static Exception SelfAssignRefusal(Actor actor, Claim claim, bool allowed)
    {
        if (!allowed) return new AccessDeniedException("Self-assignment is turned off: ask a lead to assign you.");
        if (!actor.IsReviewer) return new AccessDeniedException("Only reviewers may claim a claim for themselves.");
        if (Permissions.IsAssigned(actor, claim)) return new ValidationException("You are already assigned to this claim.");
        return new WorkflowException($"Only New or Assigned claims can be claimed; this one is {claim.Status.Label()}.");
    }

    public Task UnassignAsync(Actor actor, int claimId, string reviewerId, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may unassign claims.");
            ClaimWorkflow.EnsureCanAssign(claim);
            var assignment = claim.ActiveAssignments.FirstOrDefault(a => a.ReviewerId == reviewerId)
                ?? throw new ValidationException("That reviewer is not assigned to this claim.");
            var before = claim.Status;
            assignment.RemovedAt = now;
            ClaimWorkflow.AfterAssignmentsChanged(claim);
            Audit.Record(db, actor, now, "Unassigned", nameof(Claim), claim.Id, claim.Id,
                new { ReviewerId = reviewerId, Status = before }, new { claim.Status });
            return Task.FromResult(Event(ReviewEventTypes.Unassigned, claim, actor, now, ("reviewerId", reviewerId), ("status", claim.Status.ToString())));
        });

    /// <summary>
    /// Records or revises the actor's own verdict. <paramref name="expectedVersion"/> is the version of
    /// the verdict the user was editing (null for a first verdict); a stale one is a conflict.
    /// </summary>
    public Task SaveVerdictAsync(Actor actor, int claimId, Rating? rating, string? rationale, Guid? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanRecordVerdict(actor, claim), "Only a reviewer assigned to this claim may record a verdict on it.");
            ClaimWorkflow.EnsureCanReview(claim);
            if (rating is null || !Enum.IsDefined(rating.Value)) throw new ValidationException("Choose a rating for your verdict.");
            var text = InputRules.RequiredMarkdown(rationale, "Rationale", 20000);

            var userId = actor.RequireUserId();
            var verdict = claim.Verdicts.FirstOrDefault(v => v.ReviewerId == userId);
            object? before = null;
            if (verdict is null)
            {
                if (expectedVersion is not null)
                    throw new ConflictException("Your verdict was removed or replaced while you edited it.");
                verdict = new Verdict { ReviewerId = userId, SubmittedAt = now };
                claim.Verdicts.Add(verdict);
            }
            else
            {
                if (expectedVersion is null || verdict.Version != expectedVersion)
                    throw new ConflictException("This verdict was changed since you opened it; your draft was not saved.",
                        $"{verdict.Rating.Label()}: {verdict.Rationale}");
                before = new { verdict.Rating, verdict.Rationale };
            }
            verdict.Rating = rating.Value;
            verdict.Rationale = text;
            verdict.UpdatedAt = now;
            var statusBefore = claim.Status;
            ClaimWorkflow.AfterReviewWork(claim);
            Audit.Record(db, actor, now, before is null ? "VerdictSubmitted" : "VerdictRevised", nameof(Verdict), $"{claim.Id}/{userId}", claim.Id,
                before, new { verdict.Rating, verdict.Rationale, Status = claim.Status, StatusBefore = statusBefore });
            NotifyFollowers(db, actor, claim, now,
                $"{actor.Name} {(before is null ? "recorded" : "revised")} a verdict ({rating.Value.Label()}) on {Notify.ClaimLabel(claim)}");
            return Task.FromResult(Event(ReviewEventTypes.VerdictSaved, claim, actor, now, ("rating", rating.Value.Label()), ("status", claim.Status.ToString())));
        });

    /// <summary>Adds a source; the returned record carries its id once saved.</summary>
    public Task<Source> AddSourceAsync(Actor actor, int claimId, string? url, string? title, SourceStance stance, string? excerpt = null, string? publisher = null, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanContribute(actor, claim), "Only a reviewer assigned to this claim, or a lead, may add sources.");
            ClaimWorkflow.EnsureCanReview(claim);
            if (!Enum.IsDefined(stance)) throw new ValidationException("Choose whether the source supports, refutes or gives context.");
            var source = new Source
            {
                Url = InputRules.HttpUrl(url, "Source URL"),
                Title = InputRules.RequiredTitle(title, "Source title", 300),
                Excerpt = InputRules.Optional(excerpt, "Excerpt", 2000),
                Publisher = InputRules.Optional(publisher, "Publisher", 200),
                Stance = stance,
                AddedById = actor.RequireUserId(),
                AddedAt = now,
            };
            claim.Sources.Add(source);
            ClaimWorkflow.AfterReviewWork(claim);
            Audit.Record(db, actor, now, "SourceAdded", nameof(Source), claim.Id, claim.Id, null,
                new { source.Url, source.Title, source.Stance, source.Excerpt, claim.Status });
            return Task.FromResult((Event(ReviewEventTypes.SourceAdded, claim, actor, now, ("title", source.Title), ("stance", stance.ToString()), ("status", claim.Status.ToString())), source));
        });

    /// <summary>Adds a comment; the returned record carries its id once saved.</summary>
    public Task<Comment> AddCommentAsync(Actor actor, int claimId, string? body, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, async (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanContribute(actor, claim), "Only a reviewer assigned to this claim, or a lead, may comment.");
            var comment = new Comment { Body = InputRules.RequiredMarkdown(body, "Comment", 10000), AuthorId = actor.RequireUserId(), CreatedAt = now };
            claim.Comments.Add(comment);
            Audit.Record(db, actor, now, "CommentAdded", nameof(Comment), claim.Id, claim.Id, null, new { comment.Body });
            foreach (var member in await Mentions.FindAsync(db, comment.Body, cancellationToken))
                Notify.Add(db, actor, now, member.Id, NotificationKind.Mention,
                    $"{actor.Name} mentioned you on {Notify.ClaimLabel(claim)}: {Notify.Excerpt(comment.Body, 120)}", Notify.ClaimLink(claim.Id), claim.Id);
            return (Event(ReviewEventTypes.CommentAdded, claim, actor, now), comment);
        });

    public Task DismissAsync(Actor actor, int claimId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may dismiss claims.");
            return Task.FromResult(DismissClaim(db, actor, claim, InputRules.Required(reason, "Reason for dismissing", 500), now));
        });

    private static ReviewEvent DismissClaim(FactCheckDbContext db, Actor actor, Claim claim, string reason, DateTimeOffset now)
    {
        var before = claim.Status;
        ClaimWorkflow.Dismiss(claim, reason);
        Audit.Record(db, actor, now, "Dismissed", nameof(Claim), claim.Id, claim.Id, new { Status = before }, new { claim.Status, Reason = reason });
        return Event(ReviewEventTypes.StatusChanged, claim, actor, now, ("status", claim.Status.ToString()));
    }

    /// <summary>A lead confirms an extracted claim as worth checking.</summary>
    public Task AcceptAsync(Actor actor, int claimId, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may accept claims.");
            if (!ClaimWorkflow.CanEdit(claim)) throw new WorkflowException($"A claim that is {claim.Status.Label()} cannot be accepted.");
            if (claim.AcceptedAt is not null) throw new ValidationException("This claim is already accepted.");
            claim.AcceptedAt = now;
            Audit.Record(db, actor, now, "Accepted", nameof(Claim), claim.Id, claim.Id, null, new { AcceptedAt = now });
            return Task.FromResult(Event(ReviewEventTypes.ClaimUpdated, claim, actor, now, ("accepted", "true")));
        });

    /// <summary>
    /// A lead rewords a claim or corrects its attribution or kind. <paramref name="expectedVersion"/>
    /// is the claim version the lead was editing; a stale one is a conflict. The span in the
    /// document does not move: the claim still points at the passage it came from. A given
    /// <paramref name="claimantType"/> says whether the claimant is a Person or an Organization; null
    /// keeps it. One save, one audit row.
    /// </summary>
    public Task EditClaimAsync(Actor actor, int claimId, string? text, string? attribution, FactCheck.Extraction.ClaimKind kind, Guid expectedVersion, ClaimantType? claimantType = null, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, async (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may edit claims.");
            if (!ClaimWorkflow.CanEdit(claim)) throw new WorkflowException($"A claim that is {claim.Status.Label()} cannot be edited.");
            if (claim.Version != expectedVersion)
                throw new ConflictException("This claim was changed since you opened it; your edit was not saved.", $"{claim.Text} — {claim.Attribution}");
            if (!Enum.IsDefined(kind)) throw new ValidationException("Choose the kind of claim.");
            if (claimantType is { } type && !Enum.IsDefined(type)) throw new ValidationException("The claimant is a Person or an Organization (or Inferred from the attribution).");
            var before = new { claim.Text, claim.Attribution, claim.ClaimantType, claim.Kind };
            claim.Text = InputRules.Required(text, "Claim text", 2000);
            claim.Attribution = InputRules.Optional(attribution, "Attribution", 300);
            claim.ClaimantType = claimantType ?? claim.ClaimantType;
            claim.Kind = kind;
            if (claim.Text != before.Text)
            {
                // Reworded figures are what the cross-check compares: the stored quantities follow the new text.
                // Removed through the context, so the old rows go in the same save as the new text.
                db.ClaimQuantities.RemoveRange(await db.ClaimQuantities.Where(q => q.ClaimId == claim.Id).ToListAsync(cancellationToken));
                db.ClaimQuantities.AddRange(FactCheck.Core.Documents.ClaimMatcher.ToRows(claim, FactCheck.Extraction.QuantityExtractor.Extract(claim.Text)));
            }
            Audit.Record(db, actor, now, "ClaimEdited", nameof(Claim), claim.Id, claim.Id, before, new { claim.Text, claim.Attribution, claim.ClaimantType, claim.Kind });
            return Event(ReviewEventTypes.ClaimUpdated, claim, actor, now);
        });

    /// <summary>
    /// Merges a duplicate into the claim that stays: the duplicate is dismissed with a link to it,
    /// and its sources and comments stay where they were (nothing is deleted).
    /// </summary>
    public Task MergeAsync(Actor actor, int duplicateId, int keepId, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, duplicateId, cancellationToken, async (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may merge claims.");
            if (duplicateId == keepId) throw new ValidationException("A claim cannot be merged into itself.");
            var keep = await db.Claims.AsNoTracking().Where(c => c.Id == keepId).Select(c => new { c.Id, c.Status }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ValidationException($"Claim #{keepId} does not exist.");
            if (keep.Status == ClaimStatus.Dismissed) throw new ValidationException($"Claim #{keepId} is dismissed; merge into a live claim.");
            var before = claim.Status;
            ClaimWorkflow.Dismiss(claim, $"Duplicate of #{keepId}");
            claim.DuplicateOfId = keepId;
            Audit.Record(db, actor, now, "Merged", nameof(Claim), claim.Id, claim.Id, new { Status = before }, new { claim.Status, DuplicateOfId = keepId });
            return Event(ReviewEventTypes.StatusChanged, claim, actor, now, ("status", claim.Status.ToString()), ("duplicateOf", keepId.ToString()));
        });

    /// <summary>
    /// Publishes the lead's final verdict. The first publication is version 1; after a reopen, the
    /// next publication is a correction (a new version with its note) and the old ones stay visible.
    /// </summary>
    public Task<Publication> PublishAsync(Actor actor, int claimId, Rating? rating, string? summary, string? correctionNote = null, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, async (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanPublish(actor), "Only leads and admins may publish verdicts.");
            ClaimWorkflow.EnsureCanPublish(claim);
            if (rating is null || !Enum.IsDefined(rating.Value)) throw new ValidationException("Choose the final rating.");
            var text = InputRules.RequiredMarkdown(summary, "Summary", 5000);
            var previous = await db.Publications.Where(p => p.ClaimId == claim.Id).OrderByDescending(p => p.VersionNumber).ToListAsync(cancellationToken);
            var note = InputRules.OptionalMarkdown(correctionNote, "Correction note", 2000);
            if (previous.Count > 0 && note is null)
                throw new ValidationException("This claim was published before: say what the correction changes.");
            foreach (var p in previous) p.IsCurrent = false;
            var publication = new Publication
            {
                ClaimId = claim.Id,
                Slug = previous.FirstOrDefault()?.Slug ?? Slug(claim),
                VersionNumber = previous.Count + 1,
                Rating = rating.Value,
                Summary = text,
                CorrectionNote = previous.Count > 0 ? note : null,
                PublishedById = actor.RequireUserId(),
                PublishedAt = now,
                IsCurrent = true,
            };
            PublicationSnapshot.Capture(publication, claim, await db.Sources.Where(s => s.ClaimId == claim.Id).ToListAsync(cancellationToken));
            db.Publications.Add(publication);
            var before = claim.Status;
            ClaimWorkflow.MarkPublished(claim);
            Audit.Record(db, actor, now, previous.Count > 0 ? "Corrected" : "Published", nameof(Publication), $"{claim.Id}/v{publication.VersionNumber}", claim.Id,
                new { Status = before }, new { publication.Slug, publication.VersionNumber, publication.Rating, publication.Summary, publication.CorrectionNote });
            NotifyFollowers(db, actor, claim, now, previous.Count > 0
                ? $"{actor.Name} published a correction ({publication.Rating.Label()}, version {publication.VersionNumber}) of {Notify.ClaimLabel(claim)}"
                : $"{actor.Name} published the verdict {publication.Rating.Label()} on {Notify.ClaimLabel(claim)}");
            return (Event(ReviewEventTypes.Published, claim, actor, now, ("slug", publication.Slug), ("rating", publication.Rating.Label()), ("version", publication.VersionNumber.ToString())), publication);
        });

    public Task ReopenAsync(Actor actor, int claimId, CancellationToken cancellationToken = default) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, (db, claim, now) =>
        {
            Permissions.Demand(Permissions.CanPublish(actor), "Only leads and admins may reopen a published claim.");
            ClaimWorkflow.Reopen(claim);
            Audit.Record(db, actor, now, "Reopened", nameof(Claim), claim.Id, claim.Id, new { Status = ClaimStatus.Published }, new { claim.Status });
            return Task.FromResult(Event(ReviewEventTypes.Reopened, claim, actor, now, ("status", claim.Status.ToString())));
        });

    private Task ChangeClaimAsync(Actor actor, int claimId, CancellationToken cancellationToken,
        Func<FactCheckDbContext, Claim, DateTimeOffset, Task<ReviewEvent>> change) =>
        ChangeClaimAsync(actor, claimId, cancellationToken, async (db, claim, now) => (await change(db, claim, now), true));

    /// <summary>
    /// Loads the claim fresh in a short-lived context, applies the change and saves it with its audit
    /// entry. When another save changed the claim in between (its version token moved), the whole
    /// change is re-run on fresh data, so the rules are checked again against what is now stored;
    /// a stale edit of the user's own record surfaces as a <see cref="ConflictException"/> from the change itself.
    /// </summary>
    private async Task<T> ChangeClaimAsync<T>(Actor actor, int claimId, CancellationToken cancellationToken,
        Func<FactCheckDbContext, Claim, DateTimeOffset, Task<(ReviewEvent Event, T Result)>> change)
    {
        Permissions.DemandWorkspace(actor);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var claim = await db.Claims.AsSplitQuery()
                .Include(c => c.Assignments)
                .Include(c => c.Verdicts)
                .FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
            if (claim is null) throw new NotFoundException($"Claim #{claimId} does not exist.");
            var now = clock.GetUtcNow();
            var (reviewEvent, result) = await change(db, claim, now);
            claim.UpdatedAt = now;
            // Touching the claim moves its version token, so concurrent changes to one claim serialize.
            db.Entry(claim).State = EntityState.Modified;
            var notified = Notify.PendingRecipients(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException("Someone else changed this claim at the same moment; your change was not saved. Reload and try again.");
            }
            await eventBus.PublishAsync(reviewEvent, cancellationToken);
            await Notify.AnnounceAsync(eventBus, notified, actor.Name, now, cancellationToken);
            return result;
        }
    }

    private static ReviewEvent Event(string type, Claim claim, Actor actor, DateTimeOffset now, params (string Key, string Value)[] data) =>
        new(type, claim.Id, claim.DocumentId, actor.Name, now, data.ToDictionary(d => d.Key, d => d.Value));

    /// <summary>A readable, stable URL slug: the claim's first words and its id, which keeps it unique.</summary>
    internal static string Slug(Claim claim)
    {
        var builder = new StringBuilder();
        foreach (var c in claim.Text.Normalize(NormalizationForm.FormKD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or '/') && builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= 60) break;
        }
        var words = builder.ToString().Trim('-');
        return words.Length == 0 ? $"claim-{claim.Id}" : $"{words}-{claim.Id}";
    }
}
