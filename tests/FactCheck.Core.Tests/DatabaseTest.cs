namespace FactCheck.Core.Tests;

/// <summary>
/// Base for tests that each get their own migrated database (see <see cref="TestDatabase"/>). A test
/// class is abstract over the provider, with one concrete class per provider (…OnSqlite,
/// …OnPostgres), so the same bodies run on both.
/// </summary>
public abstract class DatabaseTest(DatabaseProvider provider) : IAsyncLifetime
{
    protected DatabaseProvider Provider { get; } = provider;

    protected TestDatabase db { get; private set; } = default!;

    public virtual async Task InitializeAsync() => db = await TestDatabase.CreateAsync(Provider);

    public virtual async Task DisposeAsync() => await db.DisposeAsync();
}
