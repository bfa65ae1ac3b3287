using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FactCheck.Web.Tests.Api;

namespace FactCheck.Web.Tests.Localization;

/// <summary>
/// The public site over HTTP in the reader's language: English by default, Arabic right to left by
/// Accept-Language or the language switch, user text in its own language inside either.
/// </summary>
public sealed partial class PublicSiteLanguageTests(PublishedSite site) : IClassFixture<PublishedSite>
{
    private static HttpRequestMessage Get(string path, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return request;
    }

    private async Task<string> PageAsync(HttpClient client, string path, string? acceptLanguage = null)
    {
        using var response = await client.SendAsync(Get(path, acceptLanguage));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Without_a_language_preference_the_verdicts_list_is_English_left_to_right()
    {
        var html = await PageAsync(site.Anonymous(), "/verdicts");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", html);
        Assert.Contains("Published verdicts", html);
        Assert.DoesNotContain("الأحكام المنشورة", html);
        Assert.DoesNotContain("mud-application-layout-rtl", html);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("ar-EG,ar;q=0.9,en;q=0.5")]
    public async Task Accept_Language_Arabic_gives_the_verdicts_list_in_Arabic_right_to_left(string acceptLanguage)
    {
        var html = PublishedSite.Visible(await PageAsync(site.Anonymous(), "/verdicts", acceptLanguage));
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", html);
        Assert.Contains("mud-application-layout-rtl", html);
        Assert.Contains("الأحكام المنشورة", html);
        Assert.Contains("ابحث في الادعاءات والأحكام", html);
        // The corrected verdict is rated False, and the admin set no wording of their own: the built-in Arabic label.
        Assert.Contains(">خاطئ<", html);
        Assert.DoesNotContain(">Published verdicts<", html);
        Assert.Contains("aria-pressed=\"true\" id=\"language-ar\"", html);
    }

    [Fact]
    public async Task A_language_the_site_does_not_speak_falls_back_to_English()
    {
        var html = await PageAsync(site.Anonymous(), "/verdicts", "fr-FR,fr;q=0.9");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", html);
        Assert.Contains("Published verdicts", html);
    }

    [Fact]
    public async Task An_English_claim_inside_the_Arabic_page_keeps_its_own_language_and_direction()
    {
        var html = await PageAsync(site.Anonymous(), $"/verdicts/{site.CorrectedSlug}", "ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", html);
        var claim = ClaimHeadingRegex().Match(html);
        Assert.True(claim.Success, "The verdict page has its claim heading.");
        Assert.Contains("lang=\"en\"", claim.Value);
        Assert.Contains("dir=\"auto\"", claim.Value);
        var summary = SummaryRegex().Match(html);
        Assert.True(summary.Success, "The verdict page has its summary.");
        Assert.Contains("lang=\"en\"", summary.Value);
        // The page's own words are Arabic around it.
        Assert.Contains("سجل التصحيحات", PublishedSite.Visible(html));
        Assert.Contains("UN count", html);
    }

    [Fact]
    public async Task Dates_on_the_Arabic_page_use_Arabic_month_names()
    {
        var html = PublishedSite.Visible(await PageAsync(site.Anonymous(), $"/verdicts/{site.CorrectedSlug}", "ar"));
        var arabic = (CultureInfo)new CultureInfo("ar").Clone();
        arabic.DateTimeFormat.Calendar = new GregorianCalendar();
        var today = DateTimeOffset.UtcNow;
        // Published moments ago, and shown in UTC without the time zone cookie.
        var expected = today.ToString("d MMM yyyy", arabic);
        Assert.Contains($"نُشر في {expected}", html);
        Assert.Contains(arabic.DateTimeFormat.GetAbbreviatedMonthName(today.Month), html);
        Assert.DoesNotContain(today.ToString("MMM", CultureInfo.InvariantCulture) + " " + today.Year, html);
    }

    [Fact]
    public async Task The_switch_remembers_Arabic_in_a_cookie_over_the_browser_language()
    {
        var client = site.Anonymous();
        var token = PublishedSite.AntiforgeryToken(await PageAsync(client, "/verdicts"));
        using var switched = await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["language"] = "ar",
            ["returnUrl"] = $"/verdicts/{site.PlainSlug}",
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal($"/verdicts/{site.PlainSlug}", switched.Headers.Location?.OriginalString);

        // The cookie wins over an English browser.
        var arabic = PublishedSite.Visible(await PageAsync(client, "/verdicts", "en-US,en;q=0.9"));
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", arabic);
        Assert.Contains("الأحكام المنشورة", arabic);

        token = PublishedSite.AntiforgeryToken(arabic);
        using var back = await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["language"] = "en",
            ["returnUrl"] = "/verdicts",
        }));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var english = await PageAsync(client, "/verdicts", "ar");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", english);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("ar;DROP")]
    public async Task An_unknown_language_is_refused_and_sets_no_cookie(string language)
    {
        var client = site.Anonymous();
        var token = PublishedSite.AntiforgeryToken(await PageAsync(client, "/verdicts"));
        using var response = await client.PostAsync("/preferences/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["language"] = language,
            ["returnUrl"] = "/verdicts",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
        Assert.Contains("<html lang=\"en\"", await PageAsync(client, "/verdicts"));
    }

    [Fact]
    public async Task The_sign_in_page_is_Arabic_for_an_Arabic_reader()
    {
        var html = PublishedSite.Visible(await PageAsync(site.Anonymous(), "/Account/Login", "ar"));
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\"", html);
        Assert.Contains("يسجّل أعضاء فريق العمل", html);
        Assert.Contains(">البريد الإلكتروني<", html);
    }

    [Fact]
    public async Task The_workspace_is_not_translated_yet_and_stays_English_left_to_right()
    {
        var lead = await site.Factory.SignedInClientAsync("lead@factcheck.local");
        var html = await PageAsync(lead, "/audit", "ar");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", html);
    }

    [GeneratedRegex("<h1[^>]*id=\"verdict-claim\"[^>]*>")]
    private static partial Regex ClaimHeadingRegex();

    [GeneratedRegex("<div[^>]*id=\"verdict-summary\"[^>]*>")]
    private static partial Regex SummaryRegex();
}
