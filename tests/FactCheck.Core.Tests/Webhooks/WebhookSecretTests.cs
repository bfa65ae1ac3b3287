using System.Data.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Core.Tests.Webhooks;

public abstract class WebhookSecretTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private WebhookSecrets Secrets => db.Services.GetRequiredService<WebhookSecrets>();

    [Fact]
    public async Task A_new_webhooks_secret_is_shown_once_and_never_stored_in_plain_text()
    {
        var created = await db.Webhooks.CreateAsync(db.Admin, "https://receiver.example.org/hook", [WebhookEventTypes.ClaimAssigned]);

        Assert.StartsWith("whsec_", created.Secret);
        var stored = await RawSecretAsync(created.Id);
        Assert.DoesNotContain(created.Secret, stored);
        Assert.DoesNotContain(created.Secret["whsec_".Length..], stored);
        Assert.True(WebhookSecrets.IsProtected(stored));
        // The dispatcher can still sign with it.
        Assert.Equal(created.Secret, Secrets.Reveal(stored));
    }

    [Fact]
    public async Task Secrets_stored_in_plain_text_before_are_encrypted_on_start_and_still_sign_the_same()
    {
        const string plain = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef";
        int id;
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            var webhook = new Webhook { Url = "https://old.example.org/hook", EventTypes = WebhookEventTypes.ClaimPublished, Secret = plain, CreatedById = db.Admin.UserId!, CreatedAt = DateTimeOffset.UtcNow };
            context.Webhooks.Add(webhook);
            await context.SaveChangesAsync();
            id = webhook.Id;
        }

        Assert.Equal(1, await Secrets.ProtectStoredAsync(db.DbFactory));
        Assert.Equal(0, await Secrets.ProtectStoredAsync(db.DbFactory));

        var stored = await RawSecretAsync(id);
        Assert.DoesNotContain(plain, stored);
        Assert.Equal(WebhookService.Sign(plain, 1_700_000_000, "{}"), WebhookService.Sign(Secrets.Reveal(stored), 1_700_000_000, "{}"));
    }

    /// <summary>The column as it is in the database, read past EF.</summary>
    private async Task<string> RawSecretAsync(int id)
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Secret\" FROM \"Webhooks\" WHERE \"Id\" = {id}";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class WebhookSecretTestsOnSqlite() : WebhookSecretTests(DatabaseProvider.Sqlite);

public sealed class WebhookSecretTestsOnPostgres() : WebhookSecretTests(DatabaseProvider.Postgres);
