using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data;

/// <summary>
/// Demo accounts and documents for Development (DESIGN.md): admin@, lead@, alice@, bob@ and
/// reader@factcheck.local with password Demo-pass-1, and every file in seeds/ imported once.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo-pass-1";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("admin@factcheck.local", "Ada Admin", Roles.Admin),
        ("lead@factcheck.local", "Lee Lead", Roles.Lead),
        ("alice@factcheck.local", "Alice Reviewer", Roles.Reviewer),
        ("bob@factcheck.local", "Bob Reviewer", Roles.Reviewer),
        ("reader@factcheck.local", "Rita Reader", Roles.Reader),
    ];

    /// <param name="story">Also write the demo story (work in progress, a corrected publication) on the first document.</param>
    public static async Task SeedAsync(IServiceProvider services, string? seedFolder, CancellationToken cancellationToken = default, bool story = false)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData));
        var ids = new Dictionary<string, string>();
        string? leadId = null;
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var (email, name, role) in Accounts)
            {
                var user = await users.FindByEmailAsync(email);
                if (user is null)
                {
                    user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                    var created = await users.CreateAsync(user, Password);
                    if (!created.Succeeded)
                        throw new InvalidOperationException($"Could not create demo user {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                    await users.AddToRoleAsync(user, role);
                    logger.LogInformation("Demo account {Email} ({Role}) created", email, role);
                }
                if (role == Roles.Lead) leadId = user.Id;
                ids[email] = user.Id;
            }
        }

        if (seedFolder is null || !Directory.Exists(seedFolder))
        {
            logger.LogWarning("No seeds folder found; no demo documents imported");
            return;
        }
        var lead = new Actor(leadId, "Lee Lead", new HashSet<string> { Roles.Lead });
        var importer = services.GetRequiredService<DocumentImportService>();
        foreach (var file in Directory.EnumerateFiles(seedFolder).Where(f => !f.EndsWith(MetadataSuffix, StringComparison.Ordinal)).Order())
        {
            try
            {
                // The importer recognizes text it has already stored, so a restart imports nothing twice.
                var result = await importer.ImportFileAsync(lead, Path.GetFileName(file), await File.ReadAllBytesAsync(file, cancellationToken),
                    await ReadMetadataAsync(file, cancellationToken), cancellationToken);
                if (!result.AlreadyImported)
                    logger.LogInformation("Seed {File} imported as document {Id} with {Claims} claims", file, result.DocumentId, result.Claims.Count);
            }
            catch (ValidationException ex)
            {
                logger.LogWarning("Seed {File} skipped: {Reason}", file, ex.Message);
            }
        }
        if (story) await TellTheStoryAsync(services, lead, ids, logger, cancellationToken);
    }

    /// <summary>
    /// Work in progress on the first seeded document, so the board, the dashboard, the inbox and
    /// /verdicts show what the product does on first start: claims assigned to alice and bob with
    /// sources and a discussion, two verdicts that disagree, and one verdict published with a
    /// Markdown summary and then corrected. Runs once: skipped when any claim has an assignment.
    /// </summary>
    private static async Task TellTheStoryAsync(IServiceProvider services, Actor lead, IReadOnlyDictionary<string, string> ids,
        ILogger logger, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();
        List<int> claims;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Assignments.AnyAsync(cancellationToken)) return;
            var firstDocument = await db.Documents.OrderBy(d => d.Id).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken);
            if (firstDocument is null) return;
            claims = await db.Claims.Where(c => c.DocumentId == firstDocument && c.Status == ClaimStatus.New)
                .OrderByDescending(c => c.Score).Select(c => c.Id).Take(6).ToListAsync(cancellationToken);
        }
        if (claims.Count < 6 || !ids.TryGetValue("alice@factcheck.local", out var aliceId) || !ids.TryGetValue("bob@factcheck.local", out var bobId)) return;

        var review = services.GetRequiredService<ReviewService>();
        var alice = new Actor(aliceId, "Alice Reviewer", new HashSet<string> { Roles.Reviewer });
        var bob = new Actor(bobId, "Bob Reviewer", new HashSet<string> { Roles.Reviewer });
        var inThreeDays = DateTimeOffset.UtcNow.Date.AddDays(3);

        // 1. Published, then corrected: a Markdown summary readers see at /verdicts.
        var published = claims[0];
        await review.AssignAsync(lead, published, aliceId, inThreeDays, cancellationToken);
        await review.AddSourceAsync(alice, published, "https://data.example.org/casualties/2025", "Casualty figures, 2025 release", SourceStance.Supports,
            "The ministry's own table lists the figure quoted.", "Open Data Portal", cancellationToken);
        await review.SaveVerdictAsync(alice, published, Rating.MostlyTrue, "The figure matches the ministry's table; the date range quoted is slightly wider.", cancellationToken: cancellationToken);
        await review.PublishAsync(lead, published, Rating.MostlyTrue,
            "The figure matches the ministry's **published table**, but the period quoted is *wider* than the one the table covers. See the [source](https://data.example.org/casualties/2025).",
            cancellationToken: cancellationToken);
        await review.ReopenAsync(lead, published, cancellationToken);
        await review.PublishAsync(lead, published, Rating.Mixed,
            "The figure matches the ministry's **published table**, but it covers *two* months, not one as the statement implies.",
            "Corrected the period: the table covers two months, so the rating is Mixed rather than Mostly true.", cancellationToken);

        // 2. Two verdicts that disagree, after a discussion with an @mention.
        var disputed = claims[1];
        await review.AssignAsync(lead, disputed, aliceId, inThreeDays, cancellationToken);
        await review.AssignAsync(lead, disputed, bobId, inThreeDays, cancellationToken);
        await review.AddSourceAsync(alice, disputed, "https://news.example.com/2025/briefing", "Press briefing transcript", SourceStance.Refutes,
            "Officials gave a lower number at the briefing.", "News Example", cancellationToken);
        await review.AddSourceAsync(bob, disputed, "https://ngo.example.org/report", "NGO field report", SourceStance.Context, null, "NGO Example", cancellationToken);
        await review.AddCommentAsync(alice, disputed, "The briefing gives a **lower** figure. @bob does your report cover the same days?", cancellationToken);
        await review.AddCommentAsync(bob, disputed, "Only partly: it starts a week later. I lean towards *mixed* rather than false.", cancellationToken);
        await review.SaveVerdictAsync(alice, disputed, Rating.False, "The official briefing contradicts the number.", cancellationToken: cancellationToken);
        await review.SaveVerdictAsync(bob, disputed, Rating.Mixed, "Sources cover different periods; the claim is partly supported.", cancellationToken: cancellationToken);

        // 3. Work waiting: one each for alice and bob, one in review, one accepted.
        await review.AssignAsync(lead, claims[2], aliceId, inThreeDays.AddDays(2), cancellationToken);
        await review.AssignAsync(lead, claims[3], bobId, inThreeDays, cancellationToken);
        await review.AddSourceAsync(bob, claims[3], "https://stats.example.org/table-4", "Statistics office, table 4", SourceStance.Context, null, "Statistics Office", cancellationToken);
        await review.AcceptAsync(lead, claims[4], cancellationToken);
        logger.LogInformation("Demo story written on claims {Claims}", string.Join(", ", claims.Take(5)));
    }

    private const string MetadataSuffix = ".meta.json";

    /// <summary>A seed may carry a sidecar "NAME.meta.json" with its title, publisher and date, as an upload form would.</summary>
    private static async Task<DocumentMetadata?> ReadMetadataAsync(string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + MetadataSuffix);
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        return await System.Text.Json.JsonSerializer.DeserializeAsync<DocumentMetadata>(stream,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web), cancellationToken);
    }

    /// <summary>The seeds/ folder: configured, or found by walking up from the app's folder to the repository root.</summary>
    public static string? FindSeedFolder(string? configured, string startFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, startFolder);
        for (var dir = new DirectoryInfo(startFolder); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "seeds");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "FactCheck.sln"))) return candidate;
        }
        return null;
    }
}
