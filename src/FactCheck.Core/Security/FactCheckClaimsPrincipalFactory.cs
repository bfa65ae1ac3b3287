using System.Security.Claims;
using FactCheck.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Security;

/// <summary>Adds the user's display name to the sign-in, so colleagues see "Alice Reviewer", not an e-mail, and their stored theme and time zone.</summary>
public sealed class FactCheckClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "factcheck:display_name";

    /// <summary>The user's stored colour scheme (system, light, dark), when they chose one.</summary>
    public const string ThemeClaim = "factcheck:theme";

    /// <summary>The user's stored IANA time zone, when known.</summary>
    public const string TimeZoneClaim = "factcheck:tz";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim(DisplayNameClaim, user.Name));
        // The principal is rebuilt on every request (security stamp check), so a change shows on the next page.
        if (user.ThemePreference is { } theme) identity.AddClaim(new System.Security.Claims.Claim(ThemeClaim, theme.ToString()));
        if (!string.IsNullOrEmpty(user.TimeZone)) identity.AddClaim(new System.Security.Claims.Claim(TimeZoneClaim, user.TimeZone));
        return identity;
    }
}
