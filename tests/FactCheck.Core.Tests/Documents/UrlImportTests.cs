using System.Net;
using System.Net.Sockets;
using System.Text;
using FactCheck.Core.Common;

namespace FactCheck.Core.Tests.Documents;

/// <summary>Import by URL against a page served on loopback (which the test database allows).</summary>
public abstract class UrlImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private TcpListener server = default!;
    private readonly CancellationTokenSource stop = new();

    private const string Page = """
        <html><head><title>Ministry reports new figures</title><meta name="author" content="Wire Desk"></head>
        <body><nav>Home | World | Sport</nav><script>alert('tracker')</script>
        <article><h1>Ministry reports new figures</h1>
        <p>The health ministry said 1,200 people were killed on Monday, according to officials.</p>
        <p>Prices rose 12% in March compared with February.</p></article>
        <footer>Copyright 2025</footer></body></html>
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        _ = ServeAsync();
    }

    private string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}{path}";

    /// <summary>A tiny HTTP server: /article answers HTML, /slow never answers.</summary>
    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await server.AcceptTcpClientAsync(stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    var read = await stream.ReadAsync(buffer);
                    var request = Encoding.ASCII.GetString(buffer, 0, read);
                    if (request.StartsWith("GET /slow", StringComparison.Ordinal))
                    {
                        try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
                        return;
                    }
                    var body = Encoding.UTF8.GetBytes(Page);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head);
                    await stream.WriteAsync(body);
                }
            });
        }
    }

    public override async Task DisposeAsync()
    {
        stop.Cancel();
        server.Stop();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_page_is_fetched_and_only_its_article_is_imported()
    {
        var result = await db.Importer.ImportUrlAsync(db.Lead, Url("/article"));

        var document = (await db.Queries.GetDocumentAsync(db.Lead, result.DocumentId))!;
        Assert.Equal("Ministry reports new figures", document.Title);
        Assert.Equal(Url("/article"), document.SourceUrl);
        Assert.Contains("1,200 people were killed", document.Text);
        Assert.DoesNotContain("tracker", document.Text);
        Assert.DoesNotContain("Copyright", document.Text);
        Assert.Contains(result.Claims, c => c.Text.Contains("1,200"));
    }

    [Fact]
    public async Task A_page_that_never_answers_times_out_with_a_message_and_stores_nothing()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.Importer.ImportUrlAsync(db.Lead, Url("/slow")));
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Empty(await db.Queries.ListDocumentsAsync(db.Lead));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task Non_web_addresses_are_refused(string url)
    {
        await Assert.ThrowsAsync<ValidationException>(() => db.Importer.ImportUrlAsync(db.Lead, url));
        Assert.Empty(await db.Queries.ListDocumentsAsync(db.Lead));
    }

    [Fact]
    public async Task A_readers_suggested_address_is_fetched_when_a_lead_imports_it()
    {
        var suggestionId = await db.ReaderRequests.SuggestAsync(db.Reader, null, Url("/article"));
        await using (var context = await db.DbFactory.CreateDbContextAsync())
        {
            var suggestion = await context.Suggestions.FindAsync(suggestionId);
            await db.ReaderRequests.AnswerSuggestionAsync(db.Lead, suggestionId, Domain.RequestStatus.Accepted, "Thanks, we are checking it.", suggestion!.Version, importText: true);
        }

        var document = Assert.Single(await db.Queries.ListDocumentsAsync(db.Lead));
        Assert.Equal("Ministry reports new figures", document.Title);
        Assert.Equal(Url("/article"), document.SourceUrl);
    }
}

public sealed class UrlImportTestsOnSqlite() : UrlImportTests(DatabaseProvider.Sqlite);

public sealed class UrlImportTestsOnPostgres() : UrlImportTests(DatabaseProvider.Postgres);
