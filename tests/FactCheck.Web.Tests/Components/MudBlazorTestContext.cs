using System.Security.Claims;
using Bunit;
using FactCheck.Core.Security;
using FactCheck.Core.Tests;
using FactCheck.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace FactCheck.Web.Tests.Components;

/// <summary>
/// Shared base for component tests, as MudBlazor's own tests do: MudBlazor services, loose JS
/// interop, a popover provider for selects and menus, and the app's real services on a real
/// SQLite test database.
/// </summary>
public abstract class MudBlazorTestContext : BunitContext, IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(Db.Review);
        Services.AddSingleton(Db.Queries);
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Events.IReviewEventBus>());
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Review.SavedFilterService>());
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Review.QuantityCrossCheck>());
        Services.AddScoped<CurrentActor>();
        Services.AddLogging();
        // Pages read their words through IStringLocalizer (English resources in tests) and show dates in the reader's zone.
        Services.AddLocalization();
        Services.AddHttpContextAccessor();
        Services.AddScoped<UserTimeZone>();
        Services.AddSingleton<FactCheck.Core.Presence.IClaimPresence, FactCheck.Core.Presence.ClaimPresence>();
        Services.AddScoped<FactCheck.Web.Realtime.CircuitPresence>();
        Services.AddScoped<FactCheck.Web.Realtime.CircuitEvents>();
        Services.AddSingleton(Db.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<FactCheck.Core.Persistence.FactCheckDbContext>>());
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Readers.ReaderRequestService>());
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Review.AuditService>());
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Settings.SiteSettingsService>());
        Services.AddSingleton(Db.Services.GetRequiredService<FactCheck.Core.Notifications.NotificationService>());
        Services.AddHttpContextAccessor();
        Services.AddScoped<UserTimeZone>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>Signs the component tree in as the given test actor.</summary>
    protected void SignInAs(Actor actor)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(actor.Name);
        // SetRoles replaces earlier claims, so the id claim goes last.
        authorization.SetRoles([.. actor.Roles]);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId!));
    }

    /// <summary>Components render as in a live circuit (pages check RendererInfo.IsInteractive); call after the last service is added.</summary>
    protected void RenderAsLiveCircuit() => Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();
}
