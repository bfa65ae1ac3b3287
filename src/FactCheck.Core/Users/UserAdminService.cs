using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Users;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsLockedOut, DateTimeOffset? LockoutEnd, int AccessFailedCount);

/// <summary>
/// User administration for Admins. Each call gets its own scope (and so its own UserManager and
/// DbContext): a Blazor circuit lives for hours and must not share one context between calls.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopeFactory, IDbContextFactory<FactCheckDbContext> dbFactory, TimeProvider clock, UserAccessSignal? accessSignal = null)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(n => n).ToList(),
            u.LockoutEnd is { } end && end > now, u.LockoutEnd, u.AccessFailedCount)).ToList();
    }

    public async Task<string> CreateAsync(Actor actor, string? email, string? displayName, string? password, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        var address = InputRules.Required(email, "E-mail", 256);
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(address))
            throw new ValidationException("Enter a valid e-mail address.");
        var name = InputRules.Optional(displayName, "Display name", 100) ?? "";
        ValidateRoles(roles);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = address, Email = address, EmailConfirmed = true, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password ?? "");
        ThrowIfFailed(created);
        if (roles.Count > 0) ThrowIfFailed(await users.AddToRolesAsync(user, roles));
        await AuditAsync(actor, "UserCreated", user.Id, null, new { user.Email, Roles = roles }, cancellationToken);
        return user.Id;
    }

    public async Task SetRolesAsync(Actor actor, string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        ValidateRoles(roles);
        if (userId == actor.UserId && !roles.Contains(Roles.Admin))
            throw new ValidationException("You cannot remove your own Admin role: ask another admin.");
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new ValidationException("That user does not exist.");
        var current = await users.GetRolesAsync(user);
        ThrowIfFailed(await users.RemoveFromRolesAsync(user, current.Except(roles)));
        ThrowIfFailed(await users.AddToRolesAsync(user, roles.Except(current)));
        // Sign-ins carry roles as claims: a new security stamp makes open sessions re-read them.
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "RolesChanged", userId, new { Roles = current }, new { Roles = roles }, cancellationToken);
        accessSignal?.Notify(userId);
    }

    public async Task SetLockedAsync(Actor actor, string userId, bool locked, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        if (userId == actor.UserId && locked) throw new ValidationException("You cannot lock your own account.");
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new ValidationException("That user does not exist.");
        ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true));
        ThrowIfFailed(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, locked ? "UserLocked" : "UserUnlocked", userId, null, new { user.Email }, cancellationToken);
        accessSignal?.Notify(userId);
    }

    private static void Demand(Actor actor) =>
        Permissions.Demand(Permissions.CanManageUsers(actor), "Only admins may manage users.");

    private static void ValidateRoles(IReadOnlyCollection<string> roles)
    {
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0) throw new ValidationException($"Unknown role: {string.Join(", ", unknown)}.");
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded) throw new ValidationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task AuditAsync(Actor actor, string action, string userId, object? before, object? after, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Audit.Record(db, actor, clock.GetUtcNow(), action, nameof(ApplicationUser), userId, null, before, after);
        await db.SaveChangesAsync(cancellationToken);
    }
}
