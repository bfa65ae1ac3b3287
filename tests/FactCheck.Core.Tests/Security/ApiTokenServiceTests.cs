using FactCheck.Core.Security;

namespace FactCheck.Core.Tests.Security;

public abstract class ApiTokenServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_token_acts_as_its_owner_until_revoked()
    {
        var secret = await db.Tokens.CreateAsync(db.Admin, "Newsroom importer", db.Lead.UserId);

        Assert.StartsWith("fct_", secret);
        Assert.Equal(db.Lead.UserId, await db.Tokens.ValidateAsync(secret));
        Assert.Null(await db.Tokens.ValidateAsync(secret + "x"));
        Assert.Null(await db.Tokens.ValidateAsync("Bearer nonsense"));

        var listed = Assert.Single(await db.Tokens.ListAsync(db.Admin));
        Assert.Equal(secret[..10], listed.Prefix);
        Assert.NotNull(listed.LastUsedAt);

        await db.Tokens.RevokeAsync(db.Admin, listed.Id);
        Assert.Null(await db.Tokens.ValidateAsync(secret));
    }

    [Fact]
    public async Task Only_admins_manage_tokens()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Tokens.CreateAsync(db.Lead, "mine", db.Lead.UserId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Tokens.ListAsync(db.Alice));
        Assert.Empty(await db.Tokens.ListAsync(db.Admin));
    }
}

public sealed class ApiTokenServiceTestsOnSqlite() : ApiTokenServiceTests(DatabaseProvider.Sqlite);

public sealed class ApiTokenServiceTestsOnPostgres() : ApiTokenServiceTests(DatabaseProvider.Postgres);
