using FactCheck.Cli.Users;
using Microsoft.Data.Sqlite;

namespace FactCheck.Cli.Tests.Tokens;

public sealed class TokensCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factcheck-cli", Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "factcheck.db")}";

    public TokensCommandTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Tokens_create_prints_a_token_once_and_stores_only_its_hash_with_scopes_and_expiry()
    {
        var password = new Dictionary<string, string> { [UsersCommand.PasswordVariable] = "Strong-pass-1" };
        Assert.Equal(0, (await CliProcess.RunAsync(["users", "create", "--email", "lead@example.org", "--role", "Lead", "--connection", ConnectionString], environment: password)).ExitCode);

        var result = await CliProcess.RunAsync(["tokens", "create", "--email", "lead@example.org", "--scope", "lead", "--expires-days", "30", "--connection", ConnectionString]);

        Assert.Equal(0, result.ExitCode);
        var token = result.Output.Trim();
        Assert.StartsWith("fct_", token);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TokenHash, Scopes, ExpiresAt IS NOT NULL FROM ApiTokens";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.NotEqual(token, reader.GetString(0));
        Assert.DoesNotContain(token[10..], reader.GetString(0));
        Assert.Equal("read,lead", reader.GetString(1));
        Assert.True(reader.GetBoolean(2));
    }

    [Fact]
    public async Task A_scope_beyond_the_users_roles_or_an_unknown_user_is_refused_with_a_message()
    {
        var password = new Dictionary<string, string> { [UsersCommand.PasswordVariable] = "Strong-pass-1" };
        await CliProcess.RunAsync(["users", "create", "--email", "rev@example.org", "--role", "Reviewer", "--connection", ConnectionString], environment: password);

        var beyond = await CliProcess.RunAsync(["tokens", "create", "--email", "rev@example.org", "--scope", "admin", "--connection", ConnectionString]);
        var nobody = await CliProcess.RunAsync(["tokens", "create", "--email", "nobody@example.org", "--scope", "read", "--connection", ConnectionString]);

        Assert.Equal(1, beyond.ExitCode);
        Assert.Contains("never exceeds", beyond.Error);
        Assert.DoesNotContain("fct_", beyond.Output);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("No user nobody@example.org", nobody.Error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
