using System.Net;
using System.Text.Json;
using FactCheck.Core.Readers;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>Leads' exports over HTTP, and the readers' static forms (suggestion, correction request) with antiforgery.</summary>
public sealed class ExportAndReaderTests(PublishedSite site) : IClassFixture<PublishedSite>
{
    public static TheoryData<string> Exports => new() { "/api/exports/claims.csv", "/api/exports/claims.json", "/api/exports/claimreviews.json" };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Exports_are_refused_to_anonymous_callers_with_401(string path)
    {
        var response = await site.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/exports/claims.csv", "reader@factcheck.local")]
    [InlineData("/api/exports/claims.json", "reader@factcheck.local")]
    [InlineData("/api/exports/claimreviews.json", "reader@factcheck.local")]
    [InlineData("/api/exports/claims.csv", "alice@factcheck.local")]
    [InlineData("/api/exports/claims.json", "bob@factcheck.local")]
    [InlineData("/api/exports/claimreviews.json", "alice@factcheck.local")]
    public async Task Exports_are_refused_to_readers_and_reviewers_with_403(string path, string email)
    {
        var client = await site.Factory.SignedInClientAsync(email);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Only leads and admins", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lead_exports_claims_as_CSV_with_verdicts_sources_and_publication()
    {
        var client = await site.Factory.SignedInClientAsync("lead@factcheck.local");
        var response = await client.GetAsync("/api/exports/claims.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("factcheck-claims.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        var header = csv.TrimStart('\uFEFF').Split('\n')[0].Trim();
        Assert.Equal("Id,Claim,Attribution,Kind,Status,Tags,Document,DocumentUrl,FinalRating,Summary,PublishedAt,Version,PublicUrl,Verdicts,Sources", header);
        Assert.Contains($"http://localhost/verdicts/{site.CorrectedSlug}", csv);
        Assert.Contains("[Refutes] UN report <https://www.un.org/en/report>", csv);
        Assert.Contains("The **UN count** is far lower.", csv);
        // The dismissed claim is workspace data: leads export it too, with its status.
        Assert.Contains("Dismissed", csv);
    }

    [Fact]
    public async Task A_lead_exports_claims_and_the_ClaimReview_set_as_JSON()
    {
        var client = await site.Factory.SignedInClientAsync("admin@factcheck.local");
        using var claims = JsonDocument.Parse(await client.GetStringAsync("/api/exports/claims.json"));
        var corrected = claims.RootElement.EnumerateArray().Single(c =>
            c.GetProperty("publication").ValueKind == JsonValueKind.Object && c.GetProperty("publication").GetProperty("slug").GetString() == site.CorrectedSlug);
        Assert.Equal("False", corrected.GetProperty("publication").GetProperty("rating").GetString());
        Assert.Equal(2, corrected.GetProperty("publication").GetProperty("versionNumber").GetInt32());
        Assert.Equal(2, corrected.GetProperty("sources").GetArrayLength());
        Assert.Equal("Misleading", Assert.Single(corrected.GetProperty("verdicts").EnumerateArray()).GetProperty("rating").GetString());
        Assert.Equal(["casualties", "health"], corrected.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());

        var response = await client.GetAsync("/api/exports/claimreviews.json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reviews = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([$"http://localhost/verdicts/{site.CorrectedSlug}", $"http://localhost/verdicts/{site.PlainSlug}"],
            reviews.RootElement.EnumerateArray().Select(r => r.GetProperty("url").GetString()).Order());
        Assert.All(reviews.RootElement.EnumerateArray(), r => Assert.Equal("ClaimReview", r.GetProperty("@type").GetString()));
    }

    [Fact]
    public async Task Anonymous_readers_are_sent_to_sign_in_before_suggesting()
    {
        var response = await site.Anonymous().GetAsync("/my/suggestions");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery);
        var list = await site.Anonymous().GetStringAsync("/verdicts");
        Assert.Contains("Sign in to suggest a claim to check", list);
    }

    [Fact]
    public async Task A_reader_suggests_through_the_form_and_a_refusal_keeps_the_draft()
    {
        var client = await site.Factory.SignedInClientAsync("reader@factcheck.local");
        var form = await client.GetStringAsync("/my/suggestions");
        var refused = await client.PostAsync("/my/suggestions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PublishedSite.AntiforgeryToken(form),
            ["_handler"] = "suggestion",
            ["Input.Text"] = "Check this <script>alert(1)</script>",
            ["Input.Url"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("contains script or active HTML", await refused.Content.ReadAsStringAsync());

        form = await client.GetStringAsync("/my/suggestions");
        var sent = await client.PostAsync("/my/suggestions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PublishedSite.AntiforgeryToken(form),
            ["_handler"] = "suggestion",
            ["Input.Text"] = "The mayor said bus fares fell by half in 2024.",
            ["Input.Url"] = "https://city.example/speech",
        }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/my/suggestions?sent=suggestion", new Uri(new Uri("http://localhost"), sent.Headers.Location!).PathAndQuery);
        var page = PublishedSite.Visible(await client.GetStringAsync("/my/suggestions?sent=suggestion"));
        Assert.Contains("The mayor said bus fares fell by half in 2024.", page);
        Assert.Contains("Waiting for an editor", page);

        var lead = await site.Factory.ActorAsync("lead@factcheck.local");
        var inbox = await site.Factory.Services.GetRequiredService<ReaderRequestService>().ListInboxAsync(lead);
        Assert.Contains(inbox.Suggestions, s => s.Url == "https://city.example/speech");
    }

    [Fact]
    public async Task A_reader_asks_for_a_correction_from_the_verdict_page()
    {
        var client = await site.Factory.SignedInClientAsync("reader@factcheck.local");
        var page = await client.GetStringAsync($"/verdicts/{site.PlainSlug}");
        Assert.Contains("id=\"correction-message\"", page);
        var response = await client.PostAsync($"/verdicts/{site.PlainSlug}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PublishedSite.AntiforgeryToken(page),
            ["_handler"] = "correction",
            ["Correction.Message"] = "The record was amended in May.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/my/suggestions?sent=correction", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
        var mine = PublishedSite.Visible(await client.GetStringAsync("/my/suggestions"));
        Assert.Contains("The record was amended in May.", mine);
    }
}
