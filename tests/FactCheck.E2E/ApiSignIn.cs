using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FactCheck.E2E;

/// <summary>
/// An HTTP client signed in through the real login form, ready to write to the API with its cookie:
/// cookie writes must carry the antiforgery header (bearer tokens need none), as the app's pages send it.
/// </summary>
public static partial class ApiSignIn
{
    public static async Task SignInForApiAsync(this HttpClient client, string baseUrl, string email, string password = "Demo-pass-1")
    {
        var form = await client.GetStringAsync($"{baseUrl}/Account/Login");
        var response = await client.PostAsync($"{baseUrl}/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryRegex().Match(form).Groups[1].Value,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var antiforgery = await client.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/v1/antiforgery");
        client.DefaultRequestHeaders.Remove(antiforgery.GetProperty("headerName").GetString()!);
        client.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryRegex();
}
