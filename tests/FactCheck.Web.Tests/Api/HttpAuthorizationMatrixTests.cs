using System.Net;
using System.Text;
using FactCheck.Core.Review;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>
/// Every HTTP endpoint against every kind of caller, signed in through the real login form:
/// allowed answers 2xx; refused answers 401 (anonymous) or 403, and a refused write stores nothing.
/// </summary>
public abstract class HttpAuthorizationMatrixTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : FactCheckWebFactory
{
    public enum Caller { Anonymous, Reader, Reviewer, Lead, Admin }

    private static readonly Caller[] Everyone = Enum.GetValues<Caller>();
    private static readonly Caller[] Leads = [Caller.Lead, Caller.Admin];

    private sealed record Endpoint(string Name, Caller[] Allowed, Func<HttpClient, Task<HttpResponseMessage>> Call, bool Writes = false);

    private static readonly Endpoint[] Endpoints =
    [
        new("GET /health", Everyone, c => c.GetAsync("/health")),
        new("GET /api/claimreviews", Everyone, c => c.GetAsync("/api/claimreviews")),
        new("GET /verdicts/feed.atom", Everyone, c => c.GetAsync("/verdicts/feed.atom")),
        new("GET /sitemap.xml", Everyone, c => c.GetAsync("/sitemap.xml")),
        new("POST /api/documents", Leads, c => c.PostAsync("/api/documents", new StringContent($"Officials said 41 people were hurt on Monday. {Guid.NewGuid()}", Encoding.UTF8, "text/plain")), Writes: true),
        new("GET /api/audit.csv", Leads, c => c.GetAsync("/api/audit.csv")),
        new("GET /api/exports/claims.csv", Leads, c => c.GetAsync("/api/exports/claims.csv")),
        new("GET /api/exports/claims.json", Leads, c => c.GetAsync("/api/exports/claims.json")),
        new("GET /api/exports/claimreviews.json", Leads, c => c.GetAsync("/api/exports/claimreviews.json")),
    ];

    public static TheoryData<string, Caller> Rows()
    {
        var rows = new TheoryData<string, Caller>();
        foreach (var endpoint in Endpoints)
        foreach (var caller in Everyone)
            rows.Add(endpoint.Name, caller);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Allowed_or_refused_over_http(string endpointName, Caller caller)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var client = caller == Caller.Anonymous ? factory.CreateBrowserClient() : await factory.SignedInApiClientAsync(Email(caller));
        var documentsBefore = await DocumentCountAsync();

        var response = await endpoint.Call(client);

        if (endpoint.Allowed.Contains(caller))
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpointName} as {caller}: {(int)response.StatusCode}");
        }
        else
        {
            Assert.Equal(caller == Caller.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
            if (endpoint.Writes) Assert.Equal(documentsBefore, await DocumentCountAsync());
        }
    }

    [Fact]
    public async Task The_audit_export_is_csv_with_the_recorded_changes()
    {
        var client = await factory.SignedInClientAsync("lead@factcheck.local");
        var response = await client.GetAsync("/api/audit.csv?action=DocumentImported");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("At,Actor,Action", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Contains("DocumentImported", line));
        Assert.True(lines.Length > 1);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/audit.csv?from=not-a-date")).StatusCode);
    }

    private static string Email(Caller caller) => caller switch
    {
        Caller.Reader => "reader@factcheck.local",
        Caller.Reviewer => "alice@factcheck.local",
        Caller.Lead => "lead@factcheck.local",
        _ => "admin@factcheck.local",
    };

    private async Task<int> DocumentCountAsync() =>
        (await factory.Services.GetRequiredService<ClaimQueryService>().ListDocumentsAsync(await factory.ActorAsync("admin@factcheck.local"), 1000)).Count;
}

public sealed class HttpAuthorizationMatrixTestsOnSqlite(FactCheckWebFactory factory) : HttpAuthorizationMatrixTests<FactCheckWebFactory>(factory);

public sealed class HttpAuthorizationMatrixTestsOnPostgres(PostgresWebFactory factory) : HttpAuthorizationMatrixTests<PostgresWebFactory>(factory);
