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
/// The real app over HTTP with its own database (a temporary SQLite file here, a PostgreSQL database
/// in <see cref="PostgresWebFactory"/>), the demo accounts and the seed article (as Development
/// would have them), in the "Testing" environment.
/// </summary>
public partial class FactCheckWebFactory : WebApplicationFactory<Program>
{
    private TestDatabaseConnection? _database;

    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public int LoginAttemptsPerMinute { get; init; } = 1000;

    /// <summary>The host environment; "Production" turns on what only production has (JSON logs, HSTS).</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>More settings, applied last (e.g. Realtime:Redis, or another instance's database).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>This instance's database (created when the host starts); give it to a second factory to make two instances of one workspace.</summary>
    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("The host has not started yet.");

    public int RegistrationsPerHour { get; init; } = 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory configures synchronously; the database is ready in milliseconds.
        _database = TestDatabaseConnection.CreateAsync(Provider).GetAwaiter().GetResult();
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _database.Configuration) builder.UseSetting(key, value);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Security:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString());
        builder.UseSetting("Security:RegistrationsPerHour", RegistrationsPerHour.ToString());
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
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
        _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database = null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryRegex();
}

/// <summary>The same app on a PostgreSQL database of its own (on the test run's throwaway server).</summary>
public sealed class PostgresWebFactory : FactCheckWebFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
