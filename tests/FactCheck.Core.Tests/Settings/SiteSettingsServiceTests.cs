using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Core.Settings;
using FactCheck.Core.Workflow;

namespace FactCheck.Core.Tests.Settings;

/// <summary>Admin settings over configuration, and the "Claim it" self-assignment they switch on.</summary>
public abstract class SiteSettingsServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Stored_settings_override_configuration_and_blank_fields_fall_back()
    {
        var initial = await db.Settings.GetProfileAsync();
        Assert.Equal("Test Desk", initial.Organization.Name);
        Assert.Equal("Misleading", initial.Labels.Label(Rating.Misleading));

        var input = await db.Settings.GetForEditAsync(db.Admin);
        input.OrganizationName = "Checkers United";
        input.OrganizationLogoUrl = "https://checkers.example/logo.png";
        input.RatingLabels[Rating.Misleading] = "Missing context";
        var saved = await db.Settings.UpdateAsync(db.Admin, input);

        Assert.Equal("Checkers United", saved.Organization.Name);
        Assert.Equal("https://desk.test/", saved.Organization.Url);
        Assert.Equal("https://checkers.example/logo.png", saved.Organization.LogoUrl);
        Assert.Equal("Missing context", saved.Labels.Label(Rating.Misleading));
        Assert.Equal("False", saved.Labels.Label(Rating.False));
        Assert.Equal("Checkers United", (await db.Settings.GetProfileAsync()).Organization.Name);
    }

    [Fact]
    public async Task Only_admins_change_settings_and_bad_values_are_refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Settings.GetForEditAsync(db.Lead));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Settings.UpdateAsync(db.Lead, new SiteSettingsInput { OrganizationName = "Hijacked" }));

        var script = await Assert.ThrowsAsync<ValidationException>(() => db.Settings.UpdateAsync(db.Admin, new SiteSettingsInput { OrganizationName = "<script>x</script>" }));
        Assert.Contains("Organization name", script.Message);
        var url = await Assert.ThrowsAsync<ValidationException>(() => db.Settings.UpdateAsync(db.Admin, new SiteSettingsInput { OrganizationLogoUrl = "javascript:alert(1)" }));
        Assert.Contains("Logo URL", url.Message);
        var labels = new SiteSettingsInput();
        labels.RatingLabels[Rating.Mixed] = "false";
        var clash = await Assert.ThrowsAsync<ValidationException>(() => db.Settings.UpdateAsync(db.Admin, labels));
        Assert.Contains("cannot share", clash.Message);
        Assert.Equal("Test Desk", (await db.Settings.GetProfileAsync()).Organization.Name);
    }

    [Fact]
    public async Task A_stale_settings_form_is_a_conflict()
    {
        var first = await db.Settings.GetForEditAsync(db.Admin);
        var second = await db.Settings.GetForEditAsync(db.Admin);
        first.OrganizationName = "First";
        await db.Settings.UpdateAsync(db.Admin, first);
        second.OrganizationName = "Second";
        await Assert.ThrowsAsync<ConflictException>(() => db.Settings.UpdateAsync(db.Admin, second));
        Assert.Equal("First", (await db.Settings.GetProfileAsync()).Organization.Name);
    }

    [Fact]
    public async Task Claim_it_is_refused_while_self_assignment_is_off_and_works_once_on()
    {
        var claimId = await db.ImportClaimAsync();
        var off = await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.SelfAssignAsync(db.Alice, claimId));
        Assert.Contains("turned off", off.Message);
        Assert.Empty((await db.LoadClaimAsync(claimId)).Assignments);

        await db.Settings.UpdateAsync(db.Admin, new SiteSettingsInput { ReviewersMaySelfAssign = true });
        var auditBefore = await db.AuditCountAsync();
        await db.Review.SelfAssignAsync(db.Alice, claimId);
        var claim = await db.LoadClaimAsync(claimId);
        Assert.Equal(ClaimStatus.Assigned, claim.Status);
        var assignment = Assert.Single(claim.Assignments);
        Assert.Equal((db.Alice.UserId, db.Alice.UserId), (assignment.ReviewerId, assignment.AssignedById));
        Assert.Equal(auditBefore + 1, await db.AuditCountAsync());

        // A second reviewer may join an Assigned claim; nobody claims it twice.
        await db.Review.SelfAssignAsync(db.Bob, claimId);
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.SelfAssignAsync(db.Bob, claimId));
        Assert.Equal(2, (await db.LoadClaimAsync(claimId)).Assignments.Count);
    }

    [Fact]
    public async Task Claim_it_is_for_reviewers_on_unstarted_claims_only()
    {
        await db.Settings.UpdateAsync(db.Admin, new SiteSettingsInput { ReviewersMaySelfAssign = true });
        var claimId = await db.ImportClaimAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.SelfAssignAsync(db.Reader, claimId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Review.SelfAssignAsync(db.Lead, claimId));

        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        await db.Review.AddSourceAsync(db.Alice, claimId, "https://www.un.org/report", "UN report", SourceStance.Refutes);
        var started = await Assert.ThrowsAsync<WorkflowException>(() => db.Review.SelfAssignAsync(db.Bob, claimId));
        Assert.Contains("New or Assigned", started.Message);
        Assert.Single((await db.LoadClaimAsync(claimId)).Assignments);
    }
}

public sealed class SiteSettingsServiceTestsOnSqlite() : SiteSettingsServiceTests(DatabaseProvider.Sqlite);

public sealed class SiteSettingsServiceTestsOnPostgres() : SiteSettingsServiceTests(DatabaseProvider.Postgres);
