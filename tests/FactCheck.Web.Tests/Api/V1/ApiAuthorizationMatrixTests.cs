using System.Net;
using System.Net.Http.Json;
using System.Text;
using FactCheck.Core.Domain;
using Xunit.Abstractions;

namespace FactCheck.Web.Tests.Api.V1;

/// <summary>
/// Every /api/v1 endpoint x every kind of caller (anonymous, Reader, assigned and unassigned
/// Reviewer, Lead, Admin) x every way in (cookie with antiforgery, token with the caller's scope,
/// read-only token). Allowed answers 2xx; refused answers 401 (anonymous) or 403 and writes nothing.
/// </summary>
public sealed class ApiAuthorizationMatrixTests(FactCheckWebFactory factory, ITestOutputHelper output) : IClassFixture<FactCheckWebFactory>
{
    private static readonly Who[] Members = [Who.ReviewerAssigned, Who.ReviewerNotAssigned, Who.Lead, Who.Admin];
    private static readonly Who[] SignedIn = [Who.Reader, .. Members];
    private static readonly Who[] Leads = [Who.Lead, Who.Admin];
    private static readonly Who[] AssigneeOrLeads = [Who.ReviewerAssigned, Who.Lead, Who.Admin];
    private static readonly Who[] Assignee = [Who.ReviewerAssigned];
    private static readonly Who[] AdminOnly = [Who.Admin];

    /// <summary>One call: given a fresh claim (id, version) in <see cref="Setup"/>, sends the request.</summary>
    private sealed record Endpoint(string Name, Who[] Allowed, ClaimStatus Setup, Func<HttpClient, int, Guid, Task<HttpResponseMessage>> Call)
    {
        public bool Writes => !Name.StartsWith("GET ");
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string url, Guid version, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version:N}\"");
        return request;
    }

    private static readonly Endpoint[] Endpoints =
    [
        new("GET /api/v1/antiforgery", SignedIn, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/antiforgery")),
        new("GET /api/v1/claims", Members, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/claims?q=bridges&pageSize=5")),
        new("GET /api/v1/claims/{id}", Members, ClaimStatus.Assigned, (c, id, _) => c.GetAsync($"/api/v1/claims/{id}")),
        new("POST /api/v1/claims/{id}/accept", Leads, ClaimStatus.New, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/accept", null)),
        new("PATCH /api/v1/claims/{id}", Leads, ClaimStatus.New, (c, id, v) => c.SendAsync(WithIfMatch(HttpMethod.Patch, $"/api/v1/claims/{id}", v, new { text = "The mayor said 41 bridges closed." }))),
        new("POST /api/v1/claims/{id}/dismiss", Leads, ClaimStatus.New, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/dismiss", Json(new { reason = "Opinion." }))),
        new("POST /api/v1/claims/{id}/merge", Leads, ClaimStatus.New, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/merge", Json(new { into = id - 1 }))),
        new("POST /api/v1/claims/{id}/assignments", Leads, ClaimStatus.Assigned, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/assignments", Json(new { reviewer = ApiWorld.Bob }))),
        new("DELETE /api/v1/claims/{id}/assignments/{reviewer}", Leads, ClaimStatus.Assigned, (c, id, _) => c.DeleteAsync($"/api/v1/claims/{id}/assignments/{ApiWorld.Alice}")),
        new("POST /api/v1/claims/{id}/sources", AssigneeOrLeads, ClaimStatus.Assigned, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/sources",
            Json(new { url = "https://example.org/closures", title = "City closures list", stance = "Refutes", excerpt = "3 bridges" }))),
        new("POST /api/v1/claims/{id}/comments", AssigneeOrLeads, ClaimStatus.Assigned, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/comments", Json(new { text = "Checking the city list." }))),
        new("PUT /api/v1/claims/{id}/verdicts/mine", Assignee, ClaimStatus.Assigned, (c, id, _) => c.PutAsync($"/api/v1/claims/{id}/verdicts/mine",
            Json(new { rating = "False", rationale = "The city lists 3 closures." }))),
        new("POST /api/v1/claims/{id}/publish", Leads, ClaimStatus.AwaitingDecision, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/publish", Json(new { rating = "False", summary = "Only 3 bridges closed." }))),
        new("POST /api/v1/claims/{id}/reopen", Leads, ClaimStatus.Published, (c, id, _) => c.PostAsync($"/api/v1/claims/{id}/reopen", null)),
        new("GET /api/v1/documents", Members, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/documents")),
        new("GET /api/v1/documents/{id}", Members, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/documents/1")),
        new("POST /api/v1/documents", Leads, ClaimStatus.New, (c, _, _) => c.PostAsync("/api/v1/documents",
            new StringContent($"Officials said 41 people were hurt on Monday. {Guid.NewGuid()}", Encoding.UTF8, "text/plain"))),
        new("GET /api/v1/imports", Leads, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/imports")),
        // Job 1 is the seed article's import (every import goes through the queue).
        new("GET /api/v1/imports/{id}", Leads, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/imports/1")),
        new("GET /api/v1/users", AdminOnly, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/users")),
        new("POST /api/v1/users", AdminOnly, ClaimStatus.New, (c, id, _) => c.PostAsync("/api/v1/users",
            Json(new { email = $"matrix{id}-{Guid.NewGuid():N}@test.local", password = "Matrix-pass-1", roles = new[] { "Reader" } }))),
        new("PUT /api/v1/users/{id}/roles", AdminOnly, ClaimStatus.New, async (c, _, _) => await c.PutAsync($"/api/v1/users/{await BystanderIdAsync(c)}/roles", Json(new { roles = new[] { "Reviewer" } }))),
        new("POST+DELETE /api/v1/users/{id}/lock", AdminOnly, ClaimStatus.New, async (c, _, _) =>
        {
            var id = await BystanderIdAsync(c);
            var locked = await c.PostAsync($"/api/v1/users/{id}/lock", null);
            return locked.IsSuccessStatusCode ? await c.DeleteAsync($"/api/v1/users/{id}/lock") : locked;
        }),
        new("GET /api/v1/tokens", SignedIn, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/tokens")),
        new("GET /api/v1/tokens?all=true", AdminOnly, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/tokens?all=true")),
        new("POST /api/v1/tokens", Members, ClaimStatus.New, (c, _, _) => c.PostAsync("/api/v1/tokens", Json(new { name = "matrix", scopes = new[] { "read" }, expiresInDays = 1 }))),
        new("GET /api/v1/webhooks", AdminOnly, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/webhooks")),
        new("POST /api/v1/webhooks", AdminOnly, ClaimStatus.New, (c, _, _) => c.PostAsync("/api/v1/webhooks", Json(new { url = "https://hooks.example.org/factcheck", events = new[] { "claim.published" } }))),
        new("GET /api/v1/webhooks/deliveries", AdminOnly, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/webhooks/deliveries")),
        new("GET /api/v1/notifications", SignedIn, ClaimStatus.New, (c, _, _) => c.GetAsync("/api/v1/notifications?pageSize=5")),
        new("POST /api/v1/notifications/{id}/read", SignedIn, ClaimStatus.New, async (c, _, _) => await c.PostAsync($"/api/v1/notifications/{await OwnNotificationIdAsync(c)}/read", null)),
        new("POST /api/v1/notifications/read-all", SignedIn, ClaimStatus.New, (c, _, _) => c.PostAsync("/api/v1/notifications/read-all", null)),
    ];

    /// <summary>
    /// A user made for one row (role and lock changes end that user's sessions at once, so they must
    /// never touch the callers the other rows sign in as). A caller who may read users but not make
    /// them gets a real user's id (its call is refused, so nothing changes); others get "someone".
    /// </summary>
    private static async Task<string> BystanderIdAsync(HttpClient client)
    {
        var list = await client.GetAsync("/api/v1/users?pageSize=100");
        if (!list.IsSuccessStatusCode) return "someone";
        var created = await client.PostAsync("/api/v1/users",
            Json(new { email = $"bystander-{Guid.NewGuid():N}@test.local", password = "Matrix-pass-1", roles = new[] { "Reader" } }));
        if (created.IsSuccessStatusCode)
            return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        var users = await list.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return users.GetProperty("items").EnumerateArray().First(u => u.GetProperty("email").GetString() == ApiWorld.Bob).GetProperty("id").GetString()!;
    }

    /// <summary>The newest of the caller's own notifications (every account gets one before a notifications row), or 1 when the caller may not list them.</summary>
    private static async Task<long> OwnNotificationIdAsync(HttpClient client)
    {
        var list = await client.GetAsync("/api/v1/notifications?pageSize=1");
        if (!list.IsSuccessStatusCode) return 1;
        var items = (await list.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("items");
        return items.GetArrayLength() == 0 ? 1 : items[0].GetProperty("id").GetInt64();
    }

    public static TheoryData<string, Who, How> Rows()
    {
        var rows = new TheoryData<string, Who, How>();
        foreach (var endpoint in Endpoints)
        foreach (var who in Enum.GetValues<Who>())
        foreach (var how in Enum.GetValues<How>())
        {
            if (who == Who.Anonymous && how == How.ReadToken) continue; // anonymous: no credentials, or a bogus token
            rows.Add(endpoint.Name, who, how);
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Allowed_or_refused_over_http(string endpointName, Who who, How how)
    {
        var world = new ApiWorld(factory);
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var (claimId, version) = await world.ClaimAsync(endpoint.Setup);
        if (endpointName.Contains("/notifications")) await world.NotifyEveryoneAsync(claimId);
        var client = await SharedWorld(world).ClientAsync(who, how);
        var auditBefore = await world.AuditCountAsync();

        var response = await endpoint.Call(client, claimId, version);

        var allowed = endpoint.Allowed.Contains(who) && !(how == How.ReadToken && endpoint.Writes);
        var body = await response.Content.ReadAsStringAsync();
        if (allowed)
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpointName} as {who} by {how}: {(int)response.StatusCode} {body}");
        }
        else
        {
            Assert.True(response.StatusCode == (who == Who.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden),
                $"{endpointName} as {who} by {how}: expected refusal, got {(int)response.StatusCode} {body}");
            if (endpoint.Writes) Assert.Equal(auditBefore, await world.AuditCountAsync());
        }
        output.WriteLine($"{endpointName} {who} {how}: {(int)response.StatusCode}");
    }

    [Fact]
    public void The_matrix_covers_every_v1_endpoint_and_caller()
    {
        Assert.Equal(Endpoints.Length * (6 * 3 - 1), Rows().Count);
        output.WriteLine($"{Endpoints.Length} endpoints x 17 caller/credential pairs = {Rows().Count} rows");
    }

    private static ApiWorld? _shared;
    private static readonly object Gate = new();

    /// <summary>One set of signed-in clients for all rows (sign-in hashes a password: once per caller, not per row).</summary>
    private ApiWorld SharedWorld(ApiWorld fresh)
    {
        lock (Gate) return _shared ??= fresh;
    }
}
