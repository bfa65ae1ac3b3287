using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using Microsoft.AspNetCore.Mvc;

namespace FactCheck.Web.Components.Layout;

public static class ColorSchemeEndpoints
{
    /// <summary>
    /// POST /preferences/scheme: remembers the visitor's colour scheme (system, light, dark) in a
    /// cookie for a year (and on the account when signed in) and goes back to the page; a plain form post, so it works on the static
    /// public pages as in the workspace.
    /// </summary>
    public static void MapColorScheme(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/preferences/scheme", async (HttpContext http, [FromForm] string? scheme, [FromForm] string? returnUrl, UserSettingsService settings) =>
        {
            if (!Enum.TryParse<ColorSchemeChoice>(scheme, ignoreCase: true, out var choice) || !Enum.IsDefined(choice) || int.TryParse(scheme, out _))
                return Results.BadRequest("scheme must be system, light or dark.");
            // Signed in: stored on the account, so every browser of this person follows it.
            var actor = Actor.From(http.User);
            if (actor.IsAuthenticated) await settings.SetThemeAsync(actor, (ThemePreference)(int)choice, http.RequestAborted);
            http.Response.Cookies.Append(ColorSchemeStyles.CookieName, choice.ToString().ToLowerInvariant(), new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
            });
            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\") ? "/" : returnUrl;
            return Results.LocalRedirect($"~{target}");
        });
}
