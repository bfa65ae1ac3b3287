using System.Net;
using System.Text;
using System.Text.Json;
using FactCheck.Core.Domain;

namespace FactCheck.Web.Tests.Api.V1;

/// <summary>PATCH /api/v1/claims/{id} sets the claimant type (Person, Organization, Inferred), with If-Match like every edit.</summary>
public sealed class ClaimantTypeApiTests(FactCheckWebFactory factory) : IClassFixture<FactCheckWebFactory>
{
    private static HttpRequestMessage Patch(int id, Guid version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/claims/{id}") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version:N}\"");
        return request;
    }

    [Fact]
    public async Task A_lead_sets_the_claimant_type_and_other_fields_stay_as_they_were()
    {
        var world = new ApiWorld(factory);
        var (claimId, version) = await world.ClaimAsync(ClaimStatus.New);
        var client = await world.ClientAsync(Who.Lead, How.ScopedToken);
        var before = JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync($"/api/v1/claims/{claimId}"));
        Assert.Equal("Inferred", before.GetProperty("claimantType").GetString());

        using var response = await client.SendAsync(Patch(claimId, version, new { claimantType = "organization" }));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var after = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("Organization", after.GetProperty("claimantType").GetString());
        Assert.Equal(before.GetProperty("text").GetString(), after.GetProperty("text").GetString());
        Assert.NotEqual(before.GetProperty("version").GetString(), after.GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_reviewer_cannot_set_the_claimant_type()
    {
        var world = new ApiWorld(factory);
        var (claimId, version) = await world.ClaimAsync(ClaimStatus.Assigned);
        var client = await world.ClientAsync(Who.ReviewerAssigned, How.ScopedToken);

        using var response = await client.SendAsync(Patch(claimId, version, new { claimantType = "Person" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var lead = await world.ClientAsync(Who.Lead, How.ScopedToken);
        var claim = JsonSerializer.Deserialize<JsonElement>(await lead.GetStringAsync($"/api/v1/claims/{claimId}"));
        Assert.Equal("Inferred", claim.GetProperty("claimantType").GetString());
    }
}
