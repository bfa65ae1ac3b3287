namespace FactCheck.Core.Tests;

/// <summary>Base for tests that each get their own migrated SQLite file (see <see cref="TestDatabase"/>).</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    protected TestDatabase db { get; private set; } = default!;

    public virtual async Task InitializeAsync() => db = await TestDatabase.CreateAsync();

    public virtual async Task DisposeAsync() => await db.DisposeAsync();
}
