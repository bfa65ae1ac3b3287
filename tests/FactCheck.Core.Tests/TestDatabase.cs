using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Exports;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.Readers;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Core.Settings;
using FactCheck.Core.Users;
using FactCheck.Data;
using FactCheck.Extraction;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Tests;

/// <summary>
/// A real SQLite file in a temporary folder, migrated and with the roles and one user per role,
/// wired with the same services the app uses.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factcheck-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = default!;

    public IServiceProvider Services => _services;
    public IDbContextFactory<FactCheckDbContext> DbFactory => _services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();
    public ReviewService Review => _services.GetRequiredService<ReviewService>();
    public ClaimQueryService Queries => _services.GetRequiredService<ClaimQueryService>();
    public DocumentImportService Importer => _services.GetRequiredService<DocumentImportService>();
    public PublicVerdictService Public => _services.GetRequiredService<PublicVerdictService>();
    public UserAdminService UserAdmin => _services.GetRequiredService<UserAdminService>();
    public ApiTokenService Tokens => _services.GetRequiredService<ApiTokenService>();
    public SiteSettingsService Settings => _services.GetRequiredService<SiteSettingsService>();
    public ReaderRequestService ReaderRequests => _services.GetRequiredService<ReaderRequestService>();
    public ExportService Exports => _services.GetRequiredService<ExportService>();
    public List<ReviewEvent> Events { get; } = [];
    public string DatabasePath => Path.Combine(_folder, "factcheck.db");

    public Actor Admin { get; private set; } = default!;
    public Actor Lead { get; private set; } = default!;
    public Actor Alice { get; private set; } = default!;
    public Actor Bob { get; private set; } = default!;
    public Actor Reader { get; private set; } = default!;
    public Actor Anonymous => Actor.Anonymous;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:FactCheck", $"Data Source={DatabasePath}")]).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddFactCheckDatabase(configuration, _folder);
        services.AddIdentityCore<ApplicationUser>(o => o.User.RequireUniqueEmail = true).AddRoles<IdentityRole>().AddEntityFrameworkStores<FactCheckDbContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IReviewEventBus, InProcessReviewEventBus>();
        services.AddSingleton(Options.Create(new ImportOptions { MaxBytes = 64 * 1024 }));
        services.AddSingleton<ClaimMatcher>();
        services.AddSingleton<ClaimEmbeddingPass>();
        services.AddSingleton<FactCheck.Core.Review.QuantityCrossCheck>();
        // Tests serve pages on loopback, which the real app refuses unless configured.
        var urlOptions = new UrlReaderOptions { AllowPrivateAddresses = true, Timeout = TimeSpan.FromSeconds(3), MaxBytes = 64 * 1024 };
        services.AddSingleton(new UrlDocumentReader(new HttpClient(UrlDocumentReader.CreateHandler(urlOptions)), urlOptions));
        services.AddSingleton<DocumentImportService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<SavedFilterService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ClaimQueryService>();
        services.AddSingleton<PublicVerdictService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton(Options.Create(new OrganizationOptions { Name = "Test Desk", Url = "https://desk.test/" }));
        services.AddSingleton(Options.Create(new ReaderRequestOptions { SuggestionsPerHour = 5, CorrectionRequestsPerHour = 5 }));
        services.AddSingleton<SiteSettingsService>();
        services.AddSingleton<ReaderRequestService>();
        services.AddSingleton<ExportService>();
        _services = services.BuildServiceProvider();
        await DatabaseInitializer.InitializeAsync(_services);
        // The app's SimilarityIndexService warms the index after start; here the harness does it.
        await _services.GetRequiredService<ClaimMatcher>().RefreshAsync();
        _services.GetRequiredService<IReviewEventBus>().Subscribe(e => { lock (Events) Events.Add(e); return Task.CompletedTask; });

        Admin = await AddUserAsync("admin@test.local", Roles.Admin);
        Lead = await AddUserAsync("lead@test.local", Roles.Lead);
        Alice = await AddUserAsync("alice@test.local", Roles.Reviewer);
        Bob = await AddUserAsync("bob@test.local", Roles.Reviewer);
        Reader = await AddUserAsync("reader@test.local", Roles.Reader);
    }

    public async Task<Actor> AddUserAsync(string email, string role)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        var result = await users.CreateAsync(user, "Test-pass-1");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return new Actor(user.Id, user.DisplayName, new HashSet<string> { role });
    }

    /// <summary>Imports a small document as the lead and returns its first claim's id.</summary>
    public async Task<int> ImportClaimAsync(string text = "The ministry said 445,581 people were killed in 2024, according to official figures.")
    {
        var result = await Importer.ImportAsync(Lead, new ImportRequest("Test document " + Guid.NewGuid().ToString("N")[..6], text + " " + Guid.NewGuid().ToString("N")));
        Assert.NotEmpty(result.Claims);
        return result.Claims[0].Id;
    }

    public async Task<Claim> LoadClaimAsync(int claimId)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Claims.AsNoTracking().Include(c => c.Assignments).Include(c => c.Verdicts).Include(c => c.Sources)
            .Include(c => c.Comments).Include(c => c.Publications).SingleAsync(c => c.Id == claimId);
    }

    public async Task<int> AuditCountAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
