using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using FactCheck.Core.Domain;
using FactCheck.Core.Users;

namespace FactCheck.Web.Components.Account;

/// <summary>
/// The circuit's user, revalidated against the security stamp every <see cref="RevalidationInterval"/>
/// and at once when <see cref="UserAccessSignal"/> reports that an admin changed this user's roles
/// or lock. A failed check makes the circuit anonymous: the router then shows the sign-in redirect
/// (a full page load, which ends the circuit) and the services refuse the anonymous actor.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly UserAccessSignal accessSignal;
    private readonly ILogger logger;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, UserAccessSignal accessSignal)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.accessSignal = accessSignal;
        logger = loggerFactory.CreateLogger<IdentityRevalidatingAuthenticationStateProvider>();
        accessSignal.Changed += OnUserAccessChanged;
    }

    /// <summary>The fallback for changes made on another instance (the signal is per instance).</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    private void OnUserAccessChanged(string userId) => _ = RevalidateNowAsync(userId);

    private async Task RevalidateNowAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType) != userId)
                return;
            if (!await ValidateAuthenticationStateAsync(state, CancellationToken.None))
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Revalidating a circuit after an access change failed; the interval check still applies.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) accessSignal.Changed -= OnUserAccessChanged;
        base.Dispose(disposing);
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await ValidateSecurityStampAsync(userManager, authenticationState.User);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
