using Microsoft.AspNetCore.Mvc;

namespace FactCheck.Web.Components.Layout;

public static class ColorSchemeEndpoints
{
    /// <summary>
    /// POST /preferences/scheme: remembers the visitor's colour scheme (system, light, dark) in a
    /// cookie for a year and goes back to the page; a plain form post, so it works on the static
    /// public pages as in the workspace.
    /// </summary>
    public static void MapColorScheme(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/preferences/scheme", (HttpContext http, [FromForm] string? scheme, [FromForm] string? returnUrl) =>
        {
            if (!Enum.TryParse<ColorSchemeChoice>(scheme, ignoreCase: true, out var choice))
                return Results.BadRequest("scheme must be system, light or dark.");
            http.Response.Cookies.Append(ColorSchemeStyles.CookieName, choice.ToString().ToLowerInvariant(), new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
            });
            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\") ? "/" : returnUrl;
            return Results.LocalRedirect($"~{target}");
        });
}
