using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Extraction;

namespace FactCheck.Web.Api.V1;

public sealed record PersonDto(string Id, string Name);
public sealed record AssignmentDto(PersonDto Reviewer, DateTimeOffset AssignedAt, DateTimeOffset? DueAt);
public sealed record SourceDto(int Id, string Url, string Title, string? Publisher, string? Excerpt, string Stance, PersonDto AddedBy, DateTimeOffset AddedAt);
public sealed record CommentDto(int Id, string Text, PersonDto Author, DateTimeOffset CreatedAt);
public sealed record VerdictDto(PersonDto Reviewer, string Rating, string Rationale, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, string Version);
public sealed record PublicationDto(int Version, string Slug, string Rating, string Summary, string? CorrectionNote, DateTimeOffset PublishedAt, bool IsCurrent);
public sealed record HistoryDto(DateTimeOffset At, string Actor, string Action, string? Before, string? After);
public sealed record ClaimSummaryDto(int Id, string Text, string Status, double Score, string Kind, string? Attribution, int DocumentId, string DocumentTitle,
    string Priority, DateTimeOffset? DueAt, DateTimeOffset CreatedAt, IReadOnlyList<string> Assignees, IReadOnlyList<string> Tags);
public sealed record ClaimDto(int Id, string Text, string Status, double Score, string Kind, string? Attribution, int DocumentId, string? DocumentTitle,
    string Priority, DateTimeOffset? DueAt, IReadOnlyList<string> Tags, DateTimeOffset? AcceptedAt, string? DismissalReason, int? DuplicateOfId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Version,
    IReadOnlyList<AssignmentDto> Assignments, IReadOnlyList<SourceDto> Sources, IReadOnlyList<CommentDto> Comments,
    IReadOnlyList<VerdictDto> Verdicts, IReadOnlyList<PublicationDto> Publications, IReadOnlyList<HistoryDto> History,
    string ClaimantType = nameof(FactCheck.Core.Domain.ClaimantType.Inferred));

/// <summary>Fields left out stay as they are; claimantType is Person, Organization or Inferred (from the attribution).</summary>
public sealed record EditClaimRequest(string? Text, string? Attribution, string? Kind, string? ClaimantType = null);
public sealed record DismissRequest(string? Reason);
public sealed record MergeRequest(int? Into);
public sealed record PublishRequest(string? Rating, string? Summary, string? CorrectionNote);

/// <summary>Claims: list and search, one claim with everything on its page, triage, publishing.</summary>
public static class ClaimEndpoints
{
    public static void MapClaimEndpoints(this RouteGroupBuilder api)
    {
        var claims = api.MapGroup("/claims").WithTags("Claims");

        claims.MapGet("/", async (HttpContext http, ClaimQueryService query, string? status, string? assignee, int? documentId, string? q, string? kind,
            string? tag, bool? overdue, bool? open, string? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = ApiV1.Paging(page, pageSize, ClaimQueryService.MaxPageSize);
            var result = await query.ListAsync(http.Caller(), new ClaimQuery
            {
                Page = p - 1, PageSize = size,
                Status = ApiV1.ParseOptionalEnum<ClaimStatus>(status, "status"),
                AssigneeId = assignee, DocumentId = documentId, Search = q,
                Kind = ApiV1.ParseOptionalEnum<ClaimKind>(kind, "kind"), Tag = tag,
                OverdueOnly = overdue ?? false, OpenOnly = open ?? false,
                Sort = ApiV1.ParseOptionalEnum<ClaimSort>(sort, "sort") ?? ClaimSort.Score, Descending = desc ?? true,
            }, ct);
            return Results.Ok(new PagedList<ClaimSummaryDto>(result.Items.Select(c => new ClaimSummaryDto(c.Id, c.Text, c.Status.ToString(), c.Score, c.Kind.ToString(),
                c.Attribution, c.DocumentId, c.DocumentTitle, c.Priority.ToString(), c.DueAt, c.CreatedAt, c.Assignees, ClaimTags.Split(c.Tags).ToList())).ToList(),
                result.Total, p, size));
        }).WithSummary("Claims, filtered (status, assignee, documentId, q full-text, kind, tag, overdue, open) and sorted (Score, Created, Status, DueAt)");

        claims.MapGet("/{id:int}", async (HttpContext http, int id, ClaimQueryService query, AuditService audit, CancellationToken ct) =>
        {
            var claim = await query.GetAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Claim #{id} does not exist.");
            var history = await audit.ClaimHistoryAsync(http.Caller(), id, ct);
            http.Response.Headers.ETag = ApiV1.ETag(claim.Version);
            return Results.Ok(ToDto(claim, history));
        }).WithSummary("One claim with its assignments, sources, comments, verdicts, publications and history; ETag is its version");

        claims.MapPost("/{id:int}/accept", async (HttpContext http, int id, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            await CheckIfMatchAsync(http, query, id, ct);
            await review.AcceptAsync(http.Caller(), id, ct);
            return await CurrentAsync(http, query, id, ct);
        }).WithTags("Triage").WithSummary("Accept an extracted claim as worth checking (leads)");

        claims.MapPatch("/{id:int}", async (HttpContext http, int id, EditClaimRequest body, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            var version = ApiV1.RequireIfMatch(http.Request);
            var current = await query.GetAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Claim #{id} does not exist.");
            var kind = body.Kind is null ? current.Kind : ApiV1.ParseEnum<ClaimKind>(body.Kind, "kind");
            var claimantType = ApiV1.ParseOptionalEnum<ClaimantType>(body.ClaimantType, "claimantType");
            await review.EditClaimAsync(http.Caller(), id, body.Text ?? current.Text, body.Attribution ?? current.Attribution, kind, version, claimantType, ct);
            return await CurrentAsync(http, query, id, ct);
        }).WithTags("Triage").WithSummary("Reword a claim, its attribution, claimant type (Person, Organization, Inferred) or kind (leads); needs If-Match (428 without, 412 when stale)");

        claims.MapPost("/{id:int}/dismiss", async (HttpContext http, int id, DismissRequest body, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            await CheckIfMatchAsync(http, query, id, ct);
            await review.DismissAsync(http.Caller(), id, body.Reason, ct);
            return await CurrentAsync(http, query, id, ct);
        }).WithTags("Triage").WithSummary("Dismiss a claim with a reason (leads)");

        claims.MapPost("/{id:int}/merge", async (HttpContext http, int id, MergeRequest body, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            if (body.Into is not { } into) throw new ValidationException("into (the id of the claim that stays) is required.");
            await CheckIfMatchAsync(http, query, id, ct);
            await review.MergeAsync(http.Caller(), id, into, ct);
            return await CurrentAsync(http, query, id, ct);
        }).WithTags("Triage").WithSummary("Merge this duplicate into another claim (leads)");

        claims.MapPost("/{id:int}/publish", async (HttpContext http, int id, PublishRequest body, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            await CheckIfMatchAsync(http, query, id, ct);
            var publication = await review.PublishAsync(http.Caller(), id, ApiV1.ParseEnum<Rating>(body.Rating, "rating"), body.Summary, body.CorrectionNote, ct);
            return Results.Created($"/verdicts/{publication.Slug}", ToDto(publication));
        }).WithTags("Publishing").WithSummary("Publish the final verdict (leads); after a reopen this is the correction and needs correctionNote");

        claims.MapPost("/{id:int}/reopen", async (HttpContext http, int id, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            await CheckIfMatchAsync(http, query, id, ct);
            await review.ReopenAsync(http.Caller(), id, ct);
            return await CurrentAsync(http, query, id, ct);
        }).WithTags("Publishing").WithSummary("Reopen a published claim for a correction (leads)");
    }

    /// <summary>
    /// An optional If-Match on a claim action: refused with 412 when the claim moved on since the
    /// caller read it. (Edits and verdicts check the version inside the save itself.)
    /// </summary>
    private static async Task CheckIfMatchAsync(HttpContext http, ClaimQueryService query, int id, CancellationToken ct)
    {
        if (ApiV1.IfMatch(http.Request) is not { } expected) return;
        var claim = await query.GetAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Claim #{id} does not exist.");
        if (claim.Version != expected) throw new ConflictException("This claim was changed since you read it; nothing was saved.");
    }

    internal static async Task<IResult> CurrentAsync(HttpContext http, ClaimQueryService query, int id, CancellationToken ct)
    {
        var claim = await query.GetAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Claim #{id} does not exist.");
        http.Response.Headers.ETag = ApiV1.ETag(claim.Version);
        return Results.Ok(ToDto(claim, []));
    }

    internal static PersonDto Person(ApplicationUser? user, string id) => new(id, user?.Name ?? id);

    internal static ClaimDto ToDto(Claim c, IReadOnlyList<AuditEvent> history) => new(
        c.Id, c.Text, c.Status.ToString(), c.Score, c.Kind.ToString(), c.Attribution, c.DocumentId, c.Document?.Title,
        c.Priority.ToString(), c.DueAt, ClaimTags.Split(c.Tags).ToList(), c.AcceptedAt, c.DismissalReason, c.DuplicateOfId,
        c.CreatedAt, c.UpdatedAt, c.Version.ToString("N"),
        c.ActiveAssignments.OrderBy(a => a.AssignedAt).Select(a => new AssignmentDto(Person(a.Reviewer, a.ReviewerId), a.AssignedAt, a.DueAt)).ToList(),
        c.Sources.OrderBy(s => s.Id).Select(s => new SourceDto(s.Id, s.Url, s.Title, s.Publisher, s.Excerpt, s.Stance.ToString(), Person(s.AddedBy, s.AddedById), s.AddedAt)).ToList(),
        c.Comments.OrderBy(x => x.Id).Select(x => new CommentDto(x.Id, x.Body, Person(x.Author, x.AuthorId), x.CreatedAt)).ToList(),
        c.Verdicts.OrderBy(v => v.SubmittedAt).Select(ToDto).ToList(),
        c.Publications.OrderBy(p => p.VersionNumber).Select(ToDto).ToList(),
        history.Select(h => new HistoryDto(h.At, h.ActorName, h.Action, h.Before, h.After)).ToList(),
        c.ClaimantType.ToString());

    internal static VerdictDto ToDto(Verdict v) =>
        new(Person(v.Reviewer, v.ReviewerId), v.Rating.ToString(), v.Rationale, v.SubmittedAt, v.UpdatedAt, v.Version.ToString("N"));

    internal static PublicationDto ToDto(Publication p) =>
        new(p.VersionNumber, p.Slug, p.Rating.ToString(), p.Summary, p.CorrectionNote, p.PublishedAt, p.IsCurrent);
}
