using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Extraction;

namespace FactCheck.Core.Tests.Review;

/// <summary>A lead's work on extracted claims: accept, edit, merge, add from the document.</summary>
public abstract class ClaimTriageTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_lead_accepts_and_edits_a_claim_and_a_stale_edit_is_a_conflict()
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AcceptAsync(db.Lead, claimId);
        var loaded = await db.LoadClaimAsync(claimId);
        Assert.NotNull(loaded.AcceptedAt);

        await db.Review.EditClaimAsync(db.Lead, claimId, "445,581 people were killed in 2024.", "The ministry", ClaimKind.Statistic, loaded.Version);
        var edited = await db.LoadClaimAsync(claimId);
        Assert.Equal("445,581 people were killed in 2024.", edited.Text);
        Assert.Equal("The ministry", edited.Attribution);
        Assert.Equal(loaded.SpanStart, edited.SpanStart);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            db.Review.EditClaimAsync(db.Admin, claimId, "Stale wording.", null, ClaimKind.Statement, loaded.Version));
        Assert.Contains("445,581 people were killed in 2024.", conflict.TheirChange);
        Assert.Equal("445,581 people were killed in 2024.", (await db.LoadClaimAsync(claimId)).Text);
    }

    [Fact]
    public async Task Reviewers_cannot_triage_claims()
    {
        var claimId = await db.ImportClaimAsync();
        var version = (await db.LoadClaimAsync(claimId)).Version;
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.AcceptAsync(db.Alice, claimId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.EditClaimAsync(db.Alice, claimId, "Mine now.", null, ClaimKind.Statement, version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.MergeAsync(db.Alice, claimId, claimId + 1));
        var claim = await db.LoadClaimAsync(claimId);
        Assert.Null(claim.AcceptedAt);
        Assert.Equal(version, claim.Version);
    }

    [Fact]
    public async Task Merging_dismisses_the_duplicate_with_a_link_to_the_claim_that_stays()
    {
        var keep = await db.ImportClaimAsync();
        var duplicate = await db.ImportClaimAsync("Officials said 1,200 people were killed in the attack on Monday.");

        await Assert.ThrowsAsync<ValidationException>(() => db.Review.MergeAsync(db.Lead, duplicate, duplicate));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.MergeAsync(db.Lead, duplicate, 999_999));
        await db.Review.MergeAsync(db.Lead, duplicate, keep);

        var merged = await db.LoadClaimAsync(duplicate);
        Assert.Equal(ClaimStatus.Dismissed, merged.Status);
        Assert.Equal(keep, merged.DuplicateOfId);
        Assert.Contains($"#{keep}", merged.DismissalReason);
    }

    [Fact]
    public async Task A_lead_adds_a_claim_from_a_selected_passage_with_its_exact_span()
    {
        const string text = "Attack on Hospitals\n\nThe clinic treated more patients this winter than ever before. Nice weather.";
        var result = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Clinic", text));
        var document = (await db.Queries.GetDocumentAsync(db.Lead, result.DocumentId))!;
        // Part of a sentence: the lead claims only the passage that matters.
        var start = document.Text.IndexOf("treated more patients", StringComparison.Ordinal);
        var length = "treated more patients this winter than ever before".Length;

        // The selection may start with a space; the claim is trimmed to the words.
        var claimId = await db.Importer.AddClaimFromSpanAsync(db.Lead, result.DocumentId, start - 1, length + 1);

        var claim = await db.LoadClaimAsync(claimId);
        Assert.Equal(start, claim.SpanStart);
        Assert.Equal(length, claim.SpanLength);
        Assert.Equal(document.Text.Substring(start, length), claim.Text);
        Assert.NotNull(claim.AcceptedAt);
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.AddClaimFromSpanAsync(db.Lead, result.DocumentId, start, length));
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.AddClaimFromSpanAsync(db.Lead, result.DocumentId, start, 3));
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.AddClaimFromSpanAsync(db.Lead, result.DocumentId, document.Text.Length - 5, 50));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Importer.AddClaimFromSpanAsync(db.Alice, result.DocumentId, start, length));
    }

    [Fact]
    public async Task A_claim_seen_before_is_linked_to_the_earlier_one()
    {
        var first = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Monday",
            "The health ministry said 1,200 people were killed in the attack on the city on Monday."));
        var second = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Tuesday",
            "On Monday, 1,200 people were killed in the attack on the city, the health ministry said. Separately, wheat prices rose 4% in March."));

        var original = Assert.Single(first.Claims);
        var repeat = await db.LoadClaimAsync(second.Claims.Single(c => c.Text.Contains("1,200")).Id);
        Assert.Equal(original.Id, repeat.SimilarToId);
        Assert.True(repeat.Similarity >= ClaimMatcher.NearDuplicate);
        var unrelated = await db.LoadClaimAsync(second.Claims.Single(c => c.Text.Contains("wheat")).Id);
        Assert.Null(unrelated.SimilarToId);

        var listed = await db.Queries.ListSimilarAsync(db.Alice, original.Id, original.Text);
        Assert.Contains(listed, s => s.Id == repeat.Id);
    }
}

public sealed class ClaimTriageTestsOnSqlite() : ClaimTriageTests(DatabaseProvider.Sqlite);

public sealed class ClaimTriageTestsOnPostgres() : ClaimTriageTests(DatabaseProvider.Postgres);
