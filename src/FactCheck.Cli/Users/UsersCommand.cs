using System.CommandLine;
using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Users;
using FactCheck.Core.Security;
using FactCheck.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Cli.Users;

/// <summary>
/// `factcheck users create --email E --role Admin`: makes the first admin of a production install,
/// where no demo accounts exist. The password comes from FACTCHECK_PASSWORD or a prompt, never
/// from the command line (which other users of the machine can see).
/// </summary>
public static class UsersCommand
{
    public const string PasswordVariable = "FACTCHECK_PASSWORD";

    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address (also the sign-in name).", Required = true };
        var role = new Option<string[]>("--role") { Description = "Role(s) to grant: Admin, Lead, Reviewer or Reader.", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var connection = new Option<string?>("--connection")
        {
            Description = "Connection string; defaults to ConnectionStrings__FactCheck, else data/factcheck.db in the current folder (Database__Provider picks Sqlite or Postgres).",
        };

        var create = new Command("create", "Create a user (the password is read from FACTCHECK_PASSWORD or prompted for).") { email, role, name, connection };
        create.SetAction((parseResult, cancellationToken) => CreateUserAsync(
            parseResult.GetValue(email)!, parseResult.GetValue(role) ?? [], parseResult.GetValue(name), parseResult.GetValue(connection),
            Console.Out, Console.Error, cancellationToken));

        return new Command("users", "Manage user accounts.") { create };
    }

    public static async Task<int> CreateUserAsync(string email, IReadOnlyCollection<string> roles, string? displayName, string? connectionString,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? ReadPassword();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync($"No password: set {PasswordVariable} or type one at the prompt.");
            return 2;
        }

        await using var services = WorkspaceServices.Build(connectionString);
        await DatabaseInitializer.InitializeAsync(services, cancellationToken);
        // The operator at the console stands in for the first admin; the audit log names them.
        var operatorActor = new Actor($"cli:{Environment.UserName}", $"cli:{Environment.UserName}", new HashSet<string> { Roles.Admin });
        try
        {
            await services.GetRequiredService<UserAdminService>().CreateAsync(operatorActor, email, displayName, password, roles.Distinct().ToList(), cancellationToken);
        }
        catch (ValidationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        await output.WriteLineAsync($"Created {email} with role(s) {string.Join(", ", roles.Distinct())}.");
        return 0;
    }

    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.ReadLine();
        Console.Error.Write("Password: ");
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace && password.Length > 0) password.Length--;
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return password.ToString();
    }
}
