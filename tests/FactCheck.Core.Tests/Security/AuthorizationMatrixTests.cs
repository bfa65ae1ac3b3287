using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Exports;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Tests.Security;

/// <summary>
/// Every service operation against every kind of caller: anonymous, Reader, a Reviewer assigned to
/// the claim, a Reviewer not assigned, Lead, Admin. Each row says allowed or refused; a refused
/// call must leave the whole database as it was (no row, no audit entry, no version change).
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Workspace workspace) : IClassFixture<AuthorizationMatrixTests.Workspace>
{
    public enum Caller { Anonymous, Reader, AssignedReviewer, OtherReviewer, Lead, Admin }

    private static readonly Caller[] Members = [Caller.AssignedReviewer, Caller.OtherReviewer, Caller.Lead, Caller.Admin];
    private static readonly Caller[] Leads = [Caller.Lead, Caller.Admin];
    private static readonly Caller[] Assignee = [Caller.AssignedReviewer];
    private static readonly Caller[] AssigneeOrLeads = [Caller.AssignedReviewer, Caller.Lead, Caller.Admin];
    private static readonly Caller[] AdminOnly = [Caller.Admin];
    private static readonly Caller[] SignedIn = [Caller.Reader, Caller.AssignedReviewer, Caller.OtherReviewer, Caller.Lead, Caller.Admin];

    /// <summary>One shared database; each row sets up its own fresh claim first.</summary>
    public sealed class Workspace : IAsyncLifetime
    {
        public TestDatabase Db { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Db = await TestDatabase.CreateAsync();
            await using var context = await Db.DbFactory.CreateDbContextAsync();
            context.SiteSettings.Add(new SiteSettings { ReviewersMaySelfAssign = true, UpdatedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync();
            MergeTarget = await Db.ImportClaimAsync();
        }

        /// <summary>A live claim that merges point at; made once so a refused merge creates nothing.</summary>
        public static int MergeTarget { get; private set; }

        public async Task DisposeAsync() => await Db.DisposeAsync();
    }

    private sealed record Operation(string Name, Caller[] Allowed, Func<TestDatabase, Actor, int, Task> Run, ClaimStatus Setup = ClaimStatus.Assigned);

    private static readonly Operation[] Operations =
    [
        new("ClaimQuery.List", Members, (db, a, _) => db.Queries.ListAsync(a, new ClaimQuery())),
        new("ClaimQuery.Get", Members, (db, a, id) => db.Queries.GetAsync(a, id)),
        new("ClaimQuery.ListDocuments", Members, (db, a, _) => db.Queries.ListDocumentsAsync(a)),
        new("ClaimQuery.GetDocument", Members, (db, a, id) => db.Queries.GetDocumentAsync(a, 1)),
        new("ClaimQuery.ListReviewers", Members, (db, a, _) => db.Queries.ListReviewersAsync(a)),
        new("ClaimQuery.ListSimilar", Members, (db, a, id) => db.Queries.ListSimilarAsync(a, id, "people were killed")),
        new("Dashboard.Overview", Members, (db, a, _) => Service<DashboardService>(db).GetOverviewAsync(a)),
        new("Dashboard.Lead", Leads, (db, a, _) => Service<DashboardService>(db).GetLeadDashboardAsync(a)),
        new("Audit.ClaimHistory", Members, (db, a, id) => Service<AuditService>(db).ClaimHistoryAsync(a, id)),
        new("Audit.Search", Leads, (db, a, _) => Service<AuditService>(db).SearchAsync(a, new AuditQuery())),
        new("Audit.Csv", Leads, (db, a, _) => Service<AuditService>(db).WriteCsvAsync(a, new AuditQuery(), Stream.Null)),
        new("SavedFilters.List", Members, (db, a, _) => Service<SavedFilterService>(db).ListAsync(a)),
        new("Import.Text", Leads, (db, a, id) => db.Importer.ImportAsync(a, new ImportRequest("Matrix", $"Officials said {id} people were killed on Monday, {Guid.NewGuid()}."))),
        new("Import.File", Leads, (db, a, id) => db.Importer.ImportFileAsync(a, "matrix.txt", System.Text.Encoding.UTF8.GetBytes($"Officials said {id} people died, {Guid.NewGuid()}."))),
        new("Import.AddClaimFromSpan", Leads, (db, a, id) => db.Importer.AddClaimFromSpanAsync(a, DocumentOf(db, id), 0, 15)),
        new("Review.Assign", Leads, (db, a, id) => db.Review.AssignAsync(a, id, db.Bob.UserId!)),
        new("Review.Unassign", Leads, (db, a, id) => db.Review.UnassignAsync(a, id, db.Alice.UserId!)),
        new("Review.SelfAssign", [Caller.OtherReviewer], (db, a, id) => db.Review.SelfAssignAsync(a, id)),
        new("Review.SaveVerdict", Assignee, (db, a, id) => db.Review.SaveVerdictAsync(a, id, Rating.False, "Matrix verdict.")),
        new("Review.AddSource", AssigneeOrLeads, (db, a, id) => db.Review.AddSourceAsync(a, id, "https://example.org/evidence", "Evidence", SourceStance.Refutes)),
        new("Review.AddComment", AssigneeOrLeads, (db, a, id) => db.Review.AddCommentAsync(a, id, "Matrix comment.")),
        new("Review.Accept", Leads, (db, a, id) => db.Review.AcceptAsync(a, id)),
        new("Review.EditClaim", Leads, async (db, a, id) => await db.Review.EditClaimAsync(a, id, "Reworded claim.", null, Extraction.ClaimKind.Statement, (await db.LoadClaimAsync(id)).Version)),
        new("Review.Merge", Leads, (db, a, id) => db.Review.MergeAsync(a, id, Workspace.MergeTarget)),
        new("Review.Dismiss", Leads, (db, a, id) => db.Review.DismissAsync(a, id, "Opinion")),
        new("Review.Bulk", Leads, (db, a, id) => db.Review.BulkAsync(a, [id], new BulkAction.SetPriority(ClaimPriority.High))),
        new("Review.Publish", Leads, (db, a, id) => db.Review.PublishAsync(a, id, Rating.False, "Matrix summary."), ClaimStatus.AwaitingDecision),
        new("Review.Reopen", Leads, (db, a, id) => db.Review.ReopenAsync(a, id), ClaimStatus.Published),
        new("Users.List", AdminOnly, (db, a, _) => db.UserAdmin.ListAsync(a)),
        new("Users.Create", AdminOnly, (db, a, id) => db.UserAdmin.CreateAsync(a, $"new{id}@test.local", "New", "Test-pass-1", [Roles.Reviewer])),
        new("Users.SetRoles", AdminOnly, (db, a, _) => db.UserAdmin.SetRolesAsync(a, db.Bob.UserId!, [Roles.Reviewer])),
        new("Users.Lock", AdminOnly, async (db, a, _) => { await db.UserAdmin.SetLockedAsync(a, db.Reader.UserId!, true); await db.UserAdmin.SetLockedAsync(a, db.Reader.UserId!, false); }),
        new("Tokens.Create", Members, (db, a, _) => db.Tokens.CreateAsync(a, "matrix", [TokenScopes.Read])),
        new("Tokens.CreateForOthers", AdminOnly, (db, a, _) => db.Tokens.CreateForAsync(a, db.Admin.UserId!, "matrix", [TokenScopes.Admin])),
        new("Tokens.ListEveryone", AdminOnly, (db, a, _) => db.Tokens.ListAsync(a, everyone: true)),
        new("Webhooks.List", AdminOnly, (db, a, _) => db.Webhooks.ListAsync(a)),
        new("Webhooks.Create", AdminOnly, (db, a, _) => db.Webhooks.CreateAsync(a, "https://hooks.example.org/factcheck", [FactCheck.Core.Webhooks.WebhookEventTypes.ClaimPublished])),
        new("Exports.ClaimsCsv", Leads, (db, a, _) => db.Exports.ClaimsCsv(a, new Uri("https://x.test/")).WriteAsync(Stream.Null, default)),
        new("Exports.ClaimsJson", Leads, (db, a, _) => db.Exports.ClaimsJson(a, new Uri("https://x.test/")).WriteAsync(Stream.Null, default)),
        new("Settings.GetForEdit", AdminOnly, (db, a, _) => db.Settings.GetForEditAsync(a)),
        new("Readers.Suggest", SignedIn, (db, a, id) => db.ReaderRequests.SuggestAsync(a, $"Check claim {id} please.", null)),
        new("Readers.Inbox", Leads, (db, a, _) => db.ReaderRequests.ListInboxAsync(a)),
    ];

    public static TheoryData<string, Caller> Rows()
    {
        var rows = new TheoryData<string, Caller>();
        foreach (var operation in Operations)
        foreach (var caller in Enum.GetValues<Caller>())
            rows.Add(operation.Name, caller);
        return rows;
    }

    [Fact]
    public void The_matrix_covers_every_operation_for_every_caller() =>
        Assert.Equal(Operations.Length * Enum.GetValues<Caller>().Length, Rows().Count);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Allowed_or_refused_and_nothing_changes_when_refused(string operationName, Caller caller)
    {
        var db = workspace.Db;
        var operation = Operations.Single(o => o.Name == operationName);
        var claimId = await ClaimInStateAsync(db, operation.Setup);
        var actor = ActorOf(db, caller);
        var before = await FingerprintAsync(db);

        Exception? refusal = null;
        try
        {
            await operation.Run(db, actor, claimId);
        }
        catch (Exception ex) when (ex is AccessDeniedException or ValidationException or WorkflowException)
        {
            refusal = ex;
        }

        if (operation.Allowed.Contains(caller))
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
            Assert.Equal(before, await FingerprintAsync(db));
        }
    }

    private static Actor ActorOf(TestDatabase db, Caller caller) => caller switch
    {
        Caller.Anonymous => Actor.Anonymous,
        Caller.Reader => db.Reader,
        Caller.AssignedReviewer => db.Alice,
        Caller.OtherReviewer => db.Bob,
        Caller.Lead => db.Lead,
        _ => db.Admin,
    };

    /// <summary>A fresh claim, assigned to Alice, brought to the state the operation needs.</summary>
    private static async Task<int> ClaimInStateAsync(TestDatabase db, ClaimStatus state)
    {
        var claimId = await db.ImportClaimAsync();
        await db.Review.AssignAsync(db.Lead, claimId, db.Alice.UserId!);
        if (state is ClaimStatus.AwaitingDecision or ClaimStatus.Published)
            await db.Review.SaveVerdictAsync(db.Alice, claimId, Rating.False, "Setup verdict.");
        if (state == ClaimStatus.Published)
            await db.Review.PublishAsync(db.Lead, claimId, Rating.False, "Setup summary.");
        Assert.Equal(state, (await db.LoadClaimAsync(claimId)).Status);
        return claimId;
    }

    private static int DocumentOf(TestDatabase db, int claimId) => db.LoadClaimAsync(claimId).GetAwaiter().GetResult().DocumentId;

    private static T Service<T>(TestDatabase db) where T : notnull => db.Services.GetRequiredService<T>();

    /// <summary>Everything a refused call could have touched.</summary>
    private static async Task<string> FingerprintAsync(TestDatabase db)
    {
        await using var c = await db.DbFactory.CreateDbContextAsync();
        var versions = string.Join(",", await c.Claims.OrderBy(x => x.Id).Select(x => x.Version).ToListAsync());
        var locks = string.Join(",", await c.Users.OrderBy(u => u.Id).Select(u => u.LockoutEnd).ToListAsync());
        return string.Join("|",
            await c.Documents.CountAsync(), await c.Claims.CountAsync(), await c.Assignments.CountAsync(x => x.RemovedAt == null),
            await c.Verdicts.CountAsync(), await c.Sources.CountAsync(), await c.Comments.CountAsync(), await c.Publications.CountAsync(),
            await c.AuditEvents.CountAsync(), await c.Users.CountAsync(), await c.UserRoles.CountAsync(), await c.ApiTokens.CountAsync(),
            await c.SavedFilters.CountAsync(), await c.Suggestions.CountAsync(), versions, locks);
    }
}
