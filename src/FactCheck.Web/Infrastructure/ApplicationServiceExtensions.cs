using System.Threading.RateLimiting;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
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
using FactCheck.Web.Api;
using FactCheck.Web.Components.Account;
using FactCheck.Web.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace FactCheck.Web.Infrastructure;

public static class ApplicationServiceExtensions
{
    /// <summary>Everything the app registers, in one place (as eShop's AddApplicationServices).</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        // Identity: cookie sign-in, lockout on, roles from the Identity tables.
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/Account/Login";
                options.AccessDeniedPath = "/Account/AccessDenied";
                options.Cookie.Name = "FactCheck.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                // APIs answer 401/403 instead of redirecting to the login page.
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FactCheckDbContext>()
            .AddClaimsPrincipalFactory<FactCheckClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddRateLimiter(options =>
        {
            var perMinute = configuration.GetValue("Security:LoginAttemptsPerMinute", 10);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute and try again.", cancellationToken);
            };
            // Password guessing is slowed per client address on top of the per-account lockout.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
        });

        // Data and domain services.
        services.AddFactCheckDatabase(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(TimeProvider.System);
        services.Configure<ImportOptions>(configuration.GetSection("Import"));
        services.Configure<OrganizationOptions>(configuration.GetSection("Organization"));
        services.Configure<ReaderRequestOptions>(configuration.GetSection("Readers"));
        builder.AddRealtime();
        services.AddSingleton<DocumentImportService>();
        services.AddSingleton<ClaimQueryService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<PublicVerdictService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<SavedFilterService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<ClaimMatcher>();
        services.AddSingleton<ClaimEmbeddingPass>();
        services.AddSingleton<FactCheck.Core.Review.QuantityCrossCheck>();
        services.AddHostedService<SimilarityIndexService>();
        var urlReaderOptions = new UrlReaderOptions
        {
            Timeout = TimeSpan.FromSeconds(configuration.GetValue("Import:UrlTimeoutSeconds", 15)),
            MaxBytes = configuration.GetValue("Import:MaxBytes", 10L * 1024 * 1024),
            AllowPrivateAddresses = configuration.GetValue("Import:AllowPrivateAddresses", false),
        };
        services.AddSingleton(urlReaderOptions);
        // One handler for the app's lifetime; it checks every resolved address before connecting.
        services.AddSingleton(_ => new UrlDocumentReader(new HttpClient(UrlDocumentReader.CreateHandler(urlReaderOptions)) { Timeout = Timeout.InfiniteTimeSpan }, urlReaderOptions));
        services.AddSingleton<SiteSettingsService>();
        services.AddSingleton<ReaderRequestService>();
        services.AddSingleton<ExportService>();
        services.AddScoped<CurrentActor>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddProblemDetails();
    }

    private static bool IsMachineEndpoint(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsMachineEndpoint(context.Request.Path))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Migrations, roles, and in Development (or when Demo:Seed says so) the demo accounts and seeds.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await DatabaseInitializer.InitializeAsync(app.Services);
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            var seeds = DemoData.FindSeedFolder(app.Configuration["Demo:SeedFolder"], app.Environment.ContentRootPath);
            await DemoData.SeedAsync(app.Services, seeds);
        }
    }

    public static void UseFactCheckPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        // Friendly pages for people; API and hub clients get the bare status (re-executing their
        // POSTs through a page would also fail antiforgery and turn a 401 into a 400).
        app.UseWhen(context => !IsMachineEndpoint(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseTopLevelStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
    }

    public static void MapFactCheckEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapAdditionalIdentityEndpoints();
        app.MapPublicApi();
        app.MapDocumentsApi();
        app.MapAuditApi();
        app.MapFeeds();
        app.MapExportApi();
        app.MapRealtime();
    }

    /// <summary>
    /// Serves the repository's top-level wwwroot/ (css, favicon, images). The build copies it beside
    /// the app as public/ (see FactCheck.Web.csproj), which works the same for dotnet run, dotnet
    /// publish and the test host.
    /// </summary>
    public static void UseTopLevelStaticFiles(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "public");
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"Static files folder {folder} is missing: build the FactCheck.Web project, which copies the top-level wwwroot/ there.");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
    }
}
