using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FactCheck.Web.Tests.Api.V1;

/// <summary>The notification centre over HTTP: a lead's assignment reaches the reviewer's list, who marks it read; nobody else can.</summary>
public sealed class NotificationsApiTests(FactCheckWebFactory factory) : IClassFixture<FactCheckWebFactory>
{
    [Fact]
    public async Task An_assignment_over_the_api_reaches_the_reviewers_notifications_which_only_she_can_mark_read()
    {
        var world = new ApiWorld(factory);
        var (claimId, _) = await world.ClaimAsync(FactCheck.Core.Domain.ClaimStatus.New);
        var lead = await factory.SignedInApiClientAsync("lead@factcheck.local");
        var bob = await factory.SignedInApiClientAsync(ApiWorld.Bob);
        var alice = factory.TokenClient(await factory.TokenAsync(ApiWorld.Alice, "read", "review"));
        var before = await ListAsync(alice);

        (await lead.PostAsJsonAsync($"/api/v1/claims/{claimId}/assignments", new { reviewer = ApiWorld.Alice })).EnsureSuccessStatusCode();

        var after = await ListAsync(alice);
        Assert.Equal(before.GetProperty("total").GetInt32() + 1, after.GetProperty("total").GetInt32());
        Assert.Equal(before.GetProperty("unread").GetInt32() + 1, after.GetProperty("unread").GetInt32());
        var newest = after.GetProperty("items")[0];
        Assert.Equal("Assigned", newest.GetProperty("kind").GetString());
        Assert.Equal($"/claims/{claimId}", newest.GetProperty("link").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("readAt").ValueKind);
        var id = newest.GetProperty("id").GetInt64();

        // Bob cannot see or mark it: it does not exist for him.
        Assert.DoesNotContain((await ListAsync(bob)).GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetInt64() == id);
        var refused = await bob.PostAsync($"/api/v1/notifications/{id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(after.GetProperty("unread").GetInt32(), (await ListAsync(alice)).GetProperty("unread").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await alice.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        var read = await ListAsync(alice);
        Assert.Equal(after.GetProperty("unread").GetInt32() - 1, read.GetProperty("unread").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("items")[0].GetProperty("readAt").ValueKind);

        var all = await alice.PostAsync("/api/v1/notifications/read-all", null);
        Assert.Equal(read.GetProperty("unread").GetInt32(), (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        Assert.Equal(0, (await ListAsync(alice)).GetProperty("unread").GetInt32());
        Assert.Equal(0, (await ListAsync(alice, "?unread=true")).GetProperty("total").GetInt32());
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query = "") =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications" + query);
}
