using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Core.Tests;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Tests;

public abstract class DemoDataTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private string seeds = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        seeds = Path.Combine(Path.GetTempPath(), "factcheck-seeds", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(seeds);
        await File.WriteAllTextAsync(Path.Combine(seeds, "a.txt"), "The ministry said 1,200 people were killed on Monday, according to officials.");
        await File.WriteAllTextAsync(Path.Combine(seeds, "a.meta.json"), """{ "title": "Wire story", "publisher": "Wire", "publishedAt": "2025-01-03T00:00:00Z" }""");
        await File.WriteAllBytesAsync(Path.Combine(seeds, "broken.txt"), [0x00, 0x01, 0x02]);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(seeds, recursive: true);
    }

    [Fact]
    public void The_repository_seeds_folder_is_found_from_the_app_folder()
    {
        var found = DemoData.FindSeedFolder(null, AppContext.BaseDirectory);
        Assert.NotNull(found);
        Assert.True(File.Exists(Path.Combine(found, "000_ee67936dca785b92.txt")));
    }

    [Fact]
    public async Task Seeding_creates_the_demo_accounts_and_imports_each_seed_once()
    {
        var services = db.Services;
        await DemoData.SeedAsync(services, seeds);
        await DemoData.SeedAsync(services, seeds);

        await using var context = await db.DbFactory.CreateDbContextAsync();
        var document = Assert.Single(await context.Documents.ToListAsync());
        Assert.Equal("Wire story", document.Title);
        Assert.Equal("Wire", document.Publisher);
        var roles = await (from u in context.Users
                           join ur in context.UserRoles on u.Id equals ur.UserId
                           join r in context.Roles on ur.RoleId equals r.Id
                           where u.Email!.EndsWith("@factcheck.local")
                           select new { u.Email, r.Name }).ToListAsync();
        Assert.Equal(
            new[] { ("admin@factcheck.local", Roles.Admin), ("alice@factcheck.local", Roles.Reviewer), ("bob@factcheck.local", Roles.Reviewer), ("lead@factcheck.local", Roles.Lead), ("reader@factcheck.local", Roles.Reader) },
            roles.Select(r => (r.Email!, r.Name!)).OrderBy(r => r.Item1));
    }

    [Fact]
    public async Task The_repository_seeds_tell_the_story_once_assignments_a_discussion_a_disagreement_and_a_corrected_publication()
    {
        var repositorySeeds = DemoData.FindSeedFolder(null, AppContext.BaseDirectory)!;
        await DemoData.SeedAsync(db.Services, repositorySeeds, story: true);
        await DemoData.SeedAsync(db.Services, repositorySeeds, story: true);

        await using var context = await db.DbFactory.CreateDbContextAsync();
        var assignees = await context.Assignments.Select(a => a.Reviewer!.Email).Distinct().OrderBy(e => e).ToListAsync();
        Assert.Equal(["alice@factcheck.local", "bob@factcheck.local"], assignees);
        Assert.Equal(2, await context.Comments.CountAsync());
        Assert.True(await context.Sources.CountAsync() >= 3);

        var disputed = await context.Claims.Where(c => c.Verdicts.Count == 2).Select(c => c.Verdicts.Select(v => v.Rating).ToList()).SingleAsync();
        Assert.Equal(2, disputed.Distinct().Count());

        var versions = await context.Publications.OrderBy(p => p.VersionNumber).ToListAsync();
        Assert.Equal([1, 2], versions.Select(p => p.VersionNumber));
        Assert.Contains("**published table**", versions[0].Summary);
        Assert.False(string.IsNullOrWhiteSpace(versions[1].CorrectionNote));
        Assert.Equal(ClaimStatus.Published, (await context.Claims.SingleAsync(c => c.Id == versions[0].ClaimId)).Status);
    }
}

public sealed class DemoDataTestsOnSqlite() : DemoDataTests(DatabaseProvider.Sqlite);

public sealed class DemoDataTestsOnPostgres() : DemoDataTests(DatabaseProvider.Postgres);
