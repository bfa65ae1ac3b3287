using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Exports;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.Readers;
using FactCheck.Core.Review;
using FactCheck.Core.Settings;
using FactCheck.Core.Users;
using FactCheck.Extraction;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactCheck.Data;

public static class FactCheckCoreServiceCollectionExtensions
{
    /// <summary>
    /// The database, Identity's stores and every domain service, configured from the Import,
    /// Organization and Readers sections: one registration for the web app, the command line and
    /// the tests. The event bus is in-process unless the caller registered another one before.
    /// Returns Identity's builder so the web app can add sign-in and token providers.
    /// </summary>
    public static IdentityBuilder AddFactCheckCore(this IServiceCollection services, IConfiguration configuration, string contentRoot,
        Action<IdentityOptions>? identityOptions = null)
    {
        services.AddFactCheckDatabase(configuration, contentRoot);
        var identity = services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                identityOptions?.Invoke(options);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FactCheckDbContext>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReviewEventBus, InProcessReviewEventBus>();
        services.Configure<ImportOptions>(configuration.GetSection("Import"));
        services.Configure<OrganizationOptions>(configuration.GetSection("Organization"));
        services.Configure<ReaderRequestOptions>(configuration.GetSection("Readers"));
        var urlReaderOptions = new UrlReaderOptions
        {
            Timeout = TimeSpan.FromSeconds(configuration.GetValue("Import:UrlTimeoutSeconds", 15)),
            MaxBytes = configuration.GetValue("Import:MaxBytes", 10L * 1024 * 1024),
            AllowPrivateAddresses = configuration.GetValue("Import:AllowPrivateAddresses", false),
        };
        services.AddSingleton(urlReaderOptions);
        // One handler for the app's lifetime; it checks every resolved address before connecting.
        services.AddSingleton(_ => new UrlDocumentReader(new HttpClient(UrlDocumentReader.CreateHandler(urlReaderOptions)) { Timeout = Timeout.InfiniteTimeSpan }, urlReaderOptions));

        services.AddSingleton<ClaimMatcher>();
        services.AddSingleton<ClaimEmbeddingPass>();
        services.AddSingleton<QuantityCrossCheck>();
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<DocumentImportService>();
        services.AddSingleton<ClaimQueryService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<PublicVerdictService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<SavedFilterService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<SiteSettingsService>();
        services.AddSingleton<ReaderRequestService>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<FactCheck.Core.Notifications.NotificationService>();
        services.AddSingleton<UserSettingsService>();
        return identity;
    }
}
