using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FactCheck.Web.Tests.Realtime;

/// <summary>The load-test endpoints exist only when configured, and then only for admins.</summary>
public sealed class BenchmarkEndpointsTests(FactCheckWebFactory factory) : IClassFixture<FactCheckWebFactory>
{
    [Fact]
    public async Task They_are_not_mapped_by_default()
    {
        var admin = await factory.SignedInClientAsync("admin@factcheck.local");
        // No endpoint: the router answers 404, or 405 where a page's catch-all route takes only other methods.
        Assert.Contains((await admin.GetAsync("/api/benchmark/memory")).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Contains((await admin.PostAsync("/api/benchmark/broadcast?title=x", null)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    [Fact]
    public async Task When_enabled_only_admins_may_use_them()
    {
        using var enabled = factory.WithWebHostBuilder(builder => builder.UseSetting("Realtime:BenchmarkEndpoints", "true"));
        async Task<HttpClient> SignedInAsync(string email)
        {
            var client = enabled.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            Assert.Equal(HttpStatusCode.Redirect, (await FactCheckWebFactory.PostLoginAsync(client, email)).StatusCode);
            return client;
        }

        var anonymous = enabled.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/benchmark/memory")).StatusCode);
        var lead = await SignedInAsync("lead@factcheck.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsync("/api/benchmark/broadcast?title=x", null)).StatusCode);

        var admin = await SignedInAsync("admin@factcheck.local");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/benchmark/broadcast?title=x", null)).StatusCode);
        var memory = await admin.GetAsync("/api/benchmark/memory");
        Assert.Equal(HttpStatusCode.OK, memory.StatusCode);
        Assert.Contains("gcHeapBytes", await memory.Content.ReadAsStringAsync());
    }
}
