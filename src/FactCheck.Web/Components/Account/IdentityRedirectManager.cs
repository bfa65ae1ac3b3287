using Microsoft.AspNetCore.Components;

namespace FactCheck.Web.Components.Account;

/// <summary>Redirects from the static account pages, refusing open redirects to other sites.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        navigationManager.NavigateTo(IsLocal(uri) ? uri! : "/");
    }

    /// <summary>A path on this site: not absolute, not protocol-relative (//host), not /\host (which browsers read as //host).</summary>
    public static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && Uri.IsWellFormedUriString(uri, UriKind.Relative)
        && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal) && !uri.Contains('\\')
        && !uri.Any(char.IsControl);
}
