using FactCheck.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: encrypted with ASP.NET Core Data Protection under their own purpose
/// (the key ring is itself encrypted with the configured certificate), so a copy of the database does not
/// let anyone forge deliveries. Stored as "dp1:" + the protected payload; rows written before this was in
/// place (plain text) are read as they are and encrypted on start by <see cref="ProtectStoredAsync"/>.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "FactCheck.Webhooks.Secret.v1";
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    /// <summary>The secret to sign with.</summary>
    public string Reveal(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Encrypts every secret still stored in plain text; returns how many it changed.</summary>
    public async Task<int> ProtectStoredAsync(IDbContextFactory<FactCheckDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plain = await db.Webhooks.Where(w => !w.Secret.StartsWith(Prefix)).ToListAsync(cancellationToken);
        foreach (var webhook in plain) webhook.Secret = Protect(webhook.Secret);
        await db.SaveChangesAsync(cancellationToken);
        return plain.Count;
    }
}
