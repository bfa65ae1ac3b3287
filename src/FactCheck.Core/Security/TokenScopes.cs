namespace FactCheck.Core.Security;

/// <summary>
/// What a personal access token may do. Every token reads (GET) with its owner's roles; each write
/// scope lends the token one of the owner's roles for writes, and only while the owner still holds it.
/// </summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Review = "review";
    public const string Lead = "lead";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Review, Lead, Admin];

    /// <summary>The role a write scope lends, or null for <see cref="Read"/>.</summary>
    public static string? RoleFor(string scope) => scope switch
    {
        Review => Roles.Reviewer,
        Lead => Roles.Lead,
        Admin => Roles.Admin,
        _ => null,
    };

    /// <summary>Whether the owner's current roles cover the scope (an Admin also holds lead powers).</summary>
    public static bool OwnerHolds(string scope, IReadOnlySet<string> ownerRoles) => scope switch
    {
        Read => ownerRoles.Contains(Roles.Reviewer) || ownerRoles.Contains(Roles.Lead) || ownerRoles.Contains(Roles.Admin),
        Review => ownerRoles.Contains(Roles.Reviewer),
        Lead => ownerRoles.Contains(Roles.Lead) || ownerRoles.Contains(Roles.Admin),
        Admin => ownerRoles.Contains(Roles.Admin),
        _ => false,
    };

    /// <summary>
    /// The roles a token request acts with: for reads, every workspace role the owner holds now; for
    /// writes, only the roles lent by the token's scopes that the owner still holds.
    /// </summary>
    public static IReadOnlySet<string> EffectiveRoles(IReadOnlyCollection<string> scopes, IReadOnlySet<string> ownerRoles, bool isWrite)
    {
        if (!isWrite) return ownerRoles.Where(r => r != Roles.Reader).ToHashSet();
        return scopes.Where(s => OwnerHolds(s, ownerRoles)).Select(RoleFor).OfType<string>().ToHashSet();
    }

    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Known, distinct, in canonical order, always with read.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?> scopes, out IReadOnlyList<string> unknown)
    {
        var given = scopes.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim().ToLowerInvariant()).ToHashSet();
        unknown = given.Where(s => !All.Contains(s)).ToList();
        given.Add(Read);
        return All.Where(given.Contains).ToList();
    }
}
