using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Users;

public sealed record ApiTokenRow(int Id, string Name, string Prefix, string OwnerId, string OwnerEmail, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A valid token: whose it is and what it may do.</summary>
public sealed record ApiTokenGrant(int TokenId, string OwnerId, IReadOnlyList<string> Scopes);

/// <summary>
/// Personal access tokens. Every workspace member (Reviewer, Lead, Admin) creates tokens that act as
/// themselves, with scopes their current roles cover and an expiry; Readers have nothing in the
/// workspace to automate and may not. Owners list and revoke their own; Admins see and revoke all.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<FactCheckDbContext> dbFactory, TimeProvider clock)
{
    private const string Scheme = "fct_";
    public const int DefaultExpiryDays = 90;
    public const int MaxExpiryDays = 366;

    /// <summary>Creates a token for the actor and returns its secret, which is shown once and never stored.</summary>
    public Task<string> CreateAsync(Actor actor, string? name, IEnumerable<string?> scopes, int? expiresInDays = null, CancellationToken cancellationToken = default) =>
        CreateForAsync(actor, actor.UserId ?? throw new AccessDeniedException("Sign in first."), name, scopes, expiresInDays, cancellationToken);

    /// <summary>
    /// Creates a token owned by <paramref name="ownerId"/>: the actor themself, or (for an Admin such
    /// as the operator at the command line) any user. The scopes must be covered by the owner's roles.
    /// </summary>
    public async Task<string> CreateForAsync(Actor actor, string ownerId, string? name, IEnumerable<string?> scopes, int? expiresInDays = null, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(actor.IsAuthenticated && (actor.UserId == ownerId ? actor.IsWorkspaceMember : actor.IsAdmin),
            actor.UserId == ownerId ? "Only workspace members (reviewers, leads and admins) may create API tokens." : "Only admins may create tokens for other users.");
        var label = InputRules.Required(name, "Token name", 100);
        var granted = TokenScopes.Normalize(scopes, out var unknown);
        if (unknown.Count > 0) throw new ValidationException($"Unknown scope: {string.Join(", ", unknown)}. Use {string.Join(", ", TokenScopes.All)}.");
        var days = expiresInDays ?? DefaultExpiryDays;
        if (days is < 1 or > MaxExpiryDays) throw new ValidationException($"A token expires after 1 to {MaxExpiryDays} days; {days} is outside that.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, cancellationToken)
            ?? throw new ValidationException("The token's owner does not exist.");
        var ownerRoles = await RolesOfAsync(db, ownerId, cancellationToken);
        var beyond = granted.Where(s => !TokenScopes.OwnerHolds(s, ownerRoles)).ToList();
        if (beyond.Count > 0)
            throw new ValidationException($"{owner.Email} cannot grant the scope {string.Join(", ", beyond)}: a token never exceeds its owner's roles ({(ownerRoles.Count == 0 ? "none" : string.Join(", ", ownerRoles))}).");

        var secret = Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            Name = label,
            TokenHash = Hash(secret),
            Prefix = secret[..10],
            OwnerId = owner.Id,
            CreatedById = actor.RequireUserId(),
            CreatedAt = now,
            Scopes = string.Join(',', granted),
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        Audit.Record(db, actor, now, AuditActions.ApiTokenCreated, nameof(ApiToken), token.Id, null, null,
            new { token.Name, token.Prefix, Owner = owner.Email, token.Scopes, token.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The actor's own tokens, or every token for an Admin who asks for all.</summary>
    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(Actor actor, bool everyone = false, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        if (everyone) Permissions.Demand(actor.IsAdmin, "Only admins may see everyone's API tokens.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = db.ApiTokens.AsNoTracking();
        if (!everyone) tokens = tokens.Where(t => t.OwnerId == userId);
        var rows = await tokens.OrderByDescending(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.OwnerId, Email = t.Owner!.Email ?? "", t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.OwnerId, t.Email, TokenScopes.Parse(t.Scopes), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToList();
    }

    /// <summary>Owners revoke their own tokens; Admins revoke anyone's.</summary>
    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken cancellationToken = default)
    {
        var userId = actor.RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || (token.OwnerId != userId && !actor.IsAdmin))
            throw new NotFoundException("That token does not exist.");
        if (token.RevokedAt is not null) return;
        var now = clock.GetUtcNow();
        token.RevokedAt = now;
        Audit.Record(db, actor, now, AuditActions.ApiTokenRevoked, nameof(ApiToken), token.Id, null, null, new { token.Name, token.Prefix });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The grant of a valid token (known, unrevoked, unexpired), or null.</summary>
    public async Task<ApiTokenGrant?> ValidateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Scheme, StringComparison.Ordinal) || secret.Length > 200) return null;
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (token is null) return null;
        var now = clock.GetUtcNow();
        if (token.ExpiresAt is { } expires && expires <= now) return null;
        // Recording every use would make each API call a write; once a minute is enough to see activity.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        var scopes = TokenScopes.Parse(token.Scopes);
        // Tokens made before scopes existed acted with all their owner's roles; they keep doing so, still capped by those roles.
        return new ApiTokenGrant(token.Id, token.OwnerId, scopes.Count == 0 ? TokenScopes.All : scopes);
    }

    private static async Task<IReadOnlySet<string>> RolesOfAsync(FactCheckDbContext db, string userId, CancellationToken cancellationToken) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!)
            .ToListAsync(cancellationToken)).ToHashSet();

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
