using FactCheck.Cli.Users;
using Microsoft.Data.Sqlite;

namespace FactCheck.Cli.Tests.Users;

public sealed class UsersCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factcheck-cli", Guid.NewGuid().ToString("N"));

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "factcheck.db")}";

    public UsersCommandTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Users_create_makes_the_first_admin_of_a_new_install()
    {
        var result = await CliProcess.RunAsync(["users", "create", "--email", "ops@example.org", "--role", "Admin", "--connection", ConnectionString],
            environment: new Dictionary<string, string> { [UsersCommand.PasswordVariable] = "Strong-pass-1" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created ops@example.org", result.Output);
        Assert.Equal(["Admin"], await RolesOfAsync("ops@example.org"));
    }

    [Fact]
    public async Task The_password_can_come_from_standard_input()
    {
        var result = await CliProcess.RunAsync(["users", "create", "--email", "lead@example.org", "--role", "Lead", "--connection", ConnectionString], input: "Strong-pass-1\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Lead"], await RolesOfAsync("lead@example.org"));
    }

    [Fact]
    public async Task A_weak_password_an_unknown_role_or_a_duplicate_is_refused_with_a_message()
    {
        var password = new Dictionary<string, string> { [UsersCommand.PasswordVariable] = "Strong-pass-1" };
        var weak = await CliProcess.RunAsync(["users", "create", "--email", "a@example.org", "--role", "Admin", "--connection", ConnectionString],
            environment: new Dictionary<string, string> { [UsersCommand.PasswordVariable] = "short" });
        var unknownRole = await CliProcess.RunAsync(["users", "create", "--email", "b@example.org", "--role", "Emperor", "--connection", ConnectionString], environment: password);
        await CliProcess.RunAsync(["users", "create", "--email", "c@example.org", "--role", "Admin", "--connection", ConnectionString], environment: password);
        var duplicate = await CliProcess.RunAsync(["users", "create", "--email", "c@example.org", "--role", "Admin", "--connection", ConnectionString], environment: password);

        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("Passwords must", weak.Error);
        Assert.Equal(1, unknownRole.ExitCode);
        Assert.Contains("Unknown role: Emperor", unknownRole.Error);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already taken", duplicate.Error);
        Assert.Empty(await RolesOfAsync("a@example.org"));
        Assert.Empty(await RolesOfAsync("b@example.org"));
        Assert.Equal(["Admin"], await RolesOfAsync("c@example.org"));
    }

    private async Task<List<string>> RolesOfAsync(string email)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.Name FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId
            WHERE u.NormalizedEmail = upper($email) ORDER BY r.Name
            """;
        command.Parameters.AddWithValue("$email", email);
        var roles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) roles.Add(reader.GetString(0));
        return roles;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
