using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Tests.Documents;

public abstract class DocumentImportServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string Article = """
        Attack on Hospitals

        More than 1,057 Palestinian health and medical professionals have been killed since October 7, 2023, according to UN Special Rapporteurs.

        I think this is a terrible situation.
        """;


    [Fact]
    public async Task Import_stores_the_document_with_claims_anchored_to_their_spans()
    {
        var result = await db.Importer.ImportAsync(db.Lead, new ImportRequest("Health workers", Article));

        Assert.False(result.AlreadyImported);
        var document = await db.Queries.GetDocumentAsync(db.Lead, result.DocumentId);
        Assert.NotNull(document);
        var claim = Assert.Single(document.Claims, c => c.Text.Contains("1,057"));
        Assert.Equal(claim.Text, document.Text.Substring(claim.SpanStart, claim.SpanLength));
        Assert.DoesNotContain(document.Claims, c => c.Text == "Attack on Hospitals");
        Assert.All(document.Claims, c => Assert.Equal(c.Text, document.Text.Substring(c.SpanStart, c.SpanLength)));
    }

    [Fact]
    public async Task The_same_text_imported_twice_is_detected_not_duplicated()
    {
        var first = await db.Importer.ImportAsync(db.Lead, new ImportRequest("One", Article));
        var second = await db.Importer.ImportAsync(db.Admin, new ImportRequest("Two", Article.Replace("\n", "\r\n")));

        Assert.True(second.AlreadyImported);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal(first.Claims.Select(c => c.Id), second.Claims.Select(c => c.Id));
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await context.Documents.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    public async Task Empty_text_is_refused_and_nothing_is_stored(string text)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.Importer.ImportAsync(db.Lead, new ImportRequest("Empty", text)));
        Assert.Contains("no text", refused.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_binary_file_named_txt_is_refused()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.Importer.ImportFileAsync(db.Lead, "photo.txt", bytes));
        Assert.Contains("photo.txt", refused.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The ministry reported 42 new cases on Monday. ", 2000)));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.Importer.ImportFileAsync(db.Lead, "big.txt", bytes));
        Assert.Contains("limit", refused.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Only_leads_and_admins_may_import()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Importer.ImportAsync(db.Alice, new ImportRequest("x", Article)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Importer.ImportAsync(db.Reader, new ImportRequest("x", Article)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => db.Importer.ImportAsync(Actor.Anonymous, new ImportRequest("x", Article)));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_title_with_script_is_refused()
    {
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.ImportAsync(db.Lead, new ImportRequest("<script>alert(1)</script>", Article)));
        await AssertNothingStoredAsync();
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var context = await db.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await context.Documents.CountAsync());
        Assert.Equal(0, await context.Claims.CountAsync());
        Assert.Equal(0, await context.AuditEvents.CountAsync());
    }
}

public sealed class DocumentImportServiceTestsOnSqlite() : DocumentImportServiceTests(DatabaseProvider.Sqlite);

public sealed class DocumentImportServiceTestsOnPostgres() : DocumentImportServiceTests(DatabaseProvider.Postgres);
