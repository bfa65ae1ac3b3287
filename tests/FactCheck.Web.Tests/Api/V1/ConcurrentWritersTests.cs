using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using FactCheck.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FactCheck.Web.Tests.Api.V1;

/// <summary>
/// 50 writers post comments and sources through /api/v1 on one claim (half as the lead, half as the
/// assigned reviewer, by token) for FACTCHECK_WRITERS_SECONDS (default 10; the issue's proof ran 30):
/// no 5xx, every acknowledged write is read back and audited, none lost. Latency is printed, not asserted.
/// </summary>
public sealed class ConcurrentWritersTests(FactCheckWebFactory factory, ITestOutputHelper output) : IClassFixture<FactCheckWebFactory>
{
    private const int Writers = 50;

    [Fact]
    public async Task Fifty_concurrent_writers_lose_nothing_that_was_acknowledged()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("FACTCHECK_WRITERS_SECONDS"), out var s) ? s : 10;
        var world = new ApiWorld(factory);
        var (claimId, _) = await world.ClaimAsync(ClaimStatus.Assigned);
        var lead = await world.ClientAsync(Who.Lead, How.ScopedToken);
        var reviewer = await world.ClientAsync(Who.ReviewerAssigned, How.ScopedToken);
        var acknowledged = new ConcurrentBag<(string Kind, int Id, string Marker)>();
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var client = writer % 2 == 0 ? lead : reviewer;
            for (var n = 0; DateTime.UtcNow < deadline; n++)
            {
                var marker = $"w{writer}-n{n}-{Guid.NewGuid():N}";
                var isComment = n % 2 == 0;
                var watch = Stopwatch.StartNew();
                using var response = isComment
                    ? await client.PostAsJsonAsync($"/api/v1/claims/{claimId}/comments", new { text = $"Comment {marker}" })
                    : await client.PostAsJsonAsync($"/api/v1/claims/{claimId}/sources", new { url = $"https://example.org/{marker}", title = $"Source {marker}", stance = "Context" });
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
                if (response.IsSuccessStatusCode)
                {
                    var created = await response.Content.ReadFromJsonAsync<JsonElement>();
                    acknowledged.Add((isComment ? "comment" : "source", created.GetProperty("id").GetInt32(), marker));
                }
            }
        })));

        var claim = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}");
        var comments = claim.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToHashSet();
        var sources = claim.GetProperty("sources").EnumerateArray().Select(c => c.GetProperty("title").GetString()!).ToHashSet();
        var lost = acknowledged.Count(a => !(a.Kind == "comment" ? comments.Contains($"Comment {a.Marker}") : sources.Contains($"Source {a.Marker}")));
        await using var db = await world.DbFactory.CreateDbContextAsync();
        var audited = await db.AuditEvents.CountAsync(e => e.ClaimId == claimId && (e.Action == "CommentAdded" || e.Action == "SourceAdded"));

        var sorted = latencies.OrderBy(l => l).ToList();
        output.WriteLine($"{Writers} writers, {seconds} s: {acknowledged.Count} acknowledged, {lost} lost, audited {audited}; " +
            $"p50 {sorted[sorted.Count / 2]:0} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:0} ms; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}x{p.Value}"))}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.DoesNotContain(statuses.Keys, status => status >= 500);
        Assert.NotEmpty(acknowledged);
        Assert.Equal(0, lost);
        Assert.Equal(acknowledged.Count, comments.Count + sources.Count);
        Assert.Equal(acknowledged.Count, audited);
    }
}
