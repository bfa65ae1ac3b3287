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
