using System.Net;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api;

/// <summary>Sign-in, lockout, rate limiting and role checks of the running app.</summary>
public abstract class AccessTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : FactCheckWebFactory
{
    [Theory]
    [InlineData("/claims")]
    [InlineData("/documents")]
    [InlineData("/documents/import")]
    [InlineData("/admin/users")]
    public async Task Anonymous_users_are_sent_to_sign_in_from_the_workspace(string path)
    {
        var response = await factory.CreateBrowserClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_lead_signs_in_and_sees_the_seed_claims()
    {
        var client = await factory.SignedInClientAsync("lead@factcheck.local");
        var html = await client.GetStringAsync("/documents");
        Assert.Contains("Hamas confirms talks with Israel in Doha", html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var response = await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), "bob@factcheck.local", "wrong-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong e-mail or password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account()
    {
        var userAdmin = factory.Services.GetRequiredService<FactCheck.Core.Users.UserAdminService>();
        var admin = await factory.ActorAsync("admin@factcheck.local");
        await userAdmin.CreateAsync(admin, "victim@factcheck.local", "Victim", "Victim-pass-1", [Roles.Reviewer]);

        for (var i = 0; i < 5; i++)
            await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), "victim@factcheck.local", "bad-guess-" + i);
        var response = await FactCheckWebFactory.PostLoginAsync(factory.CreateBrowserClient(), "victim@factcheck.local", "Victim-pass-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Lockout", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_reviewer_is_refused_the_admin_page()
    {
        var client = await factory.SignedInClientAsync("alice@factcheck.local");
        var response = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_reviewer_is_refused_a_leads_action_in_the_running_app()
    {
        var alice = await factory.ActorAsync("alice@factcheck.local");
        var bob = await factory.ActorAsync("bob@factcheck.local");
        var review = factory.Services.GetRequiredService<ReviewService>();
        var claimId = (await factory.Services.GetRequiredService<ClaimQueryService>().ListAsync(alice, new ClaimQuery { Status = ClaimStatus.New })).Items[0].Id;

        await Assert.ThrowsAsync<AccessDeniedException>(() => review.AssignAsync(alice, claimId, bob.UserId!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => review.DismissAsync(alice, claimId, "Not worth it"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => review.SaveVerdictAsync(alice, claimId, Rating.True, "Not assigned to me."));

        var claim = await factory.Services.GetRequiredService<ClaimQueryService>().GetAsync(alice, claimId);
        Assert.Equal(ClaimStatus.New, claim!.Status);
        Assert.Empty(claim.Verdicts);
    }

    [Fact]
    public async Task Register_creates_a_reader_who_cannot_enter_the_workspace()
    {
        var client = factory.CreateBrowserClient();
        var response = await PostRegisterAsync(client, "New Reader", "new.reader@example.org");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var reader = await factory.ActorAsync("new.reader@example.org");
        Assert.Equal([Roles.Reader], reader.Roles);
        var workspace = await client.GetAsync("/claims");
        Assert.Equal(HttpStatusCode.Redirect, workspace.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", workspace.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Registering_with_script_in_the_name_is_refused()
    {
        var response = await PostRegisterAsync(factory.CreateBrowserClient(), "<script>alert(1)</script>", "evil@example.org");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot contain HTML or script", await response.Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.ActorAsync("evil@example.org"));
    }

    /// <summary>Fills in the real registration form, antiforgery token included.</summary>
    private static async Task<HttpResponseMessage> PostRegisterAsync(HttpClient client, string name, string email)
    {
        var page = await client.GetStringAsync("/Account/Register");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = "Reader-pass-1",
            ["Input.ConfirmPassword"] = "Reader-pass-1",
        }));
    }
}

public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429()
    {
        using var factory = new FactCheckWebFactory { LoginAttemptsPerMinute = 3 };
        var client = factory.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await FactCheckWebFactory.PostLoginAsync(client, "bob@factcheck.local", "wrong")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}

public sealed class AccessTestsOnSqlite(FactCheckWebFactory factory) : AccessTests<FactCheckWebFactory>(factory);

public sealed class AccessTestsOnPostgres(PostgresWebFactory factory) : AccessTests<PostgresWebFactory>(factory);
