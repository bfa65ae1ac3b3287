using FactCheck.Core.Notifications;

namespace FactCheck.Web.Api.V1;

public sealed record NotificationDto(long Id, string Kind, string Text, string Link, int? ClaimId, string Actor, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationList(IReadOnlyList<NotificationDto> Items, int Total, int Unread, int Page, int PageSize);

public sealed record MarkedRead(int Marked);

/// <summary>The caller's own notifications: NotificationService answers only for the signed-in person.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");

        notifications.MapGet("/", async (HttpContext http, int? page, int? pageSize, bool? unread, NotificationService service, CancellationToken ct) =>
        {
            var (p, size) = ApiV1.Paging(page, pageSize, NotificationService.MaxPageSize);
            var list = await service.ListAsync(http.Caller(), p, size, unread ?? false, ct);
            return Results.Ok(new NotificationList(list.Items.Select(ToDto).ToList(), list.Total, list.Unread, p, size));
        }).WithSummary("Your notifications, newest first {items, total, unread}; unread=true for unread only");

        notifications.MapPost("/{id:long}/read", async (HttpContext http, long id, NotificationService service, CancellationToken ct) =>
        {
            await service.MarkReadAsync(http.Caller(), id, ct);
            return Results.NoContent();
        }).WithSummary("Mark one of your notifications read");

        notifications.MapPost("/read-all", async (HttpContext http, NotificationService service, CancellationToken ct) =>
            Results.Ok(new MarkedRead(await service.MarkAllReadAsync(http.Caller(), ct))))
            .WithSummary("Mark all your notifications read {marked}");
    }

    private static NotificationDto ToDto(NotificationItem n) =>
        new(n.Id, n.Kind.ToString(), n.Text, n.Link, n.ClaimId, n.ActorName, n.CreatedAt, n.ReadAt);
}
