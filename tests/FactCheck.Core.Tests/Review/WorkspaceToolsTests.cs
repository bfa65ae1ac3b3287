using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Tests.Review;

/// <summary>The lead's tools over many claims: bulk actions, search, saved filters, audit, dashboard.</summary>
public abstract class WorkspaceToolsTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private T Service<T>() where T : notnull => db.Services.GetRequiredService<T>();

    [Fact]
    public async Task Bulk_assign_assigns_every_selected_claim_and_audits_each()
    {
        var ids = new[] { await db.ImportClaimAsync(), await db.ImportClaimAsync(), await db.ImportClaimAsync() };
        var audit = await db.AuditCountAsync();

        await db.Review.BulkAsync(db.Lead, ids, new BulkAction.Assign(db.Alice.UserId!, DateTimeOffset.UtcNow.AddDays(2)));
        await db.Review.BulkAsync(db.Lead, ids, new BulkAction.Assign(db.Bob.UserId!));

        foreach (var id in ids)
        {
            var claim = await db.LoadClaimAsync(id);
            Assert.Equal(ClaimStatus.Assigned, claim.Status);
            Assert.Equal(2, claim.ActiveAssignments.Count());
            Assert.NotNull(claim.DueAt);
        }
        Assert.Equal(audit + 6, await db.AuditCountAsync());
    }

    [Fact]
    public async Task A_bulk_action_on_claims_in_the_wrong_state_changes_nothing_and_names_them()
    {
        var fresh = await db.ImportClaimAsync();
        var published = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, published, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, published, Rating.True, "Right.");
        await db.Review.PublishAsync(db.Lead, published, Rating.True, "Right.");
        var audit = await db.AuditCountAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [fresh, published], new BulkAction.Dismiss("Not check-worthy")));

        Assert.Contains($"#{published}", refused.Message);
        Assert.DoesNotContain($"#{fresh}:", refused.Message);
        Assert.Equal(ClaimStatus.New, (await db.LoadClaimAsync(fresh)).Status);
        Assert.Equal(audit, await db.AuditCountAsync());
    }

    [Fact]
    public async Task Bulk_bad_input_is_refused_with_a_message()
    {
        var id = await db.ImportClaimAsync();
        var thousands = Enumerable.Range(0, 5000).Select(i => $"tag{i}").ToList();
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [id], new BulkAction.AddTags(thousands)));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [id], new BulkAction.AddTags(["<script>x</script>"])));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [id], new BulkAction.SetDueDate(DateTimeOffset.UtcNow.AddDays(-3))));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [id], new BulkAction.Assign(db.Reader.UserId!)));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [id], new BulkAction.Dismiss("  ")));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [], new BulkAction.SetPriority(ClaimPriority.High)));
        await Assert.ThrowsAsync<ValidationException>(() => db.Review.BulkAsync(db.Lead, [id, 987_654], new BulkAction.SetPriority(ClaimPriority.High)));
        var claim = await db.LoadClaimAsync(id);
        Assert.Equal("", claim.Tags);
        Assert.Null(claim.DueAt);
        Assert.Equal(ClaimPriority.Normal, claim.Priority);
        Assert.Empty(claim.ActiveAssignments);
    }

    [Fact]
    public async Task Tags_are_added_once_and_filter_the_list()
    {
        var id = await db.ImportClaimAsync();
        var other = await db.ImportClaimAsync();
        await db.Review.BulkAsync(db.Lead, [id], new BulkAction.AddTags(["Gaza", " health "]));
        await db.Review.BulkAsync(db.Lead, [id], new BulkAction.AddTags(["gaza"]));

        Assert.Equal("gaza,health", (await db.LoadClaimAsync(id)).Tags);
        var tagged = await db.Queries.ListAsync(db.Alice, new ClaimQuery { Tag = "Health" });
        Assert.Equal([id], tagged.Items.Select(c => c.Id));
        Assert.DoesNotContain(other, tagged.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Full_text_search_finds_claims_by_word_prefix_in_claims_and_their_documents()
    {
        var hospitals = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Gaza health report", "At least 22 hospitals have been destroyed since January, the ministry said."));
        await db.Importer.ImportAsync(db.Lead, new ImportRequest("Economy", "Inflation rose to 7.5% in March, the statistics office reported."));

        var byPrefix = await db.Queries.ListAsync(db.Alice, new ClaimQuery { Search = "hospit destr" });
        Assert.Equal(hospitals.Claims.Select(c => c.Id), byPrefix.Items.Select(c => c.Id));

        var byDocumentTitle = await db.Queries.ListAsync(db.Alice, new ClaimQuery { Search = "gaza report" });
        Assert.Equal(hospitals.Claims.Select(c => c.Id), byDocumentTitle.Items.Select(c => c.Id));

        // Operators and quotes in the input are words, never FTS syntax errors.
        Assert.Empty((await db.Queries.ListAsync(db.Alice, new ClaimQuery { Search = "\"unbalanced AND (NEAR* ^" })).Items);
    }

    [Fact]
    public async Task Search_matches_a_claims_own_words_not_every_claim_of_a_document_that_has_the_word()
    {
        var report = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Weekly briefing",
            "The ceasefire was broken 14 times on Monday, the army said. Inflation rose to 7.5% in March, the statistics office reported."));
        var ceasefireClaim = Assert.Single(report.Claims, c => c.Text.Contains("ceasefire"));

        var found = await db.Queries.ListAsync(db.Alice, new ClaimQuery { Search = "ceasefire" });

        Assert.True(report.Claims.Count > 1, "the document must hold another claim for this test to mean anything");
        Assert.Equal([ceasefireClaim.Id], found.Items.Select(c => c.Id));
        Assert.Equal(1, found.Total);
    }

    [Fact]
    public async Task Search_ranks_a_claim_naming_the_word_above_one_whose_document_title_has_it()
    {
        var byTitle = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Drought report",
            "Rainfall fell by 40% in the north last year, the weather service said."));
        var byText = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Farm news",
            "The drought destroyed 30% of the wheat harvest, the ministry said."));

        var found = await db.Queries.ListAsync(db.Alice, new ClaimQuery { Search = "drought" });

        Assert.Equal([byText.Claims[0].Id, byTitle.Claims[0].Id], found.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task An_edited_claim_is_found_by_its_new_words()
    {
        var id = await db.ImportClaimAsync();
        var claim = await db.LoadClaimAsync(id);
        await db.Review.EditClaimAsync(db.Lead, id, "Ambulances were blocked at the crossing.", null, Extraction.ClaimKind.Event, claim.Version);

        Assert.Equal([id], (await db.Queries.ListAsync(db.Lead, new ClaimQuery { Search = "ambulances crossing" })).Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Saved_filters_belong_to_their_owner()
    {
        var filters = Service<SavedFilterService>();
        var id = await filters.SaveAsync(db.Alice, "Mine, overdue", new ClaimQuery { AssigneeId = db.Alice.UserId, OverdueOnly = true });
        await filters.SaveAsync(db.Alice, "Mine, overdue", new ClaimQuery { AssigneeId = db.Alice.UserId, OverdueOnly = false });

        var saved = Assert.Single(await filters.ListAsync(db.Alice));
        Assert.False(saved.Query.OverdueOnly);
        Assert.Empty(await filters.ListAsync(db.Bob));
        await Assert.ThrowsAsync<ValidationException>(() => filters.DeleteAsync(db.Bob, id));
        await filters.DeleteAsync(db.Alice, id);
        Assert.Empty(await filters.ListAsync(db.Alice));
    }

    [Fact]
    public async Task The_audit_log_shows_who_did_what_and_exports_as_csv()
    {
        var id = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, id, db.Alice.UserId!);
        await db.Review.SaveVerdictAsync(db.Alice, id, Rating.Mixed, "=HYPERLINK(\"http://evil\") partly right");
        var audit = Service<AuditService>();

        var history = await audit.ClaimHistoryAsync(db.Bob, id);
        Assert.Equal(["Assigned", "VerdictSubmitted"], history.Select(h => h.Action));
        var (items, total) = await audit.SearchAsync(db.Lead, new AuditQuery { Action = "VerdictSubmitted", ClaimId = id });
        Assert.Equal(1, total);
        Assert.Contains("partly right", items[0].After);

        using var csv = new MemoryStream();
        await audit.WriteCsvAsync(db.Admin, new AuditQuery { ClaimId = id }, csv);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("At,Actor,Action", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain(",=HYPERLINK", string.Join('\n', lines));
    }

    [Fact]
    public async Task The_dashboard_counts_workload_overdue_and_time_to_verdict()
    {
        var late = await db.ImportClaimAsync();
        var onTime = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, late, db.Alice.UserId!);
        await db.Review.AssignAsync(db.Lead, onTime, db.Alice.UserId!, DateTimeOffset.UtcNow.AddDays(3));
        await db.Review.AssignAsync(db.Lead, onTime, db.Bob.UserId!);
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            // Due dates in the past cannot be set through the service; age one directly.
            var claim = await context.Claims.FindAsync(late);
            claim!.DueAt = DateTimeOffset.UtcNow.AddDays(-1);
            await context.SaveChangesAsync();
        }
        await db.Review.SaveVerdictAsync(db.Alice, onTime, Rating.True, "Fine.");

        var dashboard = await Service<DashboardService>().GetLeadDashboardAsync(db.Lead);

        Assert.Equal(1, dashboard.Overdue);
        var alice = dashboard.Workload.Single(w => w.ReviewerId == db.Alice.UserId);
        Assert.Equal((2, 1), (alice.Open, alice.Overdue));
        Assert.Equal(1, dashboard.Workload.Single(w => w.ReviewerId == db.Bob.UserId).Open);
        Assert.NotNull(dashboard.MedianHoursToFirstVerdict);
        Assert.Null(dashboard.MedianHoursToPublication);
        Assert.Equal(8, dashboard.PublishedPerWeek.Count);
    }

    [Fact]
    public async Task The_dashboard_medians_count_the_first_verdict_and_first_publication_of_the_claims_created_in_its_window()
    {
        var claims = new List<int>();
        for (var i = 0; i < 5; i++) claims.Add(await db.ImportClaimAsync());
        var created = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-2), TimeSpan.Zero);
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            // Hours to the first verdict: 1, 3, 10, 20 (median 6.5); a later second verdict does not count,
            // and a time written with another offset is the same instant.
            double[] hours = [1, 3, 10, 20];
            for (var i = 0; i < hours.Length; i++)
            {
                var claim = await context.Claims.FindAsync(claims[i]);
                claim!.CreatedAt = created;
                context.Verdicts.Add(new Verdict { ClaimId = claims[i], ReviewerId = db.Alice.UserId!, Rating = Rating.True, Rationale = "First.", SubmittedAt = InZone(created.AddHours(hours[i]), i - 2) });
            }
            context.Verdicts.Add(new Verdict { ClaimId = claims[0], ReviewerId = db.Bob.UserId!, Rating = Rating.False, Rationale = "Later.", SubmittedAt = created.AddHours(500) });
            // Hours to the first publication: 5 (its correction later does not count) and 9, median 7; two claims never published.
            context.Publications.Add(NewPublication(claims[0], 1, created.AddHours(5)));
            context.Publications.Add(NewPublication(claims[0], 2, created.AddHours(400)));
            context.Publications.Add(NewPublication(claims[1], 1, InZone(created.AddHours(9), -5)));
            // A claim from before the dashboard's 8 weeks counts in neither median.
            var old = await context.Claims.FindAsync(claims[4]);
            old!.CreatedAt = created.AddDays(-70);
            context.Verdicts.Add(new Verdict { ClaimId = claims[4], ReviewerId = db.Alice.UserId!, Rating = Rating.True, Rationale = "Old.", SubmittedAt = created.AddDays(-70).AddHours(1000) });
            context.Publications.Add(NewPublication(claims[4], 1, created.AddDays(-70).AddHours(2000)));
            await context.SaveChangesAsync();
        }

        var dashboard = await Service<DashboardService>().GetLeadDashboardAsync(db.Lead);

        Assert.Equal(6.5, dashboard.MedianHoursToFirstVerdict!.Value, 6);
        Assert.Equal(7.0, dashboard.MedianHoursToPublication!.Value, 6);
    }

    /// <summary>The same instant with another offset where the provider keeps offsets (SQLite); Npgsql writes only UTC.</summary>
    private DateTimeOffset InZone(DateTimeOffset at, int hours) => Provider == DatabaseProvider.Sqlite ? at.ToOffset(TimeSpan.FromHours(hours)) : at;

    private Publication NewPublication(int claimId, int version, DateTimeOffset at) => new()
    {
        ClaimId = claimId, Slug = $"turnaround-{claimId}-v{version}", VersionNumber = version, Rating = Rating.True, Summary = "Checked.", PublishedAt = at, PublishedById = db.Lead.UserId!,
    };

    [Theory]
    [InlineData(new[] { Rating.False, Rating.False, Rating.Misleading }, Rating.False, 2.0 / 3)]
    [InlineData(new[] { Rating.True }, Rating.True, 1.0)]
    [InlineData(new[] { Rating.True, Rating.False }, Rating.False, 0.5)]
    public void Agreement_is_the_share_of_the_most_common_rating(Rating[] ratings, Rating majority, double share)
    {
        var agreement = VerdictAgreement.Of(ratings);
        Assert.Equal(majority, agreement.Majority);
        Assert.Equal(share, agreement.Share, 6);
    }

    [Theory]
    [InlineData(new[] { Rating.True, Rating.False }, "Split: 1 False, 1 True")]
    [InlineData(new[] { Rating.False, Rating.False, Rating.Misleading }, "67% of 3 verdicts agree on False")]
    [InlineData(new[] { Rating.Mixed }, "100% of 1 verdict agree on Mixed")]
    public void A_tie_reads_as_a_split_with_each_rating_counted(Rating[] ratings, string text)
    {
        Assert.Equal(text, VerdictAgreement.Of(ratings).Describe());
    }
}

public sealed class WorkspaceToolsTestsOnSqlite() : WorkspaceToolsTests(DatabaseProvider.Sqlite);

public sealed class WorkspaceToolsTestsOnPostgres() : WorkspaceToolsTests(DatabaseProvider.Postgres);
