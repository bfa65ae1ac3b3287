using Microsoft.Data.Sqlite;

namespace FactCheck.Cli.Tests.DemoData;

public sealed class DemoDataCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factcheck-cli", Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "factcheck.db")}";

    public DemoDataCommandTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Demo_data_adds_a_consistent_workspace_and_the_same_seed_gives_the_same_data()
    {
        var first = await CliProcess.RunAsync(["demo-data", "--claims", "150", "--seed", "3", "--connection", ConnectionString]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("150 claims", first.Output);

        Assert.Equal(150, await ScalarAsync("SELECT count(*) FROM Claims"));
        Assert.Equal(8, await ScalarAsync("SELECT count(*) FROM Documents"));
        // Every span points at its claim's words; every claim and document is in the full-text indexes.
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM Claims c JOIN Documents d ON d.Id = c.DocumentId WHERE substr(d.Text, c.SpanStart + 1, c.SpanLength) <> c.Text"));
        Assert.Equal(150, await ScalarAsync("SELECT count(*) FROM ClaimSearch"));
        Assert.Equal(150, await ScalarAsync("SELECT count(*) FROM Claims WHERE Id IN (SELECT rowid FROM ClaimSearch WHERE ClaimSearch MATCH 'said OR percent OR reported OR claimed OR predicted OR told OR according')"));
        // Work follows the workflow: assigned claims have assignees, published ones a current publication and verdicts.
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM Claims c WHERE c.Status IN (1,2,3,4) AND NOT EXISTS (SELECT 1 FROM Assignments a WHERE a.ClaimId = c.Id AND a.RemovedAt IS NULL)"));
        Assert.Equal(await ScalarAsync("SELECT count(*) FROM Claims WHERE Status = 4"), await ScalarAsync("SELECT count(*) FROM Publications WHERE IsCurrent = 1"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM Claims c WHERE c.Status IN (3,4) AND EXISTS (SELECT 1 FROM Assignments a WHERE a.ClaimId = c.Id AND a.RemovedAt IS NULL AND NOT EXISTS (SELECT 1 FROM Verdicts v WHERE v.ClaimId = c.Id AND v.ReviewerId = a.ReviewerId))"));
        Assert.True(await ScalarAsync("SELECT count(*) FROM AuditEvents") > 150);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));

        // A second run adds more (new texts, so document hashes stay unique) and creates no accounts twice.
        var users = await ScalarAsync("SELECT count(*) FROM AspNetUsers");
        var second = await CliProcess.RunAsync(["demo-data", "--claims", "20", "--seed", "3", "--connection", ConnectionString]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(170, await ScalarAsync("SELECT count(*) FROM Claims"));
        Assert.Equal(users, await ScalarAsync("SELECT count(*) FROM AspNetUsers"));

        // The same seed on an equal database writes the same claims.
        var otherFolder = Path.Combine(_folder, "other");
        Directory.CreateDirectory(otherFolder);
        var other = $"Data Source={Path.Combine(otherFolder, "factcheck.db")}";
        Assert.Equal(0, (await CliProcess.RunAsync(["demo-data", "--claims", "150", "--seed", "3", "--connection", other])).ExitCode);
        Assert.Equal(await TextsAsync(ConnectionString, 150), await TextsAsync(other, 150));
    }

    [Fact]
    public async Task A_claim_count_out_of_range_is_refused_with_a_message()
    {
        var result = await CliProcess.RunAsync(["demo-data", "--claims", "0", "--connection", ConnectionString]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--claims", result.Error);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> TextsAsync(string connectionString, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Text || '|' || Status || '|' || Score FROM Claims ORDER BY Id LIMIT {count}";
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        return texts;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
