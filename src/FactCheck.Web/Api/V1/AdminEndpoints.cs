using FactCheck.Core.Common;
using FactCheck.Core.Users;
using FactCheck.Core.Webhooks;

namespace FactCheck.Web.Api.V1;

public sealed record UserDto(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsLockedOut);
public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles);
public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);
public sealed record TokenDto(int Id, string Name, string Prefix, string OwnerId, string OwnerEmail, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
public sealed record CreateTokenRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
public sealed record CreatedTokenDto(string Token, string Note);
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description);
public sealed record CreatedWebhookDto(int Id, string Secret, string Note);

/// <summary>Users (admins), the caller's own API tokens (admins: everyone's), webhooks and their deliveries (admins).</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", async (HttpContext http, UserAdminService admin, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = ApiV1.Paging(page, pageSize);
            var all = await admin.ListAsync(http.Caller(), ct);
            return Results.Ok(new PagedList<UserDto>(all.Skip((p - 1) * size).Take(size).Select(ToDto).ToList(), all.Count, p, size));
        }).WithSummary("Every user with roles and lock state (admins)");
        users.MapPost("/", async (HttpContext http, CreateUserRequest body, UserAdminService admin, CancellationToken ct) =>
        {
            var id = await admin.CreateAsync(http.Caller(), body.Email, body.DisplayName, body.Password, body.Roles ?? [], ct);
            return Results.Created($"{ApiV1.Prefix}/users/{id}", await FindAsync(http, admin, id, ct));
        }).WithSummary("Create a user {email, displayName, password, roles} (admins)");
        users.MapPut("/{userId}/roles", async (HttpContext http, string userId, SetRolesRequest body, UserAdminService admin, CancellationToken ct) =>
        {
            if (body.Roles is null) throw new ValidationException("roles (a list, possibly empty) is required.");
            await FindAsync(http, admin, userId, ct);
            await admin.SetRolesAsync(http.Caller(), userId, body.Roles, ct);
            return Results.Ok(await FindAsync(http, admin, userId, ct));
        }).WithSummary("Replace a user's roles (admins); takes effect on the user's next request");
        users.MapPost("/{userId}/lock", (HttpContext http, string userId, UserAdminService admin, CancellationToken ct) => LockAsync(http, admin, userId, true, ct))
            .WithSummary("Lock a user out (admins)");
        users.MapDelete("/{userId}/lock", (HttpContext http, string userId, UserAdminService admin, CancellationToken ct) => LockAsync(http, admin, userId, false, ct))
            .WithSummary("Unlock a user (admins)");

        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", async (HttpContext http, ApiTokenService service, bool? all, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = ApiV1.Paging(page, pageSize);
            var rows = await service.ListAsync(http.Caller(), all ?? false, ct);
            return Results.Ok(new PagedList<TokenDto>(rows.Skip((p - 1) * size).Take(size).Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.OwnerId, t.OwnerEmail,
                t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToList(), rows.Count, p, size));
        }).WithSummary("The caller's tokens; ?all=true lists everyone's (admins)");
        tokens.MapPost("/", async (HttpContext http, CreateTokenRequest body, ApiTokenService service, CancellationToken ct) =>
        {
            var secret = await service.CreateAsync(http.Caller(), body.Name, body.Scopes ?? [], body.ExpiresInDays, ct);
            return Results.Created($"{ApiV1.Prefix}/tokens", new CreatedTokenDto(secret, "Shown once: store it now."));
        }).WithSummary("Create a token acting as the caller {name, scopes: read|review|lead|admin, expiresInDays (default 90)}");
        tokens.MapDelete("/{tokenId:int}", async (HttpContext http, int tokenId, ApiTokenService service, CancellationToken ct) =>
        {
            await service.RevokeAsync(http.Caller(), tokenId, ct);
            return Results.NoContent();
        }).WithSummary("Revoke one of the caller's tokens (admins: anyone's)");

        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/", async (HttpContext http, WebhookService service, CancellationToken ct) =>
        {
            var rows = await service.ListAsync(http.Caller(), ct);
            return Results.Ok(new PagedList<WebhookRow>(rows, rows.Count, 1, Math.Max(1, rows.Count)));
        }).WithSummary("Registered webhooks with pending and failed delivery counts (admins)");
        webhooks.MapPost("/", async (HttpContext http, CreateWebhookRequest body, WebhookService service, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(http.Caller(), body.Url, body.Events ?? [], body.Description, ct);
            return Results.Created($"{ApiV1.Prefix}/webhooks/{created.Id}", new CreatedWebhookDto(created.Id, created.Secret, "Shown once: verify X-FactCheck-Signature with it."));
        }).WithSummary($"Register a URL for events (claim.assigned, verdict.saved, claim.published, claim.corrected, suggestion.received) (admins)");
        webhooks.MapDelete("/{webhookId:int}", async (HttpContext http, int webhookId, WebhookService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(http.Caller(), webhookId, ct);
            return Results.NoContent();
        }).WithSummary("Stop a webhook; its delivery log stays (admins)");
        webhooks.MapGet("/deliveries", async (HttpContext http, WebhookService service, int? webhookId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = ApiV1.Paging(page, pageSize);
            var result = await service.ListDeliveriesAsync(http.Caller(), webhookId, p - 1, size, ct);
            return Results.Ok(new PagedList<WebhookDeliveryRow>(result.Items, result.Total, p, size));
        }).WithSummary("The delivery log, newest first: status, attempts, receiver's answer (admins)");
        webhooks.MapPost("/deliveries/{deliveryId:long}/redeliver", async (HttpContext http, long deliveryId, WebhookService service, CancellationToken ct) =>
        {
            var id = await service.RedeliverAsync(http.Caller(), deliveryId, ct);
            return Results.Accepted($"{ApiV1.Prefix}/webhooks/deliveries", new { deliveryId = id });
        }).WithSummary("Send a delivery's event again (admins)");
    }

    private static async Task<IResult> LockAsync(HttpContext http, UserAdminService admin, string userId, bool locked, CancellationToken ct)
    {
        await FindAsync(http, admin, userId, ct);
        await admin.SetLockedAsync(http.Caller(), userId, locked, ct);
        return Results.Ok(await FindAsync(http, admin, userId, ct));
    }

    private static async Task<UserDto> FindAsync(HttpContext http, UserAdminService admin, string userId, CancellationToken ct) =>
        (await admin.ListAsync(http.Caller(), ct)).Where(u => u.Id == userId).Select(ToDto).FirstOrDefault()
        ?? throw new NotFoundException($"User {userId} does not exist.");

    private static UserDto ToDto(UserRow u) => new(u.Id, u.Email, u.DisplayName, u.Roles, u.IsLockedOut);
}
