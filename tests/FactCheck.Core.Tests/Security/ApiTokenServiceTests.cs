using FactCheck.Core.Common;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Tests.Security;

public abstract class ApiTokenServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_members_token_acts_as_them_with_its_scopes_until_revoked()
    {
        var secret = await db.Tokens.CreateAsync(db.Lead, "Newsroom importer", [TokenScopes.Lead]);

        Assert.StartsWith("fct_", secret);
        var grant = await db.Tokens.ValidateAsync(secret);
        Assert.Equal(db.Lead.UserId, grant?.OwnerId);
        Assert.Equal([TokenScopes.Read, TokenScopes.Lead], grant!.Scopes);
        Assert.Null(await db.Tokens.ValidateAsync(secret + "x"));
        Assert.Null(await db.Tokens.ValidateAsync("Bearer nonsense"));

        var listed = Assert.Single(await db.Tokens.ListAsync(db.Lead));
        Assert.Equal(secret[..10], listed.Prefix);
        Assert.NotNull(listed.LastUsedAt);
        Assert.NotNull(listed.ExpiresAt);

        await db.Tokens.RevokeAsync(db.Lead, listed.Id);
        Assert.Null(await db.Tokens.ValidateAsync(secret));
    }

    [Fact]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        var secret = await db.Tokens.CreateAsync(db.Alice, "script", [TokenScopes.Review]);
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var stored = await context.ApiTokens.SingleAsync();
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.DoesNotContain(secret[10..], stored.TokenHash + stored.Prefix);
    }

    [Fact]
    public async Task A_token_never_gets_a_scope_its_owners_roles_do_not_cover()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.Tokens.CreateAsync(db.Alice, "too much", [TokenScopes.Lead]));
        Assert.Contains("never exceeds", refused.Message);
        await Assert.ThrowsAsync<ValidationException>(() => db.Tokens.CreateAsync(db.Lead, "too much", [TokenScopes.Admin]));
        await Assert.ThrowsAsync<ValidationException>(() => db.Tokens.CreateAsync(db.Lead, "typo", ["write"]));
        await Assert.ThrowsAsync<ValidationException>(() => db.Tokens.CreateAsync(db.Lead, "forever", [TokenScopes.Lead], expiresInDays: 5000));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Tokens.CreateAsync(db.Reader, "reader", [TokenScopes.Read]));
        Assert.Empty(await db.Tokens.ListAsync(db.Admin, everyone: true));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var secret = await db.Tokens.CreateAsync(db.Alice, "short", [TokenScopes.Review], expiresInDays: 1);
        await using (var context = await db.DbFactory.CreateDbContextAsync())
            await context.ApiTokens.ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        Assert.Null(await db.Tokens.ValidateAsync(secret));
    }

    [Fact]
    public async Task Members_see_and_revoke_only_their_own_tokens_and_admins_all()
    {
        await db.Tokens.CreateAsync(db.Alice, "alice", [TokenScopes.Review]);
        await db.Tokens.CreateAsync(db.Bob, "bob", [TokenScopes.Review]);
        var alices = Assert.Single(await db.Tokens.ListAsync(db.Alice));
        Assert.Equal("alice", alices.Name);
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Tokens.ListAsync(db.Alice, everyone: true));
        var bobs = (await db.Tokens.ListAsync(db.Admin, everyone: true)).Single(t => t.Name == "bob");
        await Assert.ThrowsAsync<NotFoundException>(() => db.Tokens.RevokeAsync(db.Alice, bobs.Id));
        await db.Tokens.RevokeAsync(db.Admin, bobs.Id);
        Assert.NotNull((await db.Tokens.ListAsync(db.Bob)).Single().RevokedAt);
    }

    [Fact]
    public void Writes_act_only_with_the_roles_the_scopes_lend_and_the_owner_still_holds()
    {
        var lead = new HashSet<string> { Roles.Lead };
        Assert.Equal([Roles.Lead], TokenScopes.EffectiveRoles([TokenScopes.Read], lead, isWrite: false));
        Assert.Empty(TokenScopes.EffectiveRoles([TokenScopes.Read], lead, isWrite: true));
        Assert.Equal([Roles.Lead], TokenScopes.EffectiveRoles([TokenScopes.Read, TokenScopes.Lead], lead, isWrite: true));
        // Demoted to reviewer: the lead scope lends nothing any more.
        Assert.Empty(TokenScopes.EffectiveRoles([TokenScopes.Read, TokenScopes.Lead], new HashSet<string> { Roles.Reviewer }, isWrite: true));
        Assert.Empty(TokenScopes.EffectiveRoles([TokenScopes.Read], new HashSet<string> { Roles.Reader }, isWrite: false));
    }
}

public sealed class ApiTokenServiceTestsOnSqlite() : ApiTokenServiceTests(DatabaseProvider.Sqlite);

public sealed class ApiTokenServiceTestsOnPostgres() : ApiTokenServiceTests(DatabaseProvider.Postgres);
