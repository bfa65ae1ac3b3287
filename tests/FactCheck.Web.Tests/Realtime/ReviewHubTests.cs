using System.Net;
using System.Text.Json;
using FactCheck.Core.Documents;
using FactCheck.Core.Events;
using FactCheck.Core.Review;
using FactCheck.Core.Users;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Realtime;

/// <summary>/hubs/review over the test server: who may connect, and who receives which event.</summary>
public abstract class ReviewHubTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime where TFactory : FactCheckWebFactory
{
    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    private HubConnection Build(Action<HttpConnectionOptions>? authenticate = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/review"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                authenticate?.Invoke(options);
            })
            .Build();
        _connections.Add(connection);
        return connection;
    }

    /// <summary>A connection that authenticates with a bearer API token of the user.</summary>
    private async Task<HubConnection> TokenConnectionAsync(string email)
    {
        var secret = await factory.TokenAsync(email);
        return Build(options => options.AccessTokenProvider = () => Task.FromResult<string?>(secret));
    }

    /// <summary>A connection that carries the Identity cookie of a real sign-in through the login form.</summary>
    private async Task<HubConnection> CookieConnectionAsync(string email)
    {
        var cookies = new CookieContainerHandler();
        var client = factory.CreateDefaultClient(cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await FactCheckWebFactory.PostLoginAsync(client, email)).StatusCode);
        var header = cookies.Container.GetCookieHeader(factory.Server.BaseAddress);
        return Build(options => options.Headers["Cookie"] = header);
    }

    private async Task<ImportResult> ImportAsync(string title)
    {
        var importer = factory.Services.GetRequiredService<DocumentImportService>();
        var text = $"The ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March. Ref {Guid.NewGuid()}.";
        return await importer.ImportAsync(await factory.ActorAsync("lead@factcheck.local"), new ImportRequest(title, text));
    }

    private async Task CommentAsync(int claimId, string body) =>
        await factory.Services.GetRequiredService<ReviewService>().AddCommentAsync(await factory.ActorAsync("lead@factcheck.local"), claimId, body);

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var connection = Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Readers_get_403_by_cookie_and_by_token()
    {
        var byCookie = await CookieConnectionAsync("reader@factcheck.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<HttpRequestException>(() => byCookie.StartAsync())).StatusCode);
        var secret = await factory.StaleTokenAsync("reader@factcheck.local");
        var byToken = Build(options => options.AccessTokenProvider = () => Task.FromResult<string?>(secret));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<HttpRequestException>(() => byToken.StartAsync())).StatusCode);
    }

    [Fact]
    public async Task Members_receive_workspace_events_by_cookie_and_by_token()
    {
        var reviewer = await CookieConnectionAsync("bob@factcheck.local");
        var lead = await TokenConnectionAsync("lead@factcheck.local");
        var reviewerInbox = new HubInbox(reviewer);
        var leadInbox = new HubInbox(lead);
        await reviewer.StartAsync();
        await lead.StartAsync();

        var imported = await ImportAsync("Workspace event");

        foreach (var inbox in new[] { reviewerInbox, leadInbox })
        {
            var message = await inbox.WaitForAsync(HubInbox.Of(ReviewEventTypes.DocumentImported, documentId: imported.DocumentId));
            Assert.Equal("Lee Lead", message.GetProperty("actor").GetString());
            Assert.Equal("Workspace event", message.GetProperty("data").GetProperty("title").GetString());
            Assert.True(message.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
            Assert.Equal(JsonValueKind.Null, message.GetProperty("claimId").ValueKind);
        }
    }

    [Fact]
    public async Task Claim_detail_events_reach_only_joined_connections_until_they_leave()
    {
        var joined = await TokenConnectionAsync("alice@factcheck.local");
        var elsewhere = await TokenConnectionAsync("bob@factcheck.local");
        var joinedInbox = new HubInbox(joined);
        var elsewhereInbox = new HubInbox(elsewhere);
        await joined.StartAsync();
        await elsewhere.StartAsync();
        var claimId = (await ImportAsync("Detail events")).Claims[0].Id;

        await joined.InvokeAsync("JoinClaim", claimId);
        await CommentAsync(claimId, "First comment");
        await joinedInbox.WaitForAsync(HubInbox.Of(ReviewEventTypes.CommentAdded, claimId));

        await joined.InvokeAsync("LeaveClaim", claimId);
        await CommentAsync(claimId, "Second comment");
        // A workspace-wide event sent after the comment: once both have it, the comment would have arrived before it.
        var barrier = await ImportAsync("Barrier");
        await joinedInbox.WaitForAsync(HubInbox.Of(ReviewEventTypes.DocumentImported, documentId: barrier.DocumentId));
        await elsewhereInbox.WaitForAsync(HubInbox.Of(ReviewEventTypes.DocumentImported, documentId: barrier.DocumentId));

        var isComment = HubInbox.Of(ReviewEventTypes.CommentAdded, claimId);
        Assert.Single(joinedInbox.Received, m => isComment(m));
        Assert.DoesNotContain(elsewhereInbox.Received, m => isComment(m));
    }

    [Fact]
    public async Task The_assignee_is_told_on_their_own_connection()
    {
        var alice = await TokenConnectionAsync("alice@factcheck.local");
        var bob = await TokenConnectionAsync("bob@factcheck.local");
        var aliceNotices = new HubInbox(alice, "AssignedToYou");
        var bobNotices = new HubInbox(bob, "AssignedToYou");
        var bobEvents = new HubInbox(bob);
        await alice.StartAsync();
        await bob.StartAsync();
        var claimId = (await ImportAsync("Assignment")).Claims[0].Id;
        var aliceActor = await factory.ActorAsync("alice@factcheck.local");

        await factory.Services.GetRequiredService<ReviewService>().AssignAsync(await factory.ActorAsync("lead@factcheck.local"), claimId, aliceActor.UserId!);

        var notice = await aliceNotices.WaitForAsync(HubInbox.Of(ReviewEventTypes.Assigned, claimId));
        Assert.Equal(aliceActor.UserId, notice.GetProperty("data").GetProperty("reviewerId").GetString());
        // Everyone sees the assignment in the workspace; only Alice is told it is hers.
        await bobEvents.WaitForAsync(HubInbox.Of(ReviewEventTypes.Assigned, claimId));
        Assert.Empty(bobNotices.Received);
    }

    [Fact]
    public async Task Presence_lists_viewers_and_editors_and_drops_those_who_disconnect()
    {
        var alice = await TokenConnectionAsync("alice@factcheck.local");
        var bob = await TokenConnectionAsync("bob@factcheck.local");
        var aliceInbox = new HubInbox(alice);
        await alice.StartAsync();
        await bob.StartAsync();
        var claimId = (await ImportAsync("Presence")).Claims[0].Id;
        // Editing presence is for the claim's reviewers and leads (SetEditing checks it).
        await factory.Services.GetRequiredService<ReviewService>().AssignAsync(await factory.ActorAsync("lead@factcheck.local"), claimId, (await factory.ActorAsync("bob@factcheck.local")).UserId!);
        static string[] Names(JsonElement message, string list) =>
            message.GetProperty("data").GetProperty(list).EnumerateArray().Select(n => n.GetString()!).ToArray();

        await alice.InvokeAsync("JoinClaim", claimId);
        await aliceInbox.WaitForAsync(m => HubInbox.Of(ReviewEventTypes.PresenceChanged, claimId)(m) && Names(m, "viewers").SequenceEqual(["Alice Reviewer"]));

        await bob.InvokeAsync("JoinClaim", claimId);
        await aliceInbox.WaitForAsync(m => HubInbox.Of(ReviewEventTypes.PresenceChanged, claimId)(m) && Names(m, "viewers").SequenceEqual(["Alice Reviewer", "Bob Reviewer"]));
        await bob.InvokeAsync("SetEditing", claimId, true);
        await aliceInbox.WaitForAsync(m => HubInbox.Of(ReviewEventTypes.PresenceChanged, claimId)(m) && Names(m, "editing").SequenceEqual(["Bob Reviewer"]));

        await bob.StopAsync();
        var after = await aliceInbox.WaitForAsync(m => HubInbox.Of(ReviewEventTypes.PresenceChanged, claimId)(m)
            && m.GetProperty("actor").GetString() == "Bob Reviewer" && Names(m, "viewers").SequenceEqual(["Alice Reviewer"]), TimeSpan.FromSeconds(5));
        Assert.Empty(Names(after, "editing"));
        Assert.Equal(["Alice Reviewer"], factory.Services.GetRequiredService<FactCheck.Core.Presence.IClaimPresence>().Viewers(claimId).Select(v => v.DisplayName));
    }
}

public sealed class ReviewHubTestsOnSqlite(FactCheckWebFactory factory) : ReviewHubTests<FactCheckWebFactory>(factory);

public sealed class ReviewHubTestsOnPostgres(PostgresWebFactory factory) : ReviewHubTests<PostgresWebFactory>(factory);
