using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>Imports over HTTP through the queue: 202 and the job for large text, nothing visible half-written, bad input refused at once.</summary>
public abstract class ImportQueueApiTests
{
    /// <summary>Text above this many bytes goes to the worker (the default is 256 KB; small here so a test document is "large").</summary>
    private const int InlineBytes = 1000;

    protected abstract FactCheckWebFactory NewFactory(Dictionary<string, string?> settings);

    private FactCheckWebFactory QueueingFactory(long maxBytes = 10 * 1024 * 1024) => NewFactory(new()
    {
        ["Import:InlineBytes"] = InlineBytes.ToString(),
        ["Import:WaitSeconds"] = "0",
        ["Import:BatchSize"] = "7",
        ["Import:MaxBytes"] = maxBytes.ToString(),
        ["Import:PollSeconds"] = "0.2",
    });

    private static string Report(string marker) => string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
        $"The ministry said {i * 41 + 3} {marker} were closed in district {i} on Monday, according to officials."));

    [Fact]
    public async Task A_large_import_answers_202_with_the_job_and_the_document_appears_complete_once_written()
    {
        using var factory = QueueingFactory();
        var client = factory.TokenClient(await factory.TokenAsync("lead@factcheck.local", "lead"));
        var text = Report("libraries");
        Assert.True(Encoding.UTF8.GetByteCount(text) > InlineBytes);

        var accepted = await client.PostAsync("/api/documents?title=Library%20closures", new StringContent(text, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;
        Assert.Matches(@"^/api/v1/imports/\d+$", location);
        using (var body = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()))
        {
            Assert.Equal(location, body.RootElement.GetProperty("url").GetString());
            Assert.Equal("Library closures", body.RootElement.GetProperty("title").GetString());
        }

        var job = await FollowAsync(client, location);
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "Matching", "Completed" });
        var claims = job.GetProperty("claims").GetInt32();
        Assert.Equal(40, claims);
        var document = await client.GetFromJsonAsync<JsonElement>(job.GetProperty("documentUrl").GetString());
        Assert.Equal("Library closures", document.GetProperty("title").GetString());
        Assert.Equal(claims, document.GetProperty("claims").GetArrayLength());

        // The same text again is recognized at once, without a new job.
        var again = await client.PostAsync("/api/v1/documents", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(document.GetProperty("id").GetInt32(), JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("documentId").GetInt32());
    }

    [Fact]
    public async Task Bad_input_is_refused_at_once_and_nothing_is_queued()
    {
        using var factory = QueueingFactory(maxBytes: 3000);
        var client = factory.TokenClient(await factory.TokenAsync("lead@factcheck.local", "lead"));
        var before = await JobCountAsync(factory);

        var empty = await client.PostAsync("/api/documents", new StringContent(" \n ", Encoding.UTF8, "text/plain"));
        var oversize = await client.PostAsync("/api/documents", new StringContent(Report("courts") + Report("farms"), Encoding.UTF8, "text/plain"));
        var oversizeJson = await client.PostAsJsonAsync("/api/v1/documents", new { title = "Big", text = Report("mines") + Report("docks") });
        var badTitle = await client.PostAsJsonAsync("/api/v1/documents", new { title = "\u202Egnp.exe", text = Report("parks") });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("limit", await oversize.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, oversizeJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTitle.StatusCode);
        Assert.Equal(before, await JobCountAsync(factory));
    }

    [Fact]
    public async Task A_document_still_being_written_is_invisible_through_the_api()
    {
        using var factory = QueueingFactory();
        var client = factory.TokenClient(await factory.TokenAsync("lead@factcheck.local", "lead"));
        _ = factory.Server; // started: the seed data is in
        var (documentId, claimId) = await HiddenDocumentAsync(factory, "quokkas");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/documents?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetInt32() == documentId);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/claims/{claimId}")).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/claims?q=quokkas")).GetProperty("total").GetInt32());

        // The same document, complete: every read finds it (so the refusals above are the filter's doing).
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync())
        {
            await db.Documents.IgnoreQueryFilters().Where(d => d.Id == documentId).ExecuteUpdateAsync(u => u.SetProperty(d => d.PendingImportJobId, (int?)null));
            await db.Claims.IgnoreQueryFilters().Where(c => c.DocumentId == documentId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ImportPending, false));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/claims/{claimId}")).StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/claims?q=quokkas")).GetProperty("total").GetInt32());
    }

    /// <summary>Polls the job until its document is ready (or it failed); the worker runs in the background.</summary>
    private static async Task<JsonElement> FollowAsync(HttpClient client, string url)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(url);
            var status = job.GetProperty("status").GetString();
            Assert.NotEqual("Failed", status);
            if (job.GetProperty("documentUrl").ValueKind == JsonValueKind.String) return job;
            Assert.True(DateTime.UtcNow < deadline, $"the import is still {status} at {job.GetProperty("percent")}%");
            await Task.Delay(200);
        }
    }

    private static async Task<int> JobCountAsync(FactCheckWebFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();
        return await db.ImportJobs.CountAsync();
    }

    /// <summary>A document as a worker leaves it mid-import: hidden, with a claim, its job in Writing and held.</summary>
    private static async Task<(int DocumentId, int ClaimId)> HiddenDocumentAsync(FactCheckWebFactory factory, string word)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();
        var lead = await db.Users.Where(u => u.Email == "lead@factcheck.local").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var job = new ImportJob
        {
            CreatedById = lead, CreatedByName = "lead", CreatedAt = now, UpdatedAt = now, FileName = "hidden.txt", Title = "Hidden", Text = "x", ContentHash = Guid.NewGuid().ToString("N"),
            Status = ImportJobStatus.Writing, LeaseOwner = "a live worker elsewhere", LeaseUntil = now.AddHours(1),
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync();
        var text = $"Officials said 12 {word} escaped from the zoo on Monday.";
        var document = new Document
        {
            Title = "Hidden", Text = text, ContentHash = job.ContentHash, ImportedById = lead, ImportedAt = now, PendingImportJobId = job.Id,
            Claims = [new Claim { Text = text, SpanStart = 0, SpanLength = text.Length, Score = 0.9, Status = ClaimStatus.New, CreatedAt = now, UpdatedAt = now, ImportPending = true }],
        };
        db.Documents.Add(document);
        await db.SaveChangesAsync();
        return (document.Id, document.Claims[0].Id);
    }
}

public sealed class ImportQueueApiTestsOnSqlite : ImportQueueApiTests
{
    protected override FactCheckWebFactory NewFactory(Dictionary<string, string?> settings) => new() { Settings = settings };
}

public sealed class ImportQueueApiTestsOnPostgres : ImportQueueApiTests
{
    protected override FactCheckWebFactory NewFactory(Dictionary<string, string?> settings) => new PostgresWebFactory { Settings = settings };
}
