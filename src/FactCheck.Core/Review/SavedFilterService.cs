using System.Text.Json;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

public sealed record SavedFilterRow(int Id, string Name, ClaimQuery Query);

/// <summary>Each member's own named claim filters; nobody sees or changes another's.</summary>
public sealed class SavedFilterService(IDbContextFactory<FactCheckDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxPerUser = 30;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedFilterRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SavedFilters.AsNoTracking().Where(f => f.UserId == actor.UserId).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        return rows.Select(r => new SavedFilterRow(r.Id, r.Name, JsonSerializer.Deserialize<ClaimQuery>(r.QueryJson, Json) ?? new ClaimQuery())).ToList();
    }

    /// <summary>Saves the filter under a name; saving an existing name replaces that filter.</summary>
    public async Task<int> SaveAsync(Actor actor, string? name, ClaimQuery query, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        var label = InputRules.Required(name, "Filter name", 100);
        var userId = actor.RequireUserId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.SavedFilters.FirstOrDefaultAsync(f => f.UserId == userId && f.Name == label, cancellationToken);
        if (existing is null)
        {
            if (await db.SavedFilters.CountAsync(f => f.UserId == userId, cancellationToken) >= MaxPerUser)
                throw new ValidationException($"You have {MaxPerUser} saved filters; delete one first.");
            existing = new SavedFilter { UserId = userId, Name = label, CreatedAt = clock.GetUtcNow() };
            db.SavedFilters.Add(existing);
        }
        existing.QueryJson = JsonSerializer.Serialize(query with { Page = 0 }, Json);
        await db.SaveChangesAsync(cancellationToken);
        return existing.Id;
    }

    public async Task DeleteAsync(Actor actor, int filterId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Filtering by owner makes another user's id look like a missing filter (no IDOR).
        var filter = await db.SavedFilters.FirstOrDefaultAsync(f => f.Id == filterId && f.UserId == actor.UserId, cancellationToken)
            ?? throw new ValidationException("That saved filter does not exist.");
        db.SavedFilters.Remove(filter);
        await db.SaveChangesAsync(cancellationToken);
    }
}
