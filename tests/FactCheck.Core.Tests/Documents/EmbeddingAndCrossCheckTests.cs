using FactCheck.Core.Documents;
using FactCheck.Core.Events;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Tests.Documents;

/// <summary>The background embedding pass, the index shared through the database, and the quantity cross-check (real model, real SQLite and PostgreSQL).</summary>
public abstract class EmbeddingAndCrossCheckTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string Article = "According to Gaza's Ministry of Health, at least 445,581 Palestinians have been killed in Gaza since October 7, 2023.";
    private const string Wire = "The Gaza health ministry said on Saturday that 45,581 Palestinians have been killed in Gaza since October 7, 2023.";

    [Fact]
    public async Task A_toll_ten_times_the_ministry_figure_is_flagged_with_the_other_source()
    {
        var article = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Article", Article));
        var wire = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Wire note", Wire, Publisher: "Demo wire"));
        var cross = db.Services.GetRequiredService<QuantityCrossCheck>();

        var conflict = Assert.Single(await cross.ForClaimAsync(db.Alice, article.Claims.Single().Id));
        Assert.Equal(("killed", "445,581", "45,581", "Wire note", "Demo wire"), (conflict.Measure, conflict.Text, conflict.OtherText, conflict.OtherDocumentTitle, conflict.OtherPublisher));
        Assert.Equal(article.Claims.Single().Id, Assert.Single(await cross.ForClaimAsync(db.Alice, wire.Claims.Single().Id)).OtherClaimId);
        await Assert.ThrowsAsync<FactCheck.Core.Security.AccessDeniedException>(() => cross.ForClaimAsync(FactCheck.Core.Security.Actor.Anonymous, article.Claims.Single().Id));
    }

    [Fact]
    public async Task A_claim_a_lead_adds_by_hand_has_its_figures_cross_checked()
    {
        var article = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Article", Article));
        await db.Importer.ImportAsync(db.Lead, new ImportRequest("Wire note", Wire, Publisher: "Demo wire"));
        const string Passage = "at least 445,581 Palestinians have been killed in Gaza";

        var added = await db.Importer.AddClaimFromSpanAsync(db.Lead, article.DocumentId, Article.IndexOf(Passage, StringComparison.Ordinal), Passage.Length);

        var conflict = Assert.Single(await db.Services.GetRequiredService<QuantityCrossCheck>().ForClaimAsync(db.Alice, added));
        Assert.Equal(("445,581", "45,581", "Wire note"), (conflict.Text, conflict.OtherText, conflict.OtherDocumentTitle));
    }

    [Fact]
    public async Task Rewording_a_claims_figure_replaces_its_quantities_and_clears_the_conflict()
    {
        var article = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Article", Article));
        await db.Importer.ImportAsync(db.Lead, new ImportRequest("Wire note", Wire, Publisher: "Demo wire"));
        var cross = db.Services.GetRequiredService<QuantityCrossCheck>();
        var claimId = article.Claims.Single().Id;
        Assert.Single(await cross.ForClaimAsync(db.Alice, claimId));
        var claim = (await db.Queries.GetAsync(db.Alice, claimId))!;

        await db.Review.EditClaimAsync(db.Lead, claimId, Article.Replace("445,581", "45,581", StringComparison.Ordinal), claim.Attribution, claim.Kind, claim.Version);

        Assert.Empty(await cross.ForClaimAsync(db.Alice, claimId));
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(["45,581"], await context.ClaimQuantities.Where(q => q.ClaimId == claimId).Select(q => q.Text).ToListAsync());
    }

    [Fact]
    public async Task The_grid_checks_a_page_of_claims_in_one_call()
    {
        var article = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Article", Article + " Unemployment in Ohio fell to 4 percent last year."));
        var wire = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Wire note", Wire, Publisher: "Demo wire"));
        var ids = article.Claims.Select(c => c.Id).Concat(wire.Claims.Select(c => c.Id)).ToList();

        var conflicts = await db.Services.GetRequiredService<QuantityCrossCheck>().ForClaimsAsync(db.Alice, ids);

        var toll = article.Claims.Single(c => c.Text.Contains("445,581", StringComparison.Ordinal)).Id;
        Assert.Equal([toll, wire.Claims.Single().Id], conflicts.Keys.Order());
        Assert.Equal("45,581", Assert.Single(conflicts[toll]).OtherText);
    }

    [Fact]
    public async Task Search_finds_final_in_a_pdf_that_spelled_it_with_a_ligature()
    {
        var imported = await db.Importer.ImportFileAsync(db.Lead, "floods.pdf", FactCheck.Extraction.Tests.LigaturePdf.Build());

        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            var text = await context.Documents.Where(d => d.Id == imported.DocumentId).Select(d => d.Text).SingleAsync();
            Assert.DoesNotContain("\uFB01", text, StringComparison.Ordinal);
            var claim = Assert.Single(imported.Claims);
            Assert.Equal(claim.Text, text.Substring(claim.Start, claim.Length));
        }
        var found = await db.Queries.ListAsync(db.Alice, new ClaimQuery { Search = "final floods officials" });
        Assert.Equal(imported.Claims.Single().Id, Assert.Single(found.Items).Id);
    }

    [Fact]
    public async Task The_embedding_pass_stores_every_claims_embedding_rescores_and_another_instance_sees_them()
    {
        var imported = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Article", Article + " Unemployment in Ohio fell to 4 percent last year."));
        var pass = db.Services.GetRequiredService<ClaimEmbeddingPass>();
        Assert.Equal(imported.Claims.Count, await pass.PendingAsync());
        var before = db.Events.Count;

        Assert.Equal(imported.Claims.Count, await pass.RunBatchAsync());
        Assert.Equal(0, await pass.RunBatchAsync());

        await using (var context = await db.DbFactory.CreateDbContextAsync())
            Assert.All(await context.ClaimEmbeddings.ToListAsync(), e => Assert.Equal(388, e.Vector.Length));
        // New claims are rescored by the hybrid model when the shipped model file carries one, and open views told.
        Assert.Equal(FactCheck.Extraction.ClaimExtractor.Default.HasHybrid,
            db.Events.Skip(before).Any(e => e.Type == ReviewEventTypes.ClaimUpdated && e.DocumentId == imported.DocumentId));
        // Another instance, started later, loads the claims with their embeddings from the database.
        var other = new ClaimMatcher(db.DbFactory);
        Assert.Empty(await other.FindAsync("Ohio's unemployment rate fell to 4 percent last year.", 3));
        await other.RefreshAsync();
        Assert.Equal(imported.Claims.Count, other.EmbeddedCount);
        var match = Assert.Single(await other.FindAsync("Ohio's unemployment rate fell to 4 percent last year.", 3));
        Assert.Equal(imported.Claims.Single(c => c.Text.Contains("Ohio")).Id, match.ClaimId);
    }
}

public sealed class EmbeddingAndCrossCheckTestsOnSqlite() : EmbeddingAndCrossCheckTests(DatabaseProvider.Sqlite);

public sealed class EmbeddingAndCrossCheckTestsOnPostgres() : EmbeddingAndCrossCheckTests(DatabaseProvider.Postgres);
