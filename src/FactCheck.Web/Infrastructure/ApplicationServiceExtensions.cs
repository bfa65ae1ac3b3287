using FactCheck.Web.Localization;
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
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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

        builder.AddWebSecurity();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddAppLocalization();
        services.AddSingleton<FactCheck.Web.Components.Layout.ColorSchemeStyles>();
        services.AddHttpContextAccessor();
        services.AddScoped<UserTimeZone>();
        services.Configure<SmtpOptions>(configuration.GetSection("Mail:Smtp"));
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<SmtpEmailSender>());
        // Notification mail: the outbox and the daily digest run only when SMTP is configured.
        services.Configure<FactCheck.Web.Notifications.NotificationMailOptions>(configuration.GetSection("Notifications:Mail"));
        services.AddSingleton<FactCheck.Web.Notifications.NotificationMailer>();
        if (!string.IsNullOrWhiteSpace(configuration["Mail:Smtp:Host"]) && configuration.GetValue("Notifications:Mail:Enabled", true))
            services.AddHostedService<FactCheck.Web.Notifications.NotificationMailService>();

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
        // Every request checks the cookie against the user's security stamp, which role and lock
        // changes renew: a demoted or locked user's old cookie stops working on the next request.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<UserAccessSignal>();
        services.AddSingleton<SignInAttemptLocks>();
        // With Redis, AddRealtime below registers the shared locks after this, and the last registration wins.
        services.AddSingleton<ISignInAttemptLocks>(sp => sp.GetRequiredService<SignInAttemptLocks>());
        services.AddScoped<PasswordSignIn>();
        services.Configure<AccountOptions>(configuration.GetSection("Identity"));
        services.AddScoped<EmailConfirmation>();
        // Data, Identity's stores and the domain services (shared with the command line and the
        // tests); realtime first, so its event bus is the one used.
        builder.AddRealtime();
        services.AddFactCheckCore(configuration, builder.Environment.ContentRootPath, options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddClaimsPrincipalFactory<FactCheckClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddHostedService<SimilarityIndexService>();
        services.AddHostedService<ImportWorker>();
        // An instance that leaves the embedding model out (Extraction:EmbeddingPass=false) does not load it for imports either.
        if (!configuration.GetValue("Extraction:EmbeddingPass", true))
            services.PostConfigure<FactCheck.Core.Documents.ImportOptions>(options => options.EmbedClaims = false);
        services.AddScoped<CurrentActor>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseCheckName, tags: [ReadinessTag]);
        builder.AddObservability();
        services.AddProblemDetails();
        builder.AddFactCheckApi();
    }

    /// <summary>Health checks with this tag decide /health/ready: the database, and Redis when it is configured.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>/health (the public contract) checks the database only, as before readiness existed.</summary>
    public const string DatabaseCheckName = "database";

    public static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments(ObservabilityExtensions.MetricsPath);

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
        // Webhook secrets written in plain text before they were encrypted at rest are encrypted now.
        await app.Services.GetRequiredService<FactCheck.Core.Webhooks.WebhookSecrets>()
            .ProtectStoredAsync(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<FactCheck.Core.Persistence.FactCheckDbContext>>());
        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            var seeds = DemoData.FindSeedFolder(app.Configuration["Demo:SeedFolder"], app.Environment.ContentRootPath);
            await DemoData.SeedAsync(app.Services, seeds, story: app.Configuration.GetValue<bool>("Demo:Story"));
        }
    }

    public static void UseFactCheckPipeline(this WebApplication app)
    {
        app.UseWebSecurity();
        // Before anything renders: error and not-found pages speak the reader's language too.
        app.UseRequestLocalization();
        if (!app.Environment.IsDevelopment())
        {
            // AllowStatusCode404Response: ProblemExceptionHandler answers API calls for missing records with 404.
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", CreateScopeForErrors = true, AllowStatusCode404Response = true });
            app.UseHsts();
        }
        else
        {
            // Pages keep the developer exception page; API and hub calls get ProblemDetails (ProblemExceptionHandler) everywhere.
            app.UseWhen(context => IsMachineEndpoint(context.Request.Path), branch => branch.UseExceptionHandler());
        }
        // Friendly pages for people; API and hub clients get the bare status (re-executing their
        // POSTs through a page would also fail antiforgery and turn a 401 into a 400).
        app.UseWhen(context => !IsMachineEndpoint(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseTopLevelStaticFiles();
        app.UseAccountRateLimits(app.Configuration);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
    }

    public static void MapFactCheckEndpoints(this WebApplication app)
    {
        // /health stays what it was (the database answers); /health/live says only that the process
        // serves requests (a balancer restarts nothing for a dependency); /health/ready adds Redis.
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == DatabaseCheckName });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessTag) });
        app.MapObservability();
        app.MapAdditionalIdentityEndpoints();
        app.MapPublicApi();
        app.MapDocumentsApi();
        app.MapAuditApi();
        app.MapFeeds();
        app.MapExportApi();
        app.MapFactCheckApi();
        app.MapRealtime();
        FactCheck.Web.Components.Layout.ColorSchemeEndpoints.MapColorScheme(app);
        app.MapLanguageSwitch();
        FactCheck.Web.Components.Layout.ShortcutEndpoints.MapShortcuts(app);
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
