using FactCheck.Core.Persistence;
using FactCheck.Core.Presence;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Realtime;

/// <summary>
/// /hubs/review: review events for clients outside Blazor (see DESIGN.md, "Public contract").
/// Every connection is in the workspace group and its user's group; claim-detail events and
/// presence go to the connections that called <see cref="JoinClaim"/>. Events themselves are sent
/// by <see cref="ReviewHubRelay"/>; the methods here only manage groups and presence.
/// </summary>
[Authorize(Roles = Roles.WorkspaceMembers, AuthenticationSchemes = RealtimeServiceExtensions.HubAuthenticationSchemes)]
public sealed class ReviewHub(IClaimPresence presence, IDbContextFactory<FactCheckDbContext> dbFactory, HubConnectionRegistry registry) : Hub
{
    public const string Path = "/hubs/review";
    public const string WorkspaceGroup = "workspace";
    /// <summary>The client method every review event arrives as.</summary>
    public const string ReviewEventMessage = "ReviewEvent";
    /// <summary>Sent, besides the workspace-wide Assigned event, to the assignee's own connections only.</summary>
    public const string AssignedToYouMessage = "AssignedToYou";

    /// <summary>Claims one connection may follow at once; a client page follows one or two.</summary>
    public const int MaxJoinedClaims = 20;

    private const string DisplayNameItem = "displayName";
    private const string JoinedItem = "joined";

    public static string ClaimGroup(int claimId) => $"claim:{claimId}";

    public static string UserGroup(string userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        var userId = CurrentUserId();
        // Looked up once per connection: presence shows colleagues' names, not their e-mail addresses.
        await using (var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(Context.ConnectionAborted);
            Context.Items[DisplayNameItem] = string.IsNullOrWhiteSpace(user?.DisplayName) ? user?.Email ?? Context.User?.Identity?.Name ?? userId : user.DisplayName;
        }
        Context.Items[JoinedItem] = new HashSet<int>();
        registry.Add(userId, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, WorkspaceGroup);
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(userId));
    }

    /// <summary>Starts receiving the claim's sources, comments, verdicts and presence, and shows this user as viewing it.</summary>
    public async Task JoinClaim(int claimId)
    {
        var joined = Joined();
        if (!joined.Contains(claimId))
        {
            if (joined.Count >= MaxJoinedClaims)
                throw new HubException($"A connection follows at most {MaxJoinedClaims} claims; leave one first.");
            var actor = Actor.From(Context.User);
            Permissions.DemandWorkspace(actor);
            await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
            if (claimId <= 0 || !await db.Claims.AnyAsync(c => c.Id == claimId, Context.ConnectionAborted))
                throw new HubException("No such claim.");
            joined.Add(claimId);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, ClaimGroup(claimId));
        await presence.JoinAsync(claimId, Context.ConnectionId, CurrentUserId(), (string)Context.Items[DisplayNameItem]!);
    }

    public async Task LeaveClaim(int claimId)
    {
        Joined().Remove(claimId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ClaimGroup(claimId));
        await presence.LeaveAsync(claimId, Context.ConnectionId);
    }

    /// <summary>Marks this user as editing (or no longer editing) a claim they joined.</summary>
    /// <remarks>Only on a claim this connection joined and the caller may contribute to (an assignee or a lead).</remarks>
    public async Task SetEditing(int claimId, bool editing)
    {
        if (!Joined().Contains(claimId)) throw new HubException("Join the claim first.");
        if (editing)
        {
            await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
            var claim = await db.Claims.AsNoTracking().Include(c => c.Assignments).FirstOrDefaultAsync(c => c.Id == claimId, Context.ConnectionAborted)
                ?? throw new HubException("No such claim.");
            if (!Permissions.CanContribute(Actor.From(Context.User), claim))
                throw new HubException("Only the claim's reviewers and leads edit it.");
        }
        await presence.SetEditingAsync(claimId, Context.ConnectionId, editing);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.ConnectionId);
        return presence.LeaveAllAsync(Context.ConnectionId);
    }

    private HashSet<int> Joined() => (HashSet<int>)Context.Items[JoinedItem]!;

    private string CurrentUserId() => Actor.From(Context.User).RequireUserId();
}
