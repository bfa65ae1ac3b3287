using System.Data.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.Review;
using FactCheck.Data;
using FactCheck.Data.Generation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactCheck.Core.Tests.Review;

/// <summary>
/// The claims list, nav count and public reads over a generated workspace of a few hundred claims:
/// every page of every order holds each matching claim exactly once, in order (ties broken by id),
/// whether walked by page number or by keyset, and a page costs a fixed number of SQL commands.
/// </summary>
/// <remarks>SQLite only: the generator writes with SQLite statements.</remarks>
public sealed class ClaimListAtScaleTests() : DatabaseTest(DatabaseProvider.Sqlite)
{
    private const int Claims = 400;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new WorkspaceDataGenerator(db.ConnectionString, seed: 7).GenerateAsync(Claims);
        // Many equal scores, so the order must be broken by id for pages not to skip or repeat.
        await using var context = await db.DbFactory.CreateDbContextAsync();
        await context.Database.ExecuteSqlRawAsync("UPDATE Claims SET Score = 0.5 WHERE Id % 3 = 0");
    }

    private sealed record Key(int Id, double Score, DateTimeOffset CreatedAt, ClaimStatus Status, DateTimeOffset? DueAt);

    private async Task<List<Key>> AllAsync(Func<IQueryable<Claim>, IQueryable<Claim>>? filter = null)
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var claims = (filter ?? (c => c))(context.Claims.Include(c => c.Assignments));
        return (await claims.ToListAsync()).Select(c => new Key(c.Id, c.Score, c.CreatedAt, c.Status, c.DueAt)).ToList();
    }

    /// <summary>The order each sort promises, written out independently of the service.</summary>
    private static List<int> Expected(IEnumerable<Key> keys, ClaimSort sort, bool descending) => ((sort, descending) switch
    {
        (ClaimSort.Created, true) => keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id),
        (ClaimSort.Created, false) => keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id),
        (ClaimSort.Status, true) => keys.OrderByDescending(k => k.Status).ThenByDescending(k => k.Score).ThenByDescending(k => k.Id),
        (ClaimSort.Status, false) => keys.OrderBy(k => k.Status).ThenByDescending(k => k.Score).ThenByDescending(k => k.Id),
        (ClaimSort.DueAt, true) => keys.OrderBy(k => k.DueAt is null).ThenByDescending(k => k.DueAt).ThenByDescending(k => k.Id),
        (ClaimSort.DueAt, false) => keys.OrderBy(k => k.DueAt is null).ThenBy(k => k.DueAt).ThenBy(k => k.Id),
        (_, true) => keys.OrderByDescending(k => k.Score).ThenByDescending(k => k.Id),
        (_, false) => keys.OrderBy(k => k.Score).ThenBy(k => k.Id),
    }).Select(k => k.Id).ToList();

    public static TheoryData<ClaimSort, bool> Orders()
    {
        var data = new TheoryData<ClaimSort, bool>();
        foreach (var sort in Enum.GetValues<ClaimSort>())
        {
            data.Add(sort, true);
            data.Add(sort, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Every_page_of_every_order_holds_each_claim_once_in_order_by_page_number_and_by_keyset(ClaimSort sort, bool descending)
    {
        var expected = Expected(await AllAsync(), sort, descending);
        var query = new ClaimQuery { Sort = sort, Descending = descending, PageSize = 37 };

        var byNumber = new List<int>();
        for (var page = 0; ; page++)
        {
            var result = await db.Queries.ListAsync(db.Lead, query with { Page = page });
            Assert.Equal(Claims, result.Total);
            if (result.Items.Count == 0) break;
            byNumber.AddRange(result.Items.Select(r => r.Id));
        }
        Assert.Equal(expected, byNumber);

        var byKeyset = new List<int>();
        ClaimCursor? after = null;
        while (true)
        {
            // With a cursor the page number is ignored: the seek starts after the cursor's row.
            var result = await db.Queries.ListAsync(db.Lead, query with { After = after, Page = after is null ? 0 : 999 });
            if (result.Items.Count == 0) break;
            byKeyset.AddRange(result.Items.Select(r => r.Id));
            after = ClaimCursor.From(result.Items[^1]);
        }
        Assert.Equal(expected, byKeyset);
    }

    [Fact]
    public async Task Filters_return_exactly_the_matching_claims_with_their_active_assignees()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var reviewer = await context.Assignments.Where(a => a.RemovedAt == null).GroupBy(a => a.ReviewerId)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        var cases = new (ClaimQuery Query, Func<IQueryable<Claim>, IQueryable<Claim>> Filter)[]
        {
            (new ClaimQuery { Status = ClaimStatus.Published }, c => c.Where(x => x.Status == ClaimStatus.Published)),
            (new ClaimQuery { AssigneeId = reviewer, Sort = ClaimSort.DueAt, Descending = false },
                c => c.Where(x => x.Assignments.Any(a => a.ReviewerId == reviewer && a.RemovedAt == null))),
            (new ClaimQuery { OpenOnly = true }, c => c.Where(x => x.Status != ClaimStatus.Published && x.Status != ClaimStatus.Dismissed)),
            (new ClaimQuery { Tag = "health" }, c => c.Where(x => ("," + x.Tags + ",").Contains(",health,"))),
            (new ClaimQuery { Kind = Extraction.ClaimKind.Quote, MinScore = 0.6 }, c => c.Where(x => x.Kind == Extraction.ClaimKind.Quote && x.Score >= 0.6)),
        };
        foreach (var (query, filter) in cases)
        {
            var expected = Expected(await AllAsync(filter), query.Sort, query.Descending);
            Assert.NotEmpty(expected);
            var result = await db.Queries.ListAsync(db.Lead, query with { PageSize = ClaimQueryService.MaxPageSize });
            Assert.Equal(expected.Count, result.Total);
            Assert.Equal(expected.Take(ClaimQueryService.MaxPageSize), result.Items.Select(r => r.Id));
        }

        var page = await db.Queries.ListAsync(db.Lead, new ClaimQuery { AssigneeId = reviewer, PageSize = 100 });
        var names = await context.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        foreach (var row in page.Items)
        {
            var active = await context.Assignments.Where(a => a.ClaimId == row.Id && a.RemovedAt == null).OrderBy(a => a.Id).Select(a => a.ReviewerId).ToListAsync();
            Assert.Equal(active.Select(id => names[id]), row.Assignees);
        }
    }

    [Fact]
    public async Task The_my_assignments_badge_counts_what_the_open_list_of_the_reviewer_holds()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        foreach (var reviewerId in await context.Assignments.Select(a => a.ReviewerId).Distinct().ToListAsync())
        {
            var actor = new FactCheck.Core.Security.Actor(reviewerId, "reviewer", new HashSet<string> { FactCheck.Core.Security.Roles.Reviewer });
            var list = await db.Queries.ListAsync(actor, new ClaimQuery { AssigneeId = reviewerId, OpenOnly = true, PageSize = 1 });
            Assert.Equal(list.Total, await db.Queries.CountOpenAssignmentsAsync(actor));
        }
    }

    [Fact]
    public async Task A_page_of_claims_or_claimreviews_costs_the_same_few_commands_whatever_its_size()
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<FactCheckDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, db.ConnectionString);
        options.AddInterceptors(counter);
        var factory = new CountingFactory(options.Options);
        var verdicts = new PublicVerdictService(factory);
        var claims = new ClaimQueryService(factory, new ClaimMatcher(factory), new FactCheck.Data.Sqlite.SqliteClaimSearch());

        counter.Count = 0;
        var few = await verdicts.ListDetailedAsync(pageSize: 2);
        var fewCommands = counter.Count;
        counter.Count = 0;
        var many = await verdicts.ListDetailedAsync(pageSize: 100);
        Assert.Equal(2, few.Count);
        Assert.True(many.Count > 20, $"only {many.Count} publications generated");
        Assert.Equal(fewCommands, counter.Count);
        Assert.True(counter.Count <= 4, $"{counter.Count} commands for one page of claimreviews");

        // The batched page says what the one-by-one detail page says.
        foreach (var verdict in many.Take(10))
            Assert.Equivalent(await verdicts.GetAsync(verdict.Slug), verdict, strict: true);

        counter.Count = 0;
        await claims.ListAsync(db.Lead, new ClaimQuery { PageSize = 100 });
        Assert.True(counter.Count <= 4, $"{counter.Count} commands for one page of claims");
    }

    [Fact]
    public async Task Generated_claims_point_at_their_words_in_their_documents_and_full_text_search_finds_them()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var claims = await context.Claims.Include(c => c.Document).ToListAsync();
        Assert.Equal(Claims, claims.Count);
        Assert.All(claims, c => Assert.Equal(c.Text, c.Document!.Text.Substring(c.SpanStart, c.SpanLength)));

        var claim = claims.First(c => c.Text.Contains("percent", StringComparison.Ordinal));
        var found = await db.Queries.ListAsync(db.Lead, new ClaimQuery { Search = claim.Text.Split(' ')[..4].Aggregate((a, b) => a + " " + b), PageSize = 100 });
        Assert.Contains(claim.Id, found.Items.Select(r => r.Id));
        Assert.Equal(Claims, await context.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM ClaimSearch").SingleAsync());

        // Every generated publication is public and searchable by its claim's words and its summary's.
        var published = await context.Publications.Include(p => p.Claim).Where(p => p.IsCurrent).ToListAsync();
        Assert.NotEmpty(published);
        Assert.All(published, p => Assert.Equal(ClaimStatus.Published, p.Claim!.Status));
        var (all, total) = await db.Public.ListAsync(pageSize: 1);
        Assert.Equal(published.Count, total);
        var sample = published[0];
        var byClaim = await db.Public.ListAsync(new VerdictFilter(Search: sample.Claim!.Text), pageSize: 100);
        Assert.Contains(sample.Slug, byClaim.Items.Select(i => i.Slug));
        var bySummary = await db.Public.ListAsync(new VerdictFilter(Search: sample.Summary), pageSize: 100);
        Assert.Contains(sample.Slug, bySummary.Items.Select(i => i.Slug));
        Assert.All(bySummary.Items, i => Assert.Equal(sample.Summary, i.Summary));
    }

    private sealed class CountingFactory(DbContextOptions<FactCheckDbContext> options) : IDbContextFactory<FactCheckDbContext>
    {
        public FactCheckDbContext CreateDbContext() => new(options);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
