using System.Net;
using System.Text.RegularExpressions;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using FactCheck.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests;

/// <summary>
/// The real app over HTTP with its own temporary SQLite file, the demo accounts and the seed
/// article (as Development would have them), in the "Testing" environment.
/// </summary>
public sealed partial class FactCheckWebFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factcheck-web-tests", Guid.NewGuid().ToString("N"));

    public int LoginAttemptsPerMinute { get; init; } = 1000;

    public int RegistrationsPerHour { get; init; } = 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:FactCheck", $"Data Source={Path.Combine(_folder, "factcheck.db")}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Security:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString());
        builder.UseSetting("Security:RegistrationsPerHour", RegistrationsPerHour.ToString());
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real login form (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password = DemoData.Password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryRegex().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The login form carries an antiforgery token.");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = CreateBrowserClient();
        var response = await PostLoginAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The actor the app builds for a demo user: the principal comes from Identity's own factory.</summary>
    public async Task<Actor> ActorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
        return Actor.From(await principals.CreateAsync(user));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryRegex();
}
