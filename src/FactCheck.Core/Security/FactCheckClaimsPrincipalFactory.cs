using System.Security.Claims;
using FactCheck.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Security;

/// <summary>Adds the user's display name to the sign-in, so colleagues see "Alice Reviewer", not an e-mail.</summary>
public sealed class FactCheckClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "factcheck:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim(DisplayNameClaim, user.Name));
        return identity;
    }
}
