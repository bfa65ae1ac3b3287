using System.Security.Claims;

namespace FactCheck.Core.Security;

/// <summary>
/// Who is calling a service. Built from the signed-in principal on every call, so services check
/// the role and the record themselves and never trust the UI to have hidden a button.
/// </summary>
public sealed record Actor(string? UserId, string Name, IReadOnlySet<string> Roles)
{
    public static Actor Anonymous { get; } = new(null, "anonymous", new HashSet<string>());

    public static Actor From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return Anonymous;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return Anonymous;
        var roles = principal.FindAll(principal.Identities.First().RoleClaimType).Select(c => c.Value).ToHashSet();
        var name = principal.FindFirstValue(FactCheckClaimsPrincipalFactory.DisplayNameClaim) ?? principal.Identity.Name ?? id;
        return new Actor(id, name, roles);
    }

    public bool IsAuthenticated => UserId is not null;
    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);
    public bool IsLead => IsAdmin || Roles.Contains(Security.Roles.Lead);
    public bool IsReviewer => Roles.Contains(Security.Roles.Reviewer);
    public bool IsWorkspaceMember => IsLead || IsReviewer;

    /// <summary>The user id, or a refusal for anonymous callers.</summary>
    public string RequireUserId() => UserId ?? throw new AccessDeniedException("Sign in first.");
}

/// <summary>The caller may not do this to this record. The message is safe to show.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
