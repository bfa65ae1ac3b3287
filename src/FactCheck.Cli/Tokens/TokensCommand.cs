using System.CommandLine;
using FactCheck.Core.Common;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Core.Users;
using FactCheck.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Cli.Tokens;

/// <summary>
/// `factcheck tokens create --email E --scope review [--scope lead] [--expires-days 30]`: an operator
/// makes a personal access token for a user (acting as that user, within their roles) and sees it once.
/// </summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The user the token acts as.", Required = true };
        var scope = new Option<string[]>("--scope") { Description = "read, review, lead or admin (repeat for several; read is always included).", AllowMultipleArgumentsPerToken = true };
        var days = new Option<int>("--expires-days") { Description = "Days until the token stops working.", DefaultValueFactory = _ => ApiTokenService.DefaultExpiryDays };
        var name = new Option<string?>("--name") { Description = "What uses the token (shown in the token lists)." };
        var connection = new Option<string?>("--connection")
        {
            Description = "SQLite connection string; defaults to ConnectionStrings__FactCheck, else data/factcheck.db in the current folder.",
        };

        var create = new Command("create", "Create a personal access token for a user and print it once.") { email, scope, days, name, connection };
        create.SetAction((parseResult, cancellationToken) => CreateTokenAsync(
            parseResult.GetValue(email)!, parseResult.GetValue(scope) ?? [], parseResult.GetValue(days), parseResult.GetValue(name),
            parseResult.GetValue(connection), Console.Out, Console.Error, cancellationToken));

        return new Command("tokens", "Manage API tokens.") { create };
    }

    public static async Task<int> CreateTokenAsync(string email, IReadOnlyCollection<string> scopes, int expiresDays, string? name, string? connectionString,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var services = WorkspaceServices.Build(connectionString);
        await DatabaseInitializer.InitializeAsync(services, cancellationToken);
        var dbFactory = services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();
        string? ownerId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var normalized = email.Trim().ToUpperInvariant();
            ownerId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (ownerId is null)
        {
            await error.WriteLineAsync($"No user {email}.");
            return 1;
        }
        // The operator at the console stands in for an admin; the audit log names them.
        var operatorActor = new Actor($"cli:{Environment.UserName}", $"cli:{Environment.UserName}", new HashSet<string> { Roles.Admin });
        try
        {
            var secret = await services.GetRequiredService<ApiTokenService>()
                .CreateForAsync(operatorActor, ownerId, name ?? $"cli {DateTime.UtcNow:yyyy-MM-dd}", scopes, expiresDays, cancellationToken);
            await output.WriteLineAsync(secret);
            await error.WriteLineAsync($"Token for {email}, scopes {string.Join(", ", TokenScopes.Normalize(scopes, out _))}, expires in {expiresDays} days. It is not shown again.");
            return 0;
        }
        catch (Exception ex) when (ex is ValidationException or AccessDeniedException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
