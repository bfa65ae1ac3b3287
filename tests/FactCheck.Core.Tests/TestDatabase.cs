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
/// A real database of its own on either provider (a SQLite file, or a PostgreSQL database on the
/// shared throwaway server), migrated and with the roles and one user per role, wired with the same
/// services the app uses (AddFactCheckCore).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabaseConnection? _connection;
    private DatabaseSettings _settings = default!;
    private ServiceProvider _services = default!;

    public IServiceProvider Services => _services;
    public IDbContextFactory<FactCheckDbContext> DbFactory => _services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();
    public ReviewService Review => _services.GetRequiredService<ReviewService>();
    public ClaimQueryService Queries => _services.GetRequiredService<ClaimQueryService>();
    public DocumentImportService Importer => _services.GetRequiredService<DocumentImportService>();
    public ImportQueue ImportQueue => _services.GetRequiredService<ImportQueue>();
    public PublicVerdictService Public => _services.GetRequiredService<PublicVerdictService>();
    public UserAdminService UserAdmin => _services.GetRequiredService<UserAdminService>();
    public ApiTokenService Tokens => _services.GetRequiredService<ApiTokenService>();
    public FactCheck.Core.Webhooks.WebhookService Webhooks => _services.GetRequiredService<FactCheck.Core.Webhooks.WebhookService>();
    public SiteSettingsService Settings => _services.GetRequiredService<SiteSettingsService>();
    public ReaderRequestService ReaderRequests => _services.GetRequiredService<ReaderRequestService>();
    public ExportService Exports => _services.GetRequiredService<ExportService>();
    public FactCheck.Core.Notifications.NotificationService Notifications => _services.GetRequiredService<FactCheck.Core.Notifications.NotificationService>();
    public List<ReviewEvent> Events { get; } = [];
    public DatabaseProvider Provider => _settings.Provider;
    public string ConnectionString => _settings.ConnectionString;
    public DatabaseSettings Database => _settings;

    public Actor Admin { get; private set; } = default!;
    public Actor Lead { get; private set; } = default!;
    public Actor Alice { get; private set; } = default!;
    public Actor Bob { get; private set; } = default!;
    public Actor Reader { get; private set; } = default!;
    public Actor Anonymous => Actor.Anonymous;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = new TestDatabase();
        await database.InitializeAsync(provider);
        return database;
    }

    /// <summary>The services over an existing database (not dropped at the end), without adding users.</summary>
    public static async Task<TestDatabase> OpenAsync(DatabaseSettings settings)
    {
        var database = new TestDatabase { _settings = settings };
        await database.BuildServicesAsync(Path.GetTempPath());
        return database;
    }

    private async Task InitializeAsync(DatabaseProvider provider)
    {
        _connection = await TestDatabaseConnection.CreateAsync(provider);
        _settings = _connection.Settings;
        await BuildServicesAsync(_connection.Folder);

        Admin = await AddUserAsync("admin@test.local", Roles.Admin);
        Lead = await AddUserAsync("lead@test.local", Roles.Lead);
        Alice = await AddUserAsync("alice@test.local", Roles.Reviewer);
        Bob = await AddUserAsync("bob@test.local", Roles.Reviewer);
        Reader = await AddUserAsync("reader@test.local", Roles.Reader);
    }

    private async Task BuildServicesAsync(string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new(DatabaseSettings.ProviderSetting, _settings.Provider.ToString()),
            new(DatabaseSettings.ConnectionSetting, _settings.ConnectionString),
            new("Import:MaxBytes", (64 * 1024).ToString()),
            // Tests serve pages on loopback, which the real app refuses unless configured.
            new("Import:AllowPrivateAddresses", "true"),
            new("Import:UrlTimeoutSeconds", "3"),
            new("Organization:Name", "Test Desk"),
            new("Organization:Url", "https://desk.test/"),
            new("Readers:SuggestionsPerHour", "5"),
            new("Readers:CorrectionRequestsPerHour", "5"),
        ]).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<InProcessReviewEventBus>();
        // Tests read Events right after a service call: record on publish, then deliver as the app does.
        services.AddSingleton<IReviewEventBus>(sp => new RecordingReviewEventBus(sp.GetRequiredService<InProcessReviewEventBus>(), Events));
        services.AddFactCheckCore(configuration, folder);
        services.AddSingleton(new FactCheck.Core.Webhooks.WebhookOptions());
        services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        services.AddSingleton<FactCheck.Core.Webhooks.WebhookSecrets>();
        services.AddSingleton<FactCheck.Core.Webhooks.WebhookService>();
        _services = services.BuildServiceProvider();
        await DatabaseInitializer.InitializeAsync(_services);
        // The app's SimilarityIndexService warms the index after start; here the harness does it.
        await _services.GetRequiredService<ClaimMatcher>().RefreshAsync();
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
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

/// <summary>Records every published event synchronously (the real bus delivers from queues), then publishes it.</summary>
public sealed class RecordingReviewEventBus(IReviewEventBus inner, List<ReviewEvent> recorded) : IReviewEventBus
{
    public Task PublishAsync(ReviewEvent reviewEvent, CancellationToken cancellationToken = default)
    {
        lock (recorded) recorded.Add(reviewEvent);
        return inner.PublishAsync(reviewEvent, cancellationToken);
    }

    public ReviewEventSubscription Subscribe(ReviewEventTopic topic, Func<ReviewEvent, Task> handler) => inner.Subscribe(topic, handler);
}
