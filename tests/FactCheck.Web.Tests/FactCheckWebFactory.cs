using System.Net;
using System.Net.Http.Json;
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

    /// <summary>Webhooks are sent only by the tests about them (to a local receiver), never elsewhere.</summary>
    public bool DispatchWebhooks { get; init; }

    /// <summary>Lets webhooks point at the tests' loopback receiver.</summary>
    public bool AllowPrivateWebhooks { get; init; }

    /// <summary>Another SQLite file, to start the app again on the same data (a restart).</summary>
    public string? DatabaseFile { get; init; }

    /// <summary>The SQLite file this instance uses (SQLite only).</summary>
    public string DatabasePath => DatabaseFile ?? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory configures synchronously; the database is ready in milliseconds.
        // Once per factory: a WithWebHostBuilder copy configures through this same instance and must see the same data.
        _database ??= TestDatabaseConnection.CreateAsync(Provider).GetAwaiter().GetResult();
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _database.Configuration) builder.UseSetting(key, value);
        if (DatabaseFile is not null) builder.UseSetting("ConnectionStrings:FactCheck", $"Data Source={DatabaseFile}");
        builder.UseSetting("Webhooks:Dispatch", DispatchWebhooks.ToString());
        builder.UseSetting("Webhooks:AllowPrivateAddresses", AllowPrivateWebhooks.ToString());
        builder.UseSetting("Webhooks:PollSeconds", "0.2");
        builder.UseSetting("Webhooks:RetryDelaysSeconds:0", "0.5");
        builder.UseSetting("Webhooks:RetryDelaysSeconds:1", "1");
        builder.UseSetting("Webhooks:RetryDelaysSeconds:2", "1");
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

    /// <summary>A personal access token of the user (made as the operator at the console would), with the given scopes.</summary>
    public async Task<string> TokenAsync(string email, params string[] scopes)
    {
        var tokens = Services.GetRequiredService<FactCheck.Core.Users.ApiTokenService>();
        var owner = await ActorAsync(email);
        var operatorActor = new Actor("test-operator", "test operator", new HashSet<string> { Roles.Admin });
        return await tokens.CreateForAsync(operatorActor, owner.UserId!, "test " + Guid.NewGuid().ToString("N")[..8], scopes);
    }

    /// <summary>
    /// A token stored as if made while the user held more roles (then demoted): the service would not
    /// issue it today, so it is written straight into the database, hash only, as the service does.
    /// </summary>
    public async Task<string> StaleTokenAsync(string email, string scopes = "read,review,lead,admin")
    {
        var owner = await ActorAsync(email);
        var secret = "fct_stale" + Guid.NewGuid().ToString("N");
        await using var scope = Services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<FactCheck.Core.Persistence.FactCheckDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        db.ApiTokens.Add(new ApiToken
        {
            Name = "stale", Prefix = secret[..10], OwnerId = owner.UserId!, CreatedById = owner.UserId!, CreatedAt = DateTimeOffset.UtcNow,
            TokenHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))),
            Scopes = scopes, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        await db.SaveChangesAsync();
        return secret;
    }

    public HttpClient TokenClient(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A cookie-signed-in client that sends the API's antiforgery header on writes, as the app's own scripts would.</summary>
    public async Task<HttpClient> SignedInApiClientAsync(string email)
    {
        var client = await SignedInClientAsync(email);
        var antiforgery = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/antiforgery");
        client.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
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
