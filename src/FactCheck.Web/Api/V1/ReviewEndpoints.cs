using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Api.V1;

public sealed record AssignRequest(string? Reviewer, DateTimeOffset? DueAt);
public sealed record AddSourceRequest(string? Url, string? Title, string? Stance, string? Excerpt, string? Publisher);
public sealed record AddCommentRequest(string? Text);
public sealed record SaveVerdictRequest(string? Rating, string? Rationale, string? Version);

/// <summary>Review work on a claim: assignments, sources, comments and the caller's own verdict.</summary>
public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this RouteGroupBuilder api)
    {
        var claim = api.MapGroup("/claims/{id:int}").WithTags("Review");

        claim.MapPost("/assignments", async (HttpContext http, int id, AssignRequest body, ReviewService review, ClaimQueryService query,
            IDbContextFactory<FactCheckDbContext> dbFactory, CancellationToken ct) =>
        {
            // Checked before the look-up, so only leads learn whether an e-mail belongs to a user.
            Permissions.Demand(Permissions.CanManageClaims(http.Caller()), "Only leads and admins may assign claims.");
            var reviewerId = await ReviewerIdAsync(dbFactory, body.Reviewer, ct);
            await review.AssignAsync(http.Caller(), id, reviewerId, body.DueAt, ct);
            var result = await ClaimEndpoints.CurrentAsync(http, query, id, ct);
            return Results.Created($"{ApiV1.Prefix}/claims/{id}", (result as IValueHttpResult)?.Value);
        }).WithSummary("Assign a reviewer (e-mail or user id) with an optional due date (leads)");

        claim.MapDelete("/assignments/{reviewer}", async (HttpContext http, int id, string reviewer, ReviewService review,
            IDbContextFactory<FactCheckDbContext> dbFactory, CancellationToken ct) =>
        {
            Permissions.Demand(Permissions.CanManageClaims(http.Caller()), "Only leads and admins may unassign claims.");
            await review.UnassignAsync(http.Caller(), id, await ReviewerIdAsync(dbFactory, reviewer, ct), ct);
            return Results.NoContent();
        }).WithSummary("Unassign a reviewer (leads)");

        claim.MapPost("/sources", async (HttpContext http, int id, AddSourceRequest body, ReviewService review, CancellationToken ct) =>
        {
            var stance = ApiV1.ParseEnum<SourceStance>(body.Stance, "stance");
            var source = await review.AddSourceAsync(http.Caller(), id, body.Url, body.Title, stance, body.Excerpt, body.Publisher, ct);
            return Results.Created($"{ApiV1.Prefix}/claims/{id}#source-{source.Id}",
                new SourceDto(source.Id, source.Url, source.Title, source.Publisher, source.Excerpt, source.Stance.ToString(), new PersonDto(source.AddedById, http.Caller().Name), source.AddedAt));
        }).WithSummary("Add a source {url, title, stance: Supports|Refutes|Context, excerpt} (assigned reviewers and leads)");

        claim.MapPost("/comments", async (HttpContext http, int id, AddCommentRequest body, ReviewService review, CancellationToken ct) =>
        {
            var comment = await review.AddCommentAsync(http.Caller(), id, body.Text, ct);
            return Results.Created($"{ApiV1.Prefix}/claims/{id}#comment-{comment.Id}",
                new CommentDto(comment.Id, comment.Body, new PersonDto(comment.AuthorId, http.Caller().Name), comment.CreatedAt));
        }).WithSummary("Add a Markdown comment {text} (assigned reviewers and leads)");

        claim.MapGet("/verdicts/mine", async (HttpContext http, int id, ClaimQueryService query, CancellationToken ct) =>
        {
            var found = await query.GetAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Claim #{id} does not exist.");
            var verdict = found.Verdicts.FirstOrDefault(v => v.ReviewerId == http.Caller().UserId)
                ?? throw new NotFoundException("You have no verdict on this claim yet.");
            http.Response.Headers.ETag = ApiV1.ETag(verdict.Version);
            return Results.Ok(ClaimEndpoints.ToDto(verdict));
        }).WithSummary("The caller's own verdict; ETag is its version");

        claim.MapPut("/verdicts/mine", async (HttpContext http, int id, SaveVerdictRequest body, ReviewService review, ClaimQueryService query, CancellationToken ct) =>
        {
            var version = ApiV1.IfMatch(http.Request) ?? ParseVersion(body.Version);
            var rating = ApiV1.ParseEnum<Rating>(body.Rating, "rating");
            await review.SaveVerdictAsync(http.Caller(), id, rating, body.Rationale, version, ct);
            var saved = (await query.GetAsync(http.Caller(), id, ct))!.Verdicts.First(v => v.ReviewerId == http.Caller().UserId);
            http.Response.Headers.ETag = ApiV1.ETag(saved.Version);
            return Results.Ok(ClaimEndpoints.ToDto(saved));
        }).WithSummary("Record or revise the caller's verdict; a revision needs the version read (body or If-Match): 409/412 when stale");
    }

    private static Guid? ParseVersion(string? version) =>
        string.IsNullOrWhiteSpace(version) ? null
        : Guid.TryParse(version.Trim('"'), out var parsed) ? parsed
        : throw new ValidationException("version must be the verdict's version as returned by GET (or leave it out for a first verdict).");

    /// <summary>A reviewer named by e-mail or user id.</summary>
    private static async Task<string> ReviewerIdAsync(IDbContextFactory<FactCheckDbContext> dbFactory, string? reviewer, CancellationToken ct)
    {
        var key = reviewer?.Trim();
        if (string.IsNullOrEmpty(key)) throw new ValidationException("reviewer (an e-mail address or user id) is required.");
        if (key.Length > 256) throw new ValidationException("reviewer is too long.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = key.ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.Id == key || u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct)
            ?? throw new ValidationException($"No user {key}: give a reviewer's e-mail address or user id.");
    }
}
