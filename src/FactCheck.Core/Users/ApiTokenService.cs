using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Users;

public sealed record ApiTokenRow(int Id, string Name, string Prefix, string OwnerEmail, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Bearer tokens for scripts and other systems: Admins create and revoke them; a token acts as its owner.</summary>
public sealed class ApiTokenService(IDbContextFactory<FactCheckDbContext> dbFactory, TimeProvider clock)
{
    private const string Scheme = "fct_";

    /// <summary>Creates a token and returns its secret, which is shown once and never stored.</summary>
    public async Task<string> CreateAsync(Actor actor, string? name, string? ownerId, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        var label = InputRules.Required(name, "Token name", 100);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, cancellationToken)
            ?? throw new ValidationException("Choose the user the token acts as.");
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
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        Audit.Record(db, actor, now, "ApiTokenCreated", nameof(ApiToken), token.Id, null, null, new { token.Name, token.Prefix, Owner = owner.Email });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.Owner!.Email ?? "", t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken)
            ?? throw new ValidationException("That token does not exist.");
        if (token.RevokedAt is not null) return;
        var now = clock.GetUtcNow();
        token.RevokedAt = now;
        Audit.Record(db, actor, now, "ApiTokenRevoked", nameof(ApiToken), token.Id, null, null, new { token.Name, token.Prefix });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The owner's user id for a valid, unrevoked token, or null.</summary>
    public async Task<string?> ValidateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Scheme, StringComparison.Ordinal) || secret.Length > 200) return null;
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (token is null) return null;
        var now = clock.GetUtcNow();
        // Recording every use would make each API call a write; once a minute is enough to see activity.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return token.OwnerId;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static void Demand(Actor actor) => Permissions.Demand(Permissions.CanManageUsers(actor), "Only admins may manage API tokens.");
}
