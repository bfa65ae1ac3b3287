using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactCheck.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Tests.Api.V1;

/// <summary>Bad input over /api/v1: each answered 4xx with a ProblemDetails that says what is wrong, and nothing stored.</summary>
public sealed class ApiBadInputTests(FactCheckWebFactory factory) : IClassFixture<FactCheckWebFactory>
{
    private sealed record Case(string Name, Who As, ClaimStatus Setup, HttpStatusCode Expected, string Says, Func<HttpClient, int, Guid, Task<HttpResponseMessage>> Call);

    private static StringContent Raw(string body, string type = "application/json") => new(body, Encoding.UTF8, type);
    private static StringContent Json(object body) => Raw(JsonSerializer.Serialize(body));

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static readonly Case[] Cases =
    [
        new("notifications: page 0", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "page must be", (c, _, _) => c.GetAsync("/api/v1/notifications?page=0")),
        new("notifications: page size too big", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "pageSize must be", (c, _, _) => c.GetAsync("/api/v1/notifications?pageSize=101")),
        new("notifications: page not a number", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "page", (c, _, _) => c.GetAsync("/api/v1/notifications?page=first")),
        new("notifications: mark a missing one read", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.PostAsync("/api/v1/notifications/999999999/read", null)),
        new("comment: empty", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "Comment is required", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Json(new { text = "  " }))),
        new("comment: no text field", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "Comment is required", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Json(new { body = "x" }))),
        new("comment: script", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "script", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Json(new { text = "<script>alert(1)</script>" }))),
        new("comment: too long", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "too long", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Json(new { text = new string('a', 10_001) }))),
        new("comment: malformed JSON", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "JSON", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Raw("{\"text\": "))),
        new("comment: JSON of the wrong shape", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "JSON", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Raw("[1,2,3]"))),
        new("comment: missing claim", Who.Lead, ClaimStatus.Assigned, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.PostAsync("/api/v1/claims/999999/comments", Json(new { text = "Hello there." }))),
        new("comment: on a new claim by a reviewer", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.Forbidden, "Only a reviewer assigned", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Json(new { text = "Hello there." }))),
        new("source: javascript url", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "http://", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "javascript:alert(1)", title = "Evil", stance = "Refutes" }))),
        new("source: relative url", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "http://", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "/etc/passwd", title = "Local", stance = "Refutes" }))),
        new("source: no title", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "Source title is required", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "https://example.org", stance = "Refutes" }))),
        new("source: unknown stance", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "stance must be one of", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "https://example.org", title = "T", stance = "Maybe" }))),
        new("source: numeric stance", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "stance must be one of", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "https://example.org", title = "T", stance = "7" }))),
        new("source: excerpt too long", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "Excerpt is too long", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "https://example.org", title = "T", stance = "Context", excerpt = new string('e', 2001) }))),
        new("source: on a dismissed claim", Who.Lead, ClaimStatus.Dismissed, HttpStatusCode.Conflict, "Dismissed", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources", Json(new { url = "https://example.org", title = "T", stance = "Context" }))),
        new("verdict: no rating", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "rating must be one of", (c, id, _) => c.PutAsync($"/api/v1/claims/{id}/verdicts/mine", Json(new { rationale = "Because." }))),
        new("verdict: unknown rating", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "rating must be one of", (c, id, _) => c.PutAsync($"/api/v1/claims/{id}/verdicts/mine", Json(new { rating = "Pants on fire", rationale = "Because." }))),
        new("verdict: empty rationale", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "Rationale is required", (c, id, _) => c.PutAsync($"/api/v1/claims/{id}/verdicts/mine", Json(new { rating = "False", rationale = "" }))),
        new("verdict: revision without version", Who.ReviewerAssigned, ClaimStatus.AwaitingDecision, HttpStatusCode.Conflict, "changed since you opened it", (c, id, _) => c.PutAsync($"/api/v1/claims/{id}/verdicts/mine", Json(new { rating = "True", rationale = "Changed my mind." }))),
        new("verdict: stale If-Match", Who.ReviewerAssigned, ClaimStatus.AwaitingDecision, HttpStatusCode.PreconditionFailed, "changed since you opened it", (c, id, _) => c.SendAsync(Request(HttpMethod.Put, $"/api/v1/claims/{id}/verdicts/mine", new { rating = "True", rationale = "Changed my mind." }, $"\"{Guid.NewGuid():N}\""))),
        new("verdict: malformed version", Who.ReviewerAssigned, ClaimStatus.AwaitingDecision, HttpStatusCode.BadRequest, "version must be", (c, id, _) => c.PutAsync($"/api/v1/claims/{id}/verdicts/mine", Json(new { rating = "True", rationale = "Changed.", version = "v2" }))),
        new("verdict: weak If-Match", Who.ReviewerAssigned, ClaimStatus.AwaitingDecision, HttpStatusCode.BadRequest, "If-Match must be", (c, id, _) => c.SendAsync(Request(HttpMethod.Put, $"/api/v1/claims/{id}/verdicts/mine", new { rating = "True", rationale = "Changed." }, "W/\"abc\""))),
        new("edit: without If-Match", Who.Lead, ClaimStatus.New, HttpStatusCode.PreconditionRequired, "If-Match", (c, id, _) => c.PatchAsync($"/api/v1/claims/{id}", Json(new { text = "Reworded." }))),
        new("edit: stale If-Match", Who.Lead, ClaimStatus.New, HttpStatusCode.PreconditionFailed, "changed since you opened it", (c, id, _) => c.SendAsync(Request(HttpMethod.Patch, $"/api/v1/claims/{id}", new { text = "Reworded." }, $"\"{Guid.NewGuid():N}\""))),
        new("edit: empty text", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "Claim text is required", (c, id, v) => c.SendAsync(Request(HttpMethod.Patch, $"/api/v1/claims/{id}", new { text = " " }, $"\"{v:N}\""))),
        new("edit: unknown claimant type", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "claimantType must be one of", (c, id, v) => c.SendAsync(Request(HttpMethod.Patch, $"/api/v1/claims/{id}", new { claimantType = "Robot" }, $"\"{v:N}\""))),
        new("edit: numeric claimant type", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "claimantType must be one of", (c, id, v) => c.SendAsync(Request(HttpMethod.Patch, $"/api/v1/claims/{id}", new { claimantType = "1" }, $"\"{v:N}\""))),
        new("edit: unknown kind", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "kind must be one of", (c, id, v) => c.SendAsync(Request(HttpMethod.Patch, $"/api/v1/claims/{id}", new { kind = "Gossip" }, $"\"{v:N}\""))),
        new("accept: stale If-Match", Who.Lead, ClaimStatus.New, HttpStatusCode.PreconditionFailed, "changed since you read it", (c, id, _) => c.SendAsync(Request(HttpMethod.Post, $"/api/v1/claims/{id}/accept", null, $"\"{Guid.NewGuid():N}\""))),
        new("dismiss: no reason", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "Reason for dismissing is required", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/dismiss", Json(new { }))),
        new("dismiss: in review", Who.Lead, ClaimStatus.AwaitingDecision, HttpStatusCode.Conflict, "Only New or Assigned", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/dismiss", Json(new { reason = "Opinion." }))),
        new("merge: into itself", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "into itself", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/merge", Json(new { into = id }))),
        new("merge: into nothing", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "into (the id", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/merge", Json(new { }))),
        new("merge: into a missing claim", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "does not exist", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/merge", Json(new { into = 999999 }))),
        new("assign: no reviewer", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "reviewer (an e-mail", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { }))),
        new("assign: unknown e-mail", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "No user", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { reviewer = "nobody@nowhere.test" }))),
        new("assign: a reader", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "is not a reviewer", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { reviewer = "reader@factcheck.local" }))),
        new("assign: due date in the past", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "in the past", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { reviewer = ApiWorld.Bob, dueAt = DateTimeOffset.UtcNow.AddDays(-3) }))),
        new("assign: twice", Who.Lead, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "already assigned", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { reviewer = ApiWorld.Alice }))),
        new("assign: a published claim", Who.Lead, ClaimStatus.Published, HttpStatusCode.Conflict, "cannot be assigned", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { reviewer = ApiWorld.Bob }))),
        new("assign: date that is not a date", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "JSON", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Raw("{\"reviewer\":\"bob@factcheck.local\",\"dueAt\":\"next tuesday\"}"))),
        new("unassign: not assigned", Who.Lead, ClaimStatus.Assigned, HttpStatusCode.BadRequest, "not assigned", (c, id, _) => c.DeleteAsync($"/api/v1/claims/{id}/assignments/{ApiWorld.Bob}")),
        new("publish: no rating", Who.Lead, ClaimStatus.AwaitingDecision, HttpStatusCode.BadRequest, "rating must be one of", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/publish", Json(new { summary = "Only 3." }))),
        new("publish: no summary", Who.Lead, ClaimStatus.AwaitingDecision, HttpStatusCode.BadRequest, "Summary is required", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/publish", Json(new { rating = "False" }))),
        new("publish: a new claim", Who.Lead, ClaimStatus.New, HttpStatusCode.Conflict, "", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/publish", Json(new { rating = "False", summary = "Only 3." }))),
        new("reopen: not published", Who.Lead, ClaimStatus.Assigned, HttpStatusCode.Conflict, "Only a published claim", (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/reopen", null)),
        new("claims: unknown status", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "status must be one of", (c, _, _) => c.GetAsync("/api/v1/claims?status=Lost")),
        new("claims: page zero", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "page must be", (c, _, _) => c.GetAsync("/api/v1/claims?page=0")),
        new("claims: page overflow", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "page", (c, _, _) => c.GetAsync("/api/v1/claims?page=99999999999")),
        new("claims: page not a number", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "page", (c, _, _) => c.GetAsync("/api/v1/claims?page=abc")),
        new("claims: page size too big", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "'pageSize' must be", (c, _, _) => c.GetAsync("/api/v1/claims?pageSize=5000")),
        new("claims: unknown sort", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "sort must be one of", (c, _, _) => c.GetAsync("/api/v1/claims?sort=random")),
        new("claim: missing", Who.Lead, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.GetAsync("/api/v1/claims/999999")),
        new("my verdict: none yet", Who.ReviewerAssigned, ClaimStatus.Assigned, HttpStatusCode.NotFound, "no verdict", (c, id, _) => c.GetAsync($"/api/v1/claims/{id}/verdicts/mine")),
        new("document: missing", Who.Lead, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.GetAsync("/api/v1/documents/999999")),
        new("document: unsupported type", Who.Lead, ClaimStatus.New, HttpStatusCode.UnsupportedMediaType, "Send text/plain", (c, _, _) => c.PostAsync("/api/v1/documents", Raw("x,y", "text/csv"))),
        new("document: empty JSON", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "", (c, _, _) => c.PostAsync("/api/v1/documents", Json(new { title = "Nothing" }))),
        new("document: malformed JSON", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "JSON", (c, _, _) => c.PostAsync("/api/v1/documents", Raw("{title"))),
        new("document: loopback URL", Who.Lead, ClaimStatus.New, HttpStatusCode.BadRequest, "", (c, _, _) => c.PostAsync("/api/v1/documents", Json(new { url = "http://127.0.0.1:1/secret" }))),
        new("user: bad e-mail", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "valid e-mail", (c, _, _) => c.PostAsync("/api/v1/users", Json(new { email = "not-an-email", password = "Matrix-pass-1", roles = new[] { "Reader" } }))),
        new("user: unknown role", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "Unknown role", (c, _, _) => c.PostAsync("/api/v1/users", Json(new { email = $"x{Guid.NewGuid():N}@test.local", password = "Matrix-pass-1", roles = new[] { "God" } }))),
        new("user: weak password", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "", (c, _, _) => c.PostAsync("/api/v1/users", Json(new { email = $"x{Guid.NewGuid():N}@test.local", password = "short", roles = new[] { "Reader" } }))),
        new("user: duplicate e-mail", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "", (c, _, _) => c.PostAsync("/api/v1/users", Json(new { email = ApiWorld.Bob, password = "Matrix-pass-1", roles = new[] { "Reader" } }))),
        new("user roles: missing user", Who.Admin, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.PutAsync("/api/v1/users/nobody/roles", Json(new { roles = new[] { "Reader" } }))),
        new("user roles: no list", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "roles (a list", (c, _, _) => c.PutAsync("/api/v1/users/nobody/roles", Json(new { }))),
        new("user lock: missing user", Who.Admin, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.PostAsync("/api/v1/users/nobody/lock", null)),
        new("token: no name", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "Token name is required", (c, _, _) => c.PostAsync("/api/v1/tokens", Json(new { scopes = new[] { "review" } }))),
        new("token: scope beyond role", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "never exceeds", (c, _, _) => c.PostAsync("/api/v1/tokens", Json(new { name = "x", scopes = new[] { "admin" } }))),
        new("token: unknown scope", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "Unknown scope", (c, _, _) => c.PostAsync("/api/v1/tokens", Json(new { name = "x", scopes = new[] { "write" } }))),
        new("token: expiry too long", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "expires after", (c, _, _) => c.PostAsync("/api/v1/tokens", Json(new { name = "x", scopes = new[] { "review" }, expiresInDays = 10000 }))),
        new("token: expiry zero", Who.ReviewerAssigned, ClaimStatus.New, HttpStatusCode.BadRequest, "expires after", (c, _, _) => c.PostAsync("/api/v1/tokens", Json(new { name = "x", scopes = new[] { "review" }, expiresInDays = 0 }))),
        new("token: revoke someone else's", Who.ReviewerNotAssigned, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.DeleteAsync("/api/v1/tokens/1")),
        new("webhook: loopback URL", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "private or loopback", (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "http://127.0.0.1:9/hook", events = new[] { "claim.published" } }))),
        new("webhook: private URL", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "private or loopback", (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "http://10.0.0.5/hook", events = new[] { "claim.published" } }))),
        new("webhook: localhost", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "private or loopback", (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "http://localhost/hook", events = new[] { "claim.published" } }))),
        new("webhook: ftp URL", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "http://", (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "ftp://example.org/hook", events = new[] { "claim.published" } }))),
        new("webhook: no events", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "at least one event", (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "https://example.org/hook" }))),
        new("webhook: unknown event", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "Unknown event type", (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "https://example.org/hook", events = new[] { "claim.deleted" } }))),
        new("webhook: delete missing", Who.Admin, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.DeleteAsync("/api/v1/webhooks/999999")),
        new("webhook: redeliver missing", Who.Admin, ClaimStatus.New, HttpStatusCode.NotFound, "does not exist", (c, _, _) => c.PostAsync("/api/v1/webhooks/deliveries/999999/redeliver", null)),
        new("deliveries: page size zero", Who.Admin, ClaimStatus.New, HttpStatusCode.BadRequest, "pageSize must be", (c, _, _) => c.GetAsync("/api/v1/webhooks/deliveries?pageSize=0")),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_gets_a_clear_problem_and_changes_nothing(string name)
    {
        var world = new ApiWorld(factory);
        var @case = Cases.Single(c => c.Name == name);
        var (claimId, version) = await world.ClaimAsync(@case.Setup);
        var client = await world.ClientAsync(@case.As, How.ScopedToken);
        var (auditBefore, rowsBefore) = (await world.AuditCountAsync(), await RowCountAsync(world));

        var response = await @case.Call(client, claimId, version);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == @case.Expected, $"{name}: expected {(int)@case.Expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        Assert.False(string.IsNullOrWhiteSpace(detail), $"{name}: the problem says what is wrong");
        Assert.Contains(@case.Says, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(auditBefore, await world.AuditCountAsync());
        Assert.Equal(rowsBefore, await RowCountAsync(world));
    }

    [Fact]
    public void Every_area_of_the_api_has_bad_input_cases() =>
        Assert.All(new[] { "comment", "source", "verdict", "edit", "assign", "publish", "claims", "document", "user", "token", "webhook" },
            area => Assert.Contains(Cases, c => c.Name.StartsWith(area)));

    private static async Task<int> RowCountAsync(ApiWorld world)
    {
        await using var db = await world.DbFactory.CreateDbContextAsync();
        return await db.Comments.CountAsync() + await db.Sources.CountAsync() + await db.Verdicts.CountAsync() + await db.Publications.CountAsync()
            + await db.Assignments.CountAsync() + await db.Documents.CountAsync() + await db.Users.CountAsync() + await db.ApiTokens.CountAsync() + await db.Webhooks.CountAsync();
    }
}
