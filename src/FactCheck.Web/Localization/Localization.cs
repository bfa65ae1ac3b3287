using System.Globalization;
using FactCheck.Core.Domain;
using FactCheck.Core.Settings;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FactCheck.Web.Localization;

/// <summary>
/// The app's languages: English (the default) and Arabic (right to left). A request's language comes
/// from the "lang" query parameter, the language cookie the switch sets, then the browser's
/// Accept-Language, in that order; dates and numbers follow the same culture.
/// </summary>
public static class AppLanguages
{
    public const string English = "en";
    public const string Arabic = "ar";
    public static readonly string[] Supported = [English, Arabic];

    /// <summary>The cookie that remembers the reader's choice (ASP.NET Core's own format: "c=ar|uic=ar").</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    public static bool IsRightToLeft(CultureInfo culture) => culture.TextInfo.IsRightToLeft;

    /// <summary>The language the page is written in, for &lt;html lang&gt;.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Arabic ? Arabic : English;

    public static string Direction => IsRightToLeft(CultureInfo.CurrentUICulture) ? "rtl" : "ltr";

    /// <summary>The name of a language in that language, as the switch shows it.</summary>
    public static string NativeName(string language) => language == Arabic ? "العربية" : "English";

    public static void AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // "ar-EG" or "ar-SA" in Accept-Language picks Arabic; "fr" falls back to English.
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>
    /// POST /preferences/language: remembers the reader's language in the culture cookie for a year
    /// and goes back to the page. A plain form post, so the switch works on the static public pages.
    /// </summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/preferences/language", (HttpContext http, [FromForm] string? language, [FromForm] string? returnUrl) =>
        {
            if (language is null || !Supported.Contains(language, StringComparer.OrdinalIgnoreCase))
                return Results.BadRequest($"language must be one of: {string.Join(", ", Supported)}.");
            var culture = language.ToLowerInvariant();
            http.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
            });
            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\") ? "/" : returnUrl;
            return Results.LocalRedirect($"~{target}");
        });

    /// <summary>
    /// A rating in the reader's language: the admin's own wording when they set one (their words win,
    /// in every language), the translated built-in label otherwise.
    /// </summary>
    public static string Rating(this IStringLocalizer<PublicText> text, Rating rating, RatingLabels? labels) =>
        labels is not null && labels.TryGetCustom(rating, out var custom) ? custom : text[$"Rating.{rating}"];

    public static string Stance(this IStringLocalizer<PublicText> text, SourceStance stance) => text[$"Stance.{stance}"];
}

/// <summary>
/// The language of text people wrote (claims, verdicts, sources), for its own lang attribute inside a
/// page in another language. The extractor reads English, so text is English unless it is mostly in
/// Arabic script; dir="auto" beside it lets the browser set the direction from the text itself.
/// </summary>
public static class ContentLanguage
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return AppLanguages.English;
        int arabic = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF') arabic++;
            else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F') latin++;
        }
        return arabic > latin ? AppLanguages.Arabic : AppLanguages.English;
    }
}
