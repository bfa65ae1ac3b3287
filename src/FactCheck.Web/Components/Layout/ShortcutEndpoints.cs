using FactCheck.Core.Review;
using FactCheck.Core.Security;

namespace FactCheck.Web.Components.Layout;

public static class ShortcutEndpoints
{
    /// <summary>
    /// GET /shortcuts/next-claim?after=ID (the "n" key): the next open claim assigned to the signed-in
    /// user after the one on screen, else the first; "My assignments" when there is none.
    /// </summary>
    public static void MapShortcuts(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/shortcuts/next-claim", async (HttpContext http, ClaimQueryService claims, int? after, CancellationToken cancellationToken) =>
        {
            var actor = Actor.From(http.User);
            if (!actor.IsWorkspaceMember) return Results.LocalRedirect("~/my/assignments");
            var mine = await claims.ListAsync(actor, new ClaimQuery { AssigneeId = actor.UserId, OpenOnly = true, PageSize = 100, Sort = ClaimSort.Created, Descending = false }, cancellationToken);
            // In the order they were created: the one after the current claim, wrapping round to the first.
            var ordered = mine.Items.Where(c => c.Id != after).ToList();
            var next = ordered.FirstOrDefault(c => after is null || c.Id > after) ?? ordered.FirstOrDefault();
            return Results.LocalRedirect(next is null ? "~/my/assignments" : $"~/claims/{next.Id}");
        }).RequireAuthorization();
}
