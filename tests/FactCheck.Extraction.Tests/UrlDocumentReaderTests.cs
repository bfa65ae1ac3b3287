using System.Net;
using System.Net.Sockets;
using System.Text;
using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class UrlDocumentReaderTests
{
    private static readonly UrlReaderOptions LocalOptions = new() { AllowPrivateAddresses = true, Timeout = TimeSpan.FromSeconds(10) };

    private static UrlDocumentReader Reader(UrlReaderOptions options) => new(new HttpClient(UrlDocumentReader.CreateHandler(options)), options);

    [Fact]
    public async Task Reads_an_article_from_a_local_server_when_allowed()
    {
        using var server = new OneShotServer(Response("text/html; charset=utf-8", "<html><head><title>T</title></head><body><nav>Menu</nav><article><p>Prices rose 3% in May.</p></article></body></html>"));

        var document = await Reader(LocalOptions).ReadAsync(server.Url, CancellationToken.None);

        Assert.Equal("Prices rose 3% in May.", document.Text);
        Assert.Equal(DocumentFormat.Url, document.Format);
        Assert.Equal("T", document.Title);
    }

    [Fact]
    public async Task Reads_plain_text()
    {
        using var server = new OneShotServer(Response("text/plain", "Line one.\r\n\r\nLine two."));

        var document = await Reader(LocalOptions).ReadAsync(server.Url, CancellationToken.None);

        Assert.Equal("Line one.\n\nLine two.", document.Text);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://localhost:8080/page")]
    [InlineData("http://10.0.0.8/")]
    [InlineData("http://192.168.1.1/admin")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/")]
    public async Task Local_and_private_addresses_are_refused_by_default(string url)
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(new UrlReaderOptions()).ReadAsync(url, CancellationToken.None));

        Assert.Contains("private network address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handler_checks_the_address_it_connects_to()
    {
        // Bypasses the reader's own check: the handler alone must refuse a name resolving to loopback.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            using var client = new HttpClient(UrlDocumentReader.CreateHandler(new UrlReaderOptions()));
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{port}/"));
            Assert.False(listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file.txt")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Only_http_and_https_are_accepted(string url)
    {
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(LocalOptions).ReadAsync(url, CancellationToken.None));

        Assert.Contains("not an http or https address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_hits_the_timeout()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var options = LocalOptions with { Timeout = TimeSpan.FromMilliseconds(300) };
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
            // Accept the connection and say nothing.
            var accepted = listener.AcceptTcpClientAsync();

            var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(options).ReadAsync(url, CancellationToken.None));

            Assert.Contains("did not answer within 0.3 seconds", error.Message, StringComparison.Ordinal);
            (await accepted).Dispose();
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_declared_oversize_body_is_refused()
    {
        using var server = new OneShotServer(Response("text/html", new string('x', 5000)));

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(LocalOptions with { MaxBytes = 1000 }).ReadAsync(server.Url, CancellationToken.None));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_undeclared_oversize_body_is_cut_off_while_streaming()
    {
        // No Content-Length: the body ends when the connection closes, so only the streaming cap can stop it.
        var body = "<p>" + new string('x', 200_000) + "</p>";
        using var server = new OneShotServer(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n{body}"));

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(LocalOptions with { MaxBytes = 10_000 }).ReadAsync(server.Url, CancellationToken.None));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_content_types_are_refused()
    {
        using var server = new OneShotServer(Response("image/png", "PNG"));

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(LocalOptions).ReadAsync(server.Url, CancellationToken.None));

        Assert.Contains("image/png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_statuses_are_reported()
    {
        using var server = new OneShotServer(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

        var error = await Assert.ThrowsAsync<DocumentReadException>(() => Reader(LocalOptions).ReadAsync(server.Url, CancellationToken.None));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("192.0.2.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.19.255.254", false)]
    [InlineData("198.20.0.1", true)]
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("192.0.0.8", false)]
    [InlineData("192.88.99.1", false)]
    [InlineData("192.31.196.1", false)]
    [InlineData("192.52.193.1", false)]
    [InlineData("192.175.48.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("1.1.1.1", true)]
    [InlineData("::", false)]
    [InlineData("::7f00:1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:192.0.2.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("::ffff:0:127.0.0.1", false)]
    [InlineData("64:ff9b::7f00:1", false)]
    [InlineData("64:ff9b:1::1", false)]
    [InlineData("100::1", false)]
    [InlineData("2001::1", false)]
    [InlineData("2001:2::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2002:7f00:1::1", false)]
    [InlineData("3fff::1", false)]
    [InlineData("5f00::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2a00:1450:4001::1", true)]
    public void Public_addresses_are_told_from_private_ones(string address, bool isPublic)
    {
        Assert.Equal(isPublic, UrlDocumentReader.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_machines_own_interface_addresses_are_not_destinations()
    {
        var own = UrlDocumentReader.OwnAddresses();

        Assert.NotEmpty(own);
        Assert.All(own, address => Assert.False(UrlDocumentReader.IsAllowedDestination(address), address.ToString()));
    }

    [Fact]
    public async Task A_page_of_a_hundred_thousand_nested_divs_is_refused_quickly_by_name()
    {
        var page = "<html><body><article>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "Deep." + string.Concat(Enumerable.Repeat("</div>", 100_000)) + "</article></body></html>";
        using var server = new OneShotServer(Response("text/html", page));

        var reading = Task.Run(() => Reader(LocalOptions).ReadAsync(server.Url, CancellationToken.None));
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => reading.WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Response(string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
        return [.. head, .. bytes];
    }

    /// <summary>A loopback server that answers one request with fixed bytes and closes.</summary>
    private sealed class OneShotServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Task serving;

        public OneShotServer(byte[] response)
        {
            listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/article";
            serving = ServeAsync(response);
        }

        public string Url { get; }

        private async Task ServeAsync(byte[] response)
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var request = new byte[8192];
            var received = 0;
            while (received < request.Length)
            {
                var read = await stream.ReadAsync(request.AsMemory(received));
                if (read == 0)
                    break;
                received += read;
                if (Encoding.ASCII.GetString(request, 0, received).Contains("\r\n\r\n", StringComparison.Ordinal))
                    break;
            }
            try
            {
                await stream.WriteAsync(response);
            }
            catch (IOException)
            {
                // The client may hang up early (size cap); that is the behaviour under test.
            }
        }

        public void Dispose()
        {
            listener.Stop();
            try
            {
                serving.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Stopping the listener ends a pending accept with an exception.
            }
        }
    }
}
