using System.Text.Json;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Publishing;
using FactCheck.Core.Security;
using FactCheck.Core.Settings;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Tests.Review;

/// <summary>The lead says whether the claimant is a Person or an Organization; ClaimReview follows their word.</summary>
public abstract class ClaimantTypeTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly OrganizationOptions Desk = new() { Name = "FactCheck Desk", Url = "https://desk.example/" };

    [Fact]
    public async Task A_lead_sets_the_claimant_type_with_an_audit_row_and_a_new_version()
    {
        var claimId = await db.ImportClaimAsync();
        var loaded = await db.LoadClaimAsync(claimId);
        Assert.Equal(ClaimantType.Inferred, loaded.ClaimantType);

        // "Hamas officials" reads as an organization; the lead knows it is one spokesperson.
        await db.Review.EditClaimAsync(db.Lead, claimId, loaded.Text, "Hamas officials", loaded.Kind, loaded.Version, ClaimantType.Person);

        var edited = await db.LoadClaimAsync(claimId);
        Assert.Equal(ClaimantType.Person, edited.ClaimantType);
        Assert.NotEqual(loaded.Version, edited.Version);
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var audit = await context.AuditEvents.Where(a => a.ClaimId == claimId && a.Action == "ClaimEdited").SingleAsync();
        Assert.Equal((int)ClaimantType.Inferred, JsonDocument.Parse(audit.Before!).RootElement.GetProperty("claimantType").GetInt32());
        Assert.Equal((int)ClaimantType.Person, JsonDocument.Parse(audit.After!).RootElement.GetProperty("claimantType").GetInt32());
    }

    [Fact]
    public async Task An_edit_without_a_claimant_type_keeps_the_one_the_lead_chose()
    {
        var claimId = await db.ImportClaimAsync();
        var loaded = await db.LoadClaimAsync(claimId);
        await db.Review.EditClaimAsync(db.Lead, claimId, loaded.Text, "Dr. Ana Lopez", loaded.Kind, loaded.Version, ClaimantType.Organization);
        var once = await db.LoadClaimAsync(claimId);

        await db.Review.EditClaimAsync(db.Lead, claimId, "Reworded: " + once.Text, once.Attribution, once.Kind, once.Version);

        Assert.Equal(ClaimantType.Organization, (await db.LoadClaimAsync(claimId)).ClaimantType);
    }

    [Fact]
    public async Task Reviewers_an_unknown_type_and_a_stale_version_change_nothing()
    {
        var claimId = await db.ImportClaimAsync();
        var loaded = await db.LoadClaimAsync(claimId);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            db.Review.EditClaimAsync(db.Alice, claimId, loaded.Text, loaded.Attribution, loaded.Kind, loaded.Version, ClaimantType.Person));
        await Assert.ThrowsAsync<ValidationException>(() =>
            db.Review.EditClaimAsync(db.Lead, claimId, loaded.Text, loaded.Attribution, loaded.Kind, loaded.Version, (ClaimantType)7));
        await Assert.ThrowsAsync<ConflictException>(() =>
            db.Review.EditClaimAsync(db.Lead, claimId, loaded.Text, loaded.Attribution, loaded.Kind, Guid.NewGuid(), ClaimantType.Person));

        var after = await db.LoadClaimAsync(claimId);
        Assert.Equal(ClaimantType.Inferred, after.ClaimantType);
        Assert.Equal(loaded.Version, after.Version);
    }

    [Fact]
    public async Task The_published_ClaimReview_types_the_claimant_as_the_lead_set_it()
    {
        var claimId = await db.ImportClaimAsync();
        var loaded = await db.LoadClaimAsync(claimId);
        // By its name alone this reads as an organization.
        await db.Review.EditClaimAsync(db.Lead, claimId, loaded.Text, "Hamas officials", loaded.Kind, loaded.Version, ClaimantType.Person);
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "Wrong figure.");
        var publication = await db.Review.PublishAsync(db.Lead, claimId, Rating.False, "The figure is wrong.");

        var verdict = (await db.Public.GetAsync(publication.Slug))!;
        Assert.Equal(ClaimantType.Person, verdict.ClaimantType);
        var json = ClaimReviewBuilder.Build(verdict, Desk, new Uri("https://desk.example/"));
        Assert.Equal("Person", (string?)json["itemReviewed"]!["author"]!["@type"]);
        Assert.Equal("Hamas officials", (string?)json["itemReviewed"]!["author"]!["name"]);

        // After a reopen the lead's new choice is a draft: the public page keeps the published type until the correction.
        await db.Review.ReopenAsync(db.Lead, claimId);
        var reopened = await db.LoadClaimAsync(claimId);
        await db.Review.EditClaimAsync(db.Lead, claimId, reopened.Text, reopened.Attribution, reopened.Kind, reopened.Version, ClaimantType.Organization);
        Assert.Equal(ClaimantType.Person, (await db.Public.GetAsync(publication.Slug))!.ClaimantType);
    }
}

public sealed class ClaimantTypeTestsOnSqlite() : ClaimantTypeTests(DatabaseProvider.Sqlite);

public sealed class ClaimantTypeTestsOnPostgres() : ClaimantTypeTests(DatabaseProvider.Postgres);
