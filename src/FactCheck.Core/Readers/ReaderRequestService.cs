using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Notifications;
using FactCheck.Core.Persistence;
using FactCheck.Core.ScaleOut;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Readers;

public sealed class ReaderRequestOptions
{
    /// <summary>Suggestions one user may send in any hour.</summary>
    public int SuggestionsPerHour { get; set; } = 5;

    /// <summary>Correction requests one user may send in any hour.</summary>
    public int CorrectionRequestsPerHour { get; set; } = 5;
}

public sealed record MySuggestion(int Id, string? Text, string? Url, DateTimeOffset SubmittedAt, RequestStatus Status, string? Answer, DateTimeOffset? AnsweredAt);

public sealed record MyCorrectionRequest(int Id, string Slug, string ClaimText, string Message, DateTimeOffset SubmittedAt, RequestStatus Status, string? Answer, DateTimeOffset? AnsweredAt);

public sealed record MyRequests(IReadOnlyList<MySuggestion> Suggestions, IReadOnlyList<MyCorrectionRequest> CorrectionRequests);

public sealed record InboxSuggestion(int Id, string? Text, string? Url, string SubmittedBy, DateTimeOffset SubmittedAt, RequestStatus Status,
    string? Answer, DateTimeOffset? AnsweredAt, int? DocumentId, Guid Version);

public sealed record InboxCorrectionRequest(int Id, int ClaimId, string Slug, string ClaimText, int VersionNumber, string Reader, string Message,
    DateTimeOffset SubmittedAt, RequestStatus Status, string? Answer, DateTimeOffset? AnsweredAt, Guid Version);

public sealed record Inbox(IReadOnlyList<InboxSuggestion> Suggestions, IReadOnlyList<InboxCorrectionRequest> CorrectionRequests);

/// <summary>
/// What readers send the team (claims to check, correction requests) and the leads' answers.
/// Sending is for signed-in users and rate-limited per user; answering is for leads.
/// </summary>
public sealed class ReaderRequestService(
    IDbContextFactory<FactCheckDbContext> dbFactory,
    DocumentImportService importer,
    TimeProvider clock,
    IOptions<ReaderRequestOptions> options,
    IReviewEventBus events,
    ISlidingWindowRateLimiter? limiter = null)
{
    public const int MaxTextLength = 4000;

    /// <summary>The most requests the inbox shows at once, newest first.</summary>
    public const int InboxLimit = 200;

    /// <summary>
    /// Counting a user's recent requests and storing the new one must not interleave, or a burst of
    /// parallel posts would all pass the count. Within this instance the lock keeps them apart; across
    /// instances the shared sliding window (Redis, when configured) admits at most the limit per hour
    /// atomically. The stored rows stay the durable count (a restart or a flushed Redis forgets nothing).
    /// </summary>
    private readonly SemaphoreSlim _submissions = new(1, 1);

    private readonly ISlidingWindowRateLimiter _limiter = limiter ?? new InMemorySlidingWindowRateLimiter(clock);

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<int> SuggestAsync(Actor actor, string? text, string? url, CancellationToken cancellationToken = default)
    {
        var userId = DemandReader(actor, "Sign in to suggest a claim to check.");
        var claimText = InputRules.Optional(text, "Claim", MaxTextLength);
        var address = InputRules.HttpUrl(url, "Web address", required: false);
        if (claimText is null && address.Length == 0)
            throw new ValidationException("Write the claim you want checked, or give the web address where you saw it.");

        await _submissions.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var recent = await db.Suggestions.AsNoTracking().Where(s => s.SubmittedById == userId && s.SubmittedAt > now.AddHours(-1))
                .Select(s => s.SubmittedAt).ToListAsync(cancellationToken);
            EnsureUnderLimit(recent, options.Value.SuggestionsPerHour, "suggestions", now);
            return await WithinSharedLimitAsync($"readers:suggestions:{userId}", options.Value.SuggestionsPerHour, "suggestions", now, async () =>
            {
                var suggestion = new Suggestion { Text = claimText, Url = address.Length == 0 ? null : address, SubmittedById = userId, SubmittedAt = now };
                // The audit row needs the suggestion's id, so both saves share one transaction.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Suggestions.Add(suggestion);
                await db.SaveChangesAsync(cancellationToken);
                Audit.Record(db, actor, now, "SuggestionSent", nameof(Suggestion), suggestion.Id, null, after: new { suggestion.Text, suggestion.Url });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return suggestion.Id;
            }, cancellationToken);
        }
        finally
        {
            _submissions.Release();
        }
    }

    /// <summary>A reader asks for a correction of the verdict published at <paramref name="slug"/>.</summary>
    public async Task<int> RequestCorrectionAsync(Actor actor, string slug, string? message, CancellationToken cancellationToken = default)
    {
        var userId = DemandReader(actor, "Sign in to ask for a correction.");
        var text = InputRules.Required(message, "Your message", MaxTextLength);

        await _submissions.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Only what readers can see may be asked about: the current version of a verdict that is public now.
            var publication = await db.Publications.AsNoTracking()
                .Where(p => p.Slug == slug && p.IsCurrent && p.Claim!.Status != ClaimStatus.Dismissed)
                .Select(p => new { p.ClaimId, p.Slug, p.VersionNumber }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ValidationException("There is no published verdict at this address.");
            var now = clock.GetUtcNow();
            var recent = await db.CorrectionRequests.AsNoTracking().Where(r => r.ReaderId == userId && r.SubmittedAt > now.AddHours(-1))
                .Select(r => r.SubmittedAt).ToListAsync(cancellationToken);
            EnsureUnderLimit(recent, options.Value.CorrectionRequestsPerHour, "correction requests", now);
            return await WithinSharedLimitAsync($"readers:corrections:{userId}", options.Value.CorrectionRequestsPerHour, "correction requests", now, async () =>
            {
                var request = new CorrectionRequest
                {
                    ClaimId = publication.ClaimId, Slug = publication.Slug, VersionNumber = publication.VersionNumber,
                    ReaderId = userId, Message = text, SubmittedAt = now,
                };
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.CorrectionRequests.Add(request);
                await db.SaveChangesAsync(cancellationToken);
                Audit.Record(db, actor, now, "CorrectionRequested", nameof(CorrectionRequest), request.Id, request.ClaimId,
                    after: new { request.Slug, request.VersionNumber, request.Message });
                foreach (var leadId in await Notify.UsersInRolesAsync(db, [Roles.Admin, Roles.Lead], cancellationToken))
                    Notify.Add(db, actor, now, leadId, NotificationKind.CorrectionRequested,
                        $"{actor.Name} asked for a correction of claim #{request.ClaimId} (version {request.VersionNumber}): {Notify.Excerpt(text, 120)}", InboxLink, request.ClaimId);
                var notified = Notify.PendingRecipients(db);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await Notify.AnnounceAsync(events, notified, actor.Name, now, cancellationToken);
                return request.Id;
            }, cancellationToken);
        }
        finally
        {
            _submissions.Release();
        }
    }

    /// <summary>The caller's own requests and the answers they got, newest first.</summary>
    public async Task<MyRequests> ListMineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var userId = DemandReader(actor, "Sign in to see your suggestions.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.SubmittedById == userId)
            .OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.Id).Take(InboxLimit)
            .Select(s => new MySuggestion(s.Id, s.Text, s.Url, s.SubmittedAt, s.Status, s.Answer, s.AnsweredAt))
            .ToListAsync(cancellationToken);
        var corrections = await db.CorrectionRequests.AsNoTracking().Where(r => r.ReaderId == userId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(InboxLimit)
            .Select(r => new MyCorrectionRequest(r.Id, r.Slug, r.Claim!.Text, r.Message, r.SubmittedAt, r.Status, r.Answer, r.AnsweredAt))
            .ToListAsync(cancellationToken);
        return new MyRequests(suggestions, corrections);
    }

    /// <summary>The leads' inbox: open requests first (New, then Accepted), newest first within each.</summary>
    public async Task<Inbox> ListInboxAsync(Actor actor, bool openOnly = true, CancellationToken cancellationToken = default)
    {
        DemandLead(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suggestions = db.Suggestions.AsNoTracking();
        var corrections = db.CorrectionRequests.AsNoTracking();
        if (openOnly)
        {
            suggestions = suggestions.Where(s => s.Status == RequestStatus.New || s.Status == RequestStatus.Accepted);
            corrections = corrections.Where(r => r.Status == RequestStatus.New || r.Status == RequestStatus.Accepted);
        }
        var suggestionRows = await suggestions.OrderBy(s => s.Status).ThenByDescending(s => s.SubmittedAt).Take(InboxLimit)
            .Select(s => new InboxSuggestion(s.Id, s.Text, s.Url, s.SubmittedBy!.DisplayName != "" ? s.SubmittedBy.DisplayName : s.SubmittedBy.Email ?? "",
                s.SubmittedAt, s.Status, s.Answer, s.AnsweredAt, s.DocumentId, s.Version))
            .ToListAsync(cancellationToken);
        var correctionRows = await corrections.OrderBy(r => r.Status).ThenByDescending(r => r.SubmittedAt).Take(InboxLimit)
            .Select(r => new InboxCorrectionRequest(r.Id, r.ClaimId, r.Slug, r.Claim!.Text, r.VersionNumber,
                r.Reader!.DisplayName != "" ? r.Reader.DisplayName : r.Reader.Email ?? "", r.Message, r.SubmittedAt, r.Status, r.Answer, r.AnsweredAt, r.Version))
            .ToListAsync(cancellationToken);
        return new Inbox(suggestionRows, correctionRows);
    }

    /// <summary>
    /// A lead answers a suggestion: accepts it (optionally importing its text as a document, whose
    /// claims are then extracted), declines it, or marks accepted work done. The reader sees the answer.
    /// </summary>
    public async Task AnswerSuggestionAsync(Actor actor, int suggestionId, RequestStatus decision, string? answer, Guid expectedVersion,
        bool importText = false, CancellationToken cancellationToken = default)
    {
        DemandLead(actor);
        var reply = ValidateAnswer(decision, answer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suggestion = await db.Suggestions.FirstOrDefaultAsync(s => s.Id == suggestionId, cancellationToken)
            ?? throw new ValidationException($"Suggestion #{suggestionId} does not exist.");
        EnsureCanMove(suggestion.Status, decision, suggestion.Version, expectedVersion);
        if (importText && decision != RequestStatus.Accepted)
            throw new ValidationException("Only an accepted suggestion can be imported as a document.");
        if (importText && suggestion.DocumentId is null)
        {
            // Text is imported as written; a suggestion with only a web address fetches that page
            // (bounded in time and size, private addresses refused) like the Import page does.
            var imported = suggestion.Text is null
                ? await importer.ImportUrlAsync(actor, suggestion.Url, cancellationToken)
                : await importer.ImportAsync(actor, new ImportRequest($"Reader suggestion #{suggestion.Id}", suggestion.Text, SourceUrl: suggestion.Url), cancellationToken);
            suggestion.DocumentId = imported.DocumentId;
        }
        var before = new { suggestion.Status, suggestion.Answer };
        var now = clock.GetUtcNow();
        suggestion.Status = decision;
        suggestion.Answer = reply;
        suggestion.AnsweredById = actor.RequireUserId();
        suggestion.AnsweredAt = now;
        Audit.Record(db, actor, now, "SuggestionAnswered", nameof(Suggestion), suggestion.Id, null, before,
            new { suggestion.Status, suggestion.Answer, suggestion.DocumentId });
        Notify.Add(db, actor, now, suggestion.SubmittedById, NotificationKind.RequestAnswered,
            $"{actor.Name} answered your suggestion #{suggestion.Id} ({suggestion.Status}): {Notify.Excerpt(reply, 120)}", MyRequestsLink, null);
        await SaveAnswerAsync(db, cancellationToken);
        await AnnounceAnswerAsync(actor, suggestion.SubmittedById, "suggestion", suggestion.Id, now, cancellationToken);
    }

    /// <summary>A lead answers a correction request; publishing the correction itself stays on the claim page.</summary>
    public async Task AnswerCorrectionAsync(Actor actor, int requestId, RequestStatus decision, string? answer, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        DemandLead(actor);
        var reply = ValidateAnswer(decision, answer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.CorrectionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new ValidationException($"Correction request #{requestId} does not exist.");
        EnsureCanMove(request.Status, decision, request.Version, expectedVersion);
        var before = new { request.Status, request.Answer };
        var now = clock.GetUtcNow();
        request.Status = decision;
        request.Answer = reply;
        request.AnsweredById = actor.RequireUserId();
        request.AnsweredAt = now;
        Audit.Record(db, actor, now, "CorrectionRequestAnswered", nameof(CorrectionRequest), request.Id, request.ClaimId, before,
            new { request.Status, request.Answer });
        Notify.Add(db, actor, now, request.ReaderId, NotificationKind.RequestAnswered,
            $"{actor.Name} answered your correction request #{request.Id} ({request.Status}): {Notify.Excerpt(reply, 120)}", MyRequestsLink, null);
        await SaveAnswerAsync(db, cancellationToken);
        await AnnounceAnswerAsync(actor, request.ReaderId, "correction", request.Id, now, cancellationToken);
    }

    /// <summary>Where a reader's answered requests are listed, and where leads answer requests.</summary>
    public const string MyRequestsLink = "/my/suggestions";
    public const string InboxLink = "/inbox";

    /// <summary>After the save: the reader's open "My suggestions" page shows the answer at once, and their bell recounts.</summary>
    private async Task AnnounceAnswerAsync(Actor actor, string readerId, string kind, int id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await events.PublishAsync(new ReviewEvent(ReviewEventTypes.RequestAnswered, null, null, actor.Name, now,
            new Dictionary<string, string> { [ReviewEvent.UserIdKey] = readerId, ["kind"] = kind, ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }), cancellationToken);
        if (readerId != actor.UserId) await events.PublishAsync(Notify.Changed(readerId, actor.Name, now), cancellationToken);
    }

    private static async Task SaveAnswerAsync(FactCheckDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Another lead answered this request at the same moment; your answer was not saved. Reload to see theirs.");
        }
    }

    private static string ValidateAnswer(RequestStatus decision, string? answer)
    {
        if (decision is not (RequestStatus.Accepted or RequestStatus.Declined or RequestStatus.Done))
            throw new ValidationException("Choose whether to accept, decline or close the request.");
        return InputRules.Required(answer, "Answer", MaxTextLength);
    }

    /// <summary>New → Accepted or Declined (or straight to Done); Accepted → Done or Declined; Declined and Done are closed.</summary>
    private static void EnsureCanMove(RequestStatus current, RequestStatus decision, Guid version, Guid expectedVersion)
    {
        if (version != expectedVersion)
            throw new ConflictException("This request was answered or changed since you opened it; reload to see the latest answer.");
        if (current is RequestStatus.Declined or RequestStatus.Done)
            throw new ValidationException($"This request is already {current.ToString().ToLowerInvariant()} and closed.");
        if (current == RequestStatus.Accepted && decision == RequestStatus.Accepted)
            throw new ValidationException("This request is already accepted: mark it done or decline it.");
    }

    /// <summary>
    /// Takes a slot in the user's shared window before storing, and gives it back when the store
    /// fails, so only requests that were kept count.
    /// </summary>
    private async Task<int> WithinSharedLimitAsync(string key, int perHour, string what, DateTimeOffset now, Func<Task<int>> store, CancellationToken cancellationToken)
    {
        var decision = await _limiter.TryAcquireAsync(key, perHour, Window, cancellationToken);
        if (!decision.Allowed)
        {
            var minutes = decision.MinutesToWait(now);
            throw new ValidationException($"You have sent {decision.Count} {what} in the last hour, the most we accept. Please try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
        }
        try
        {
            return await store();
        }
        catch
        {
            await _limiter.ReleaseAsync(key, decision.HitId!, CancellationToken.None);
            throw;
        }
    }

    private static void EnsureUnderLimit(List<DateTimeOffset> recent, int perHour, string what, DateTimeOffset now)
    {
        if (recent.Count < perHour) return;
        var next = recent.Min().AddHours(1);
        var minutes = Math.Max(1, (int)Math.Ceiling((next - now).TotalMinutes));
        throw new ValidationException($"You have sent {recent.Count} {what} in the last hour, the most we accept. Please try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
    }

    private static string DemandReader(Actor actor, string message)
    {
        Permissions.Demand(Permissions.CanSendReaderRequests(actor), message);
        return actor.RequireUserId();
    }

    private static void DemandLead(Actor actor) =>
        Permissions.Demand(Permissions.CanAnswerReaderRequests(actor), "Only leads and admins may answer readers' requests.");
}
