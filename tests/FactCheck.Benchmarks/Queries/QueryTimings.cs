using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using FactCheck.Core.Documents;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactCheck.Benchmarks.Queries;

/// <summary>
/// Times the workspace's read queries against a generated database (`factcheck demo-data`): each
/// service call is run a few times after a warm-up, and the median wall time and the number of SQL
/// commands it sent are printed. The wall time includes EF materialization, so it bounds the
/// database time from above.
/// </summary>
public static class QueryTimings
{
    /// <param name="database">A SQLite file, or a PostgreSQL connection string ("Host=…", e.g. a copy made with `factcheck db copy`).</param>
    public static async Task<int> RunAsync(string database, int runs, string? only = null)
    {
        var commands = new CommandCounter();
        var options = new DbContextOptionsBuilder<FactCheckDbContext>();
        var postgres = database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
        if (postgres) DatabaseServiceCollectionExtensions.ConfigurePostgres(options, database);
        else DatabaseServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={database};Pooling=True");
        options.AddInterceptors(commands);
        // FACTCHECK_SQL_LOG=1 prints each command with its time, to see which one a slow case spends it in.
        if (Environment.GetEnvironmentVariable("FACTCHECK_SQL_LOG") == "1")
            options.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        var factory = new ContextFactory(options.Options);

        var claims = new ClaimQueryService(factory, new ClaimMatcher(factory),
            postgres ? new FactCheck.Data.Postgres.PostgresClaimSearch() : new FactCheck.Data.Sqlite.SqliteClaimSearch());
        var dashboard = new DashboardService(factory,
            postgres ? new FactCheck.Data.Postgres.PostgresReviewTurnaroundQuery() : new FactCheck.Data.Sqlite.SqliteReviewTurnaroundQuery());
        var audit = new AuditService(factory);
        var verdicts = new PublicVerdictService(factory);

        await using var db = factory.CreateDbContext();
        // A database generated before this build's migrations gets their indexes first.
        await db.Database.MigrateAsync();
        var total = await db.Claims.CountAsync();
        var lead = await ActorAsync(db, "lead@factcheck.local", Roles.Lead) ?? await ActorAsync(db, "lead2@factcheck.local", Roles.Lead)
            ?? throw new InvalidOperationException("No lead account");
        var reviewer = await ActorAsync(db, "carol@factcheck.local", Roles.Reviewer) ?? throw new InvalidOperationException("No reviewer account (run demo-data)");
        var documentId = await db.Claims.OrderByDescending(c => c.Id).Select(c => c.DocumentId).FirstAsync();
        var lastPage = (total - 1) / 50;
        // The last row of page 999, as a grid walking forward would hold it.
        var deepCursor = ClaimCursor.From((await claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Page = 998 })).Items[^1]);
        Console.WriteLine($"{total:N0} claims; {runs} runs each after 2 warm-ups; median and max wall ms, median CPU ms, SQL commands per call");

        var cases = new List<(string Name, Func<Task> Run)>
        {
            ("claims: score desc, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50 })),
            ("claims: score desc, page 1,000", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Page = 999 })),
            ("claims: score desc, last page", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Page = lastPage })),
            ("claims: score asc, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Descending = false })),
            ("claims: created desc, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Sort = ClaimSort.Created })),
            ("claims: created asc, page 1,000", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Sort = ClaimSort.Created, Descending = false, Page = 999 })),
            ("claims: status sort, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Sort = ClaimSort.Status })),
            ("claims: due asc, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Sort = ClaimSort.DueAt, Descending = false })),
            ("claims: due desc, page 500", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Sort = ClaimSort.DueAt, Page = 499 })),
            ("claims: status New, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Status = Core.Domain.ClaimStatus.New })),
            ("claims: status Published, page 300", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Status = Core.Domain.ClaimStatus.Published, Page = 299 })),
            ("claims: assignee, page 1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, AssigneeId = reviewer.UserId })),
            ("claims: assignee, due asc", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, AssigneeId = reviewer.UserId, Sort = ClaimSort.DueAt, Descending = false })),
            ("claims: document", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, DocumentId = documentId })),
            ("claims: kind Quote", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Kind = Extraction.ClaimKind.Quote })),
            ("claims: search 'hospital', ranked", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Search = "hospital" })),
            ("claims: search 'percent' (about half), ranked", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Search = "percent" })),
            ("claims: tag health", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, Tag = "health" })),
            ("claims: score 0.9-1", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, MinScore = 0.9 })),
            ("claims: overdue", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, OverdueOnly = true })),
            ("claims: score desc, page 1,000 by keyset", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, After = deepCursor })),
            ("claims: open only, page 1,000", () => claims.ListAsync(lead, new ClaimQuery { PageSize = 50, OpenOnly = true, Page = 999 })),
            ("my assignments page (100, due asc)", () => claims.ListAsync(reviewer, new ClaimQuery { AssigneeId = reviewer.UserId, PageSize = 100, Sort = ClaimSort.DueAt, Descending = false })),
            ("nav count: my open assignments", () => NavCountAsync(claims, reviewer)),
            ("board: 6 columns of 20", () => BoardAsync(claims, lead)),
            ("overview (home)", () => dashboard.GetOverviewAsync(reviewer)),
            ("lead dashboard", () => dashboard.GetLeadDashboardAsync(lead)),
            ("audit: page 1", () => audit.SearchAsync(lead, new AuditQuery { PageSize = 50 })),
            ("audit: page 1,000", () => audit.SearchAsync(lead, new AuditQuery { PageSize = 50, Page = 999 })),
            ("audit: action filter", () => audit.SearchAsync(lead, new AuditQuery { PageSize = 50, Action = "Published" })),
            ("audit: actor filter", () => audit.SearchAsync(lead, new AuditQuery { PageSize = 50, Actor = "Carol" })),
            ("audit: actions list", () => audit.ActionsAsync(lead)),
            ("/verdicts page 1", () => verdicts.ListAsync(new VerdictFilter(), 0, 20)),
            ("/verdicts page 500", () => verdicts.ListAsync(new VerdictFilter(), 499, 20)),
            ("/verdicts search 'hospital'", () => verdicts.ListAsync(new VerdictFilter("hospital"), 0, 20)),
            ("/verdicts search 'percent'", () => verdicts.ListAsync(new VerdictFilter("percent"), 0, 20)),
            ("/verdicts tag + rating", () => verdicts.ListAsync(new VerdictFilter(null, Core.Domain.Rating.False, "health"), 0, 20)),
            ("/verdicts tags list", () => verdicts.ListTagsAsync()),
            ("/api/claimreviews 100", () => verdicts.ListDetailedAsync(null, 0, 100)),
            ("/api/claimreviews page 100", () => verdicts.ListDetailedAsync(null, 99, 100)),
        };

        foreach (var (name, run) in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            await run();
            await run();
            var times = new List<double>(runs);
            var cpu = new List<double>(runs);
            var sent = 0;
            var process = Process.GetCurrentProcess();
            for (var i = 0; i < runs; i++)
            {
                commands.Reset();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await run();
                times.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                // CPU time of this process (SQLite runs in it): what the call costs when the machine is shared.
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                sent = commands.Count;
            }
            times.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name,-40} | {times[times.Count / 2],8:F1} | {times[^1],8:F1} | {cpu[cpu.Count / 2],8:F1} | {sent,4} |"));
        }
        return 0;
    }

    /// <summary>What the nav menu runs for the "My assignments" badge on every page view.</summary>
    private static async Task NavCountAsync(ClaimQueryService claims, Actor reviewer) =>
        _ = await claims.CountOpenAssignmentsAsync(reviewer);

    private static async Task BoardAsync(ClaimQueryService claims, Actor lead)
    {
        foreach (var status in Enum.GetValues<Core.Domain.ClaimStatus>())
            await claims.ListAsync(lead, new ClaimQuery { Status = status, PageSize = 20 });
    }

    private static async Task<Actor?> ActorAsync(FactCheckDbContext db, string email, string role)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
        return user is null ? null : new Actor(user.Id, user.DisplayName, new HashSet<string> { role });
    }

    private sealed class ContextFactory(DbContextOptions<FactCheckDbContext> options) : IDbContextFactory<FactCheckDbContext>
    {
        public FactCheckDbContext CreateDbContext() => new(options);
    }

    /// <summary>Counts the SQL commands a call sends (an N+1 shows as one command per row).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;
        public int Count => _count;
        public void Reset() => _count = 0;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
