using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data;

/// <summary>
/// Demo accounts and documents for Development (DESIGN.md): admin@, lead@, alice@, bob@ and
/// reader@factcheck.local with password Demo-pass-1, and every file in seeds/ imported once.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo-pass-1";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("admin@factcheck.local", "Ada Admin", Roles.Admin),
        ("lead@factcheck.local", "Lee Lead", Roles.Lead),
        ("alice@factcheck.local", "Alice Reviewer", Roles.Reviewer),
        ("bob@factcheck.local", "Bob Reviewer", Roles.Reviewer),
        ("reader@factcheck.local", "Rita Reader", Roles.Reader),
    ];

    public static async Task SeedAsync(IServiceProvider services, string? seedFolder, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData));
        string? leadId = null;
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var (email, name, role) in Accounts)
            {
                var user = await users.FindByEmailAsync(email);
                if (user is null)
                {
                    user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                    var created = await users.CreateAsync(user, Password);
                    if (!created.Succeeded)
                        throw new InvalidOperationException($"Could not create demo user {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                    await users.AddToRoleAsync(user, role);
                    logger.LogInformation("Demo account {Email} ({Role}) created", email, role);
                }
                if (role == Roles.Lead) leadId = user.Id;
            }
        }

        if (seedFolder is null || !Directory.Exists(seedFolder))
        {
            logger.LogWarning("No seeds folder found; no demo documents imported");
            return;
        }
        var lead = new Actor(leadId, "Lee Lead", new HashSet<string> { Roles.Lead });
        var importer = services.GetRequiredService<DocumentImportService>();
        foreach (var file in Directory.EnumerateFiles(seedFolder).Where(f => !f.EndsWith(MetadataSuffix, StringComparison.Ordinal)).Order())
        {
            try
            {
                // The importer recognizes text it has already stored, so a restart imports nothing twice.
                var result = await importer.ImportFileAsync(lead, Path.GetFileName(file), await File.ReadAllBytesAsync(file, cancellationToken),
                    await ReadMetadataAsync(file, cancellationToken), cancellationToken);
                if (!result.AlreadyImported)
                    logger.LogInformation("Seed {File} imported as document {Id} with {Claims} claims", file, result.DocumentId, result.Claims.Count);
            }
            catch (ValidationException ex)
            {
                logger.LogWarning("Seed {File} skipped: {Reason}", file, ex.Message);
            }
        }
    }

    private const string MetadataSuffix = ".meta.json";

    /// <summary>A seed may carry a sidecar "NAME.meta.json" with its title, publisher and date, as an upload form would.</summary>
    private static async Task<DocumentMetadata?> ReadMetadataAsync(string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + MetadataSuffix);
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        return await System.Text.Json.JsonSerializer.DeserializeAsync<DocumentMetadata>(stream,
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web), cancellationToken);
    }

    /// <summary>The seeds/ folder: configured, or found by walking up from the app's folder to the repository root.</summary>
    public static string? FindSeedFolder(string? configured, string startFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, startFolder);
        for (var dir = new DirectoryInfo(startFolder); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "seeds");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "FactCheck.sln"))) return candidate;
        }
        return null;
    }
}
