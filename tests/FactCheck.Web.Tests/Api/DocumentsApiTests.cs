using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactCheck.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>POST /api/documents over HTTP, by bearer token and by cookie.</summary>
public abstract class DocumentsApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : FactCheckWebFactory
{
    private const string Wire = "The health ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March.";

    private async Task<HttpClient> TokenClientAsync(string ownerEmail)
    {
        var scopes = ownerEmail.StartsWith("lead") ? new[] { "lead" } : ownerEmail.StartsWith("admin") ? ["admin"] : ownerEmail.StartsWith("reader") ? [] : ["review"];
        // Readers may not own tokens: theirs is one left from a demotion, which the role check refuses at use.
        if (scopes.Length == 0) return factory.TokenClient(await factory.StaleTokenAsync(ownerEmail));
        return factory.TokenClient(await factory.TokenAsync(ownerEmail, scopes));
    }

    [Fact]
    public async Task A_leads_token_imports_text_and_gets_the_claims_back()
    {
        var client = await TokenClientAsync("lead@factcheck.local");
        var text = Wire + " Ref " + Guid.NewGuid();

        var created = await client.PostAsync("/api/documents?title=Wire%20story", new StringContent(text, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("documentId").GetInt32();
        Assert.Equal($"/documents/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Wire story", json.RootElement.GetProperty("title").GetString());
        var claims = json.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.Contains(claims, c => c.GetProperty("text").GetString()!.Contains("1,200"));
        Assert.All(claims, c => Assert.Equal(c.GetProperty("text").GetString(), text.Substring(c.GetProperty("start").GetInt32(), c.GetProperty("length").GetInt32())));

        var again = await client.PostAsync("/api/documents", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("alreadyImported").GetBoolean());
    }

    [Fact]
    public async Task Json_and_html_bodies_are_imported()
    {
        var client = await TokenClientAsync("admin@factcheck.local");
        var json = await client.PostAsJsonAsync("/api/documents", new { title = "Speech", url = "https://example.org/speech", text = Wire + " " + Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);

        var html = $"<html><head><title>Press release</title></head><body><nav>Menu</nav><article><p>{Wire} {Guid.NewGuid()}</p></article><script>evil()</script></body></html>";
        var page = await client.PostAsync("/api/documents", new StringContent(html, Encoding.UTF8, "text/html"));
        Assert.Equal(HttpStatusCode.Created, page.StatusCode);
        using var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
        Assert.Equal("Press release", body.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain("evil", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lead_signed_in_by_cookie_may_import_with_the_antiforgery_header()
    {
        var client = await factory.SignedInApiClientAsync("lead@factcheck.local");
        var response = await client.PostAsync("/api/documents", new StringContent(Wire + " " + Guid.NewGuid(), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_cookie_import_without_the_antiforgery_header_is_refused_as_another_site_would_send_it()
    {
        var client = await factory.SignedInClientAsync("lead@factcheck.local");
        var text = Wire + " forged " + Guid.NewGuid();
        var response = await client.PostAsync("/api/documents", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Callers_who_may_not_import_are_refused()
    {
        var anonymous = await factory.CreateClient().PostAsync("/api/documents", new StringContent(Wire, Encoding.UTF8, "text/plain"));
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, await anonymous.Content.ReadAsStringAsync());

        var badToken = factory.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fct_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badToken.PostAsync("/api/documents", new StringContent(Wire, Encoding.UTF8, "text/plain"))).StatusCode);

        var reviewer = await TokenClientAsync("alice@factcheck.local");
        var refused = await reviewer.PostAsync("/api/documents", new StringContent(Wire + " reviewer", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only leads and admins", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_4xx_and_stores_nothing()
    {
        var client = await TokenClientAsync("lead@factcheck.local");
        var before = await DocumentCountAsync();

        var empty = await client.PostAsync("/api/documents", new StringContent("   ", Encoding.UTF8, "text/plain"));
        var binary = await client.PostAsync("/api/documents", new ByteArrayContent([0x00, 0x01, 0x02, 0x03]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } });
        var brokenPdf = await client.PostAsync("/api/documents", new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7 this is not really a pdf")) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } });
        var unsupported = await client.PostAsync("/api/documents", new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } });
        var malformedJson = await client.PostAsync("/api/documents", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        var scriptTitle = await client.PostAsJsonAsync("/api/documents", new { title = "<script>alert(1)</script>", text = Wire });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, brokenPdf.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformedJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, scriptTitle.StatusCode);
        Assert.Contains("binary", await binary.Content.ReadAsStringAsync());
        Assert.Equal(before, await DocumentCountAsync());
    }

    private async Task<int> DocumentCountAsync()
    {
        var lead = await factory.ActorAsync("lead@factcheck.local");
        return (await factory.Services.GetRequiredService<FactCheck.Core.Review.ClaimQueryService>().ListDocumentsAsync(lead, 1000)).Count;
    }
}

public sealed class DocumentsApiTestsOnSqlite(FactCheckWebFactory factory) : DocumentsApiTests<FactCheckWebFactory>(factory);

public sealed class DocumentsApiTestsOnPostgres(PostgresWebFactory factory) : DocumentsApiTests<PostgresWebFactory>(factory);
