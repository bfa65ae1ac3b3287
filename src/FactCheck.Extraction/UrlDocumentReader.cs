using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Html.Parser;

namespace FactCheck.Extraction;

/// <summary>Limits for fetching a document from a URL.</summary>
public sealed record UrlReaderOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Allows loopback, private and link-local addresses: for tests and intranet deployments only.</summary>
    public bool AllowPrivateAddresses { get; init; }
}

/// <summary>
/// Fetches an article by URL: http and https only, a timeout over the whole exchange, a size cap
/// enforced while streaming, an HTML / text / PDF content type, and no requests to loopback,
/// private or link-local addresses unless allowed. Build the <see cref="HttpClient"/> on
/// <see cref="CreateHandler"/> so the address check runs on the address actually connected to
/// (after DNS resolution and on every redirect), which DNS rebinding cannot get around.
/// </summary>
public sealed class UrlDocumentReader(HttpClient http, UrlReaderOptions options)
{
    /// <summary>A handler that refuses to connect to non-public addresses (unless the options allow them) and follows at most five redirects.</summary>
    public static SocketsHttpHandler CreateHandler(UrlReaderOptions options) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
            var allowed = options.AllowPrivateAddresses ? addresses : addresses.Where(IsPublic).ToArray();
            if (allowed.Length == 0)
                throw new PrivateAddressException(context.DnsEndPoint.Host);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public async Task<ReadDocument> ReadAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new DocumentReadException($"\"{url}\" is not an http or https address.");
        // Checked here too, so a client built without CreateHandler still refuses literal private addresses.
        if (!options.AllowPrivateAddresses && (uri.IsLoopback || IPAddress.TryParse(uri.DnsSafeHost, out var literal) && !IsPublic(literal)))
            throw new DocumentReadException($"\"{url}\" points to a local or private network address, which is not allowed.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("text/html, application/xhtml+xml, text/plain;q=0.9, application/pdf;q=0.8");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DocumentReadException($"\"{url}\" answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            var format = FormatOf(response.Content.Headers.ContentType, url);
            if (response.Content.Headers.ContentLength > options.MaxBytes)
                throw TooLarge(url);
            var body = await ReadCappedAsync(response.Content, url, timeout.Token).ConfigureAwait(false);
            var document = format switch
            {
                DocumentFormat.Html => EncodingOf(response.Content.Headers.ContentType) is { } encoding
                    ? HtmlArticleReader.Read(new HtmlParser().ParseDocument(DecodeHtml(body, encoding)))
                    : HtmlArticleReader.Read(body, url),
                DocumentFormat.Pdf => PdfTextReader.Read(body, url),
                _ => new ReadDocument(DecodePlainText(body, response.Content.Headers.ContentType, url), DocumentFormat.Text),
            };
            return DocumentReader.Finish(document with { Format = DocumentFormat.Url }, url);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DocumentReadException($"\"{url}\" did not answer within {options.Timeout.TotalSeconds:0.#} seconds.");
        }
        catch (HttpRequestException e) when (FindInner<PrivateAddressException>(e) is not null)
        {
            throw new DocumentReadException($"\"{url}\" points to a local or private network address, which is not allowed.");
        }
        catch (HttpRequestException e)
        {
            throw new DocumentReadException($"\"{url}\" could not be fetched: {e.Message}");
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, string url, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
                throw TooLarge(url);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private DocumentReadException TooLarge(string url) =>
        new($"\"{url}\" is larger than the {options.MaxBytes / (1024.0 * 1024):0.#} MB limit.");

    private static DocumentFormat FormatOf(MediaTypeHeaderValue? contentType, string url) => contentType?.MediaType?.ToLowerInvariant() switch
    {
        "text/html" or "application/xhtml+xml" => DocumentFormat.Html,
        "text/plain" or "text/markdown" => DocumentFormat.Text,
        "application/pdf" => DocumentFormat.Pdf,
        var other => throw new DocumentReadException($"\"{url}\" is {other ?? "of no declared type"}; only HTML, plain text and PDF can be imported."),
    };

    /// <summary>Decodes with the charset the server declared (AngleSharp detects it from the page when none is declared).</summary>
    private static string DecodeHtml(byte[] body, Encoding encoding)
    {
        if (body.AsSpan().IndexOf((byte)0) >= 0)
            throw new DocumentReadException("The page is binary, not HTML.");
        return encoding.GetString(body);
    }

    private static string DecodePlainText(byte[] body, MediaTypeHeaderValue? contentType, string url)
    {
        var encoding = EncodingOf(contentType);
        return encoding is null || encoding.CodePage == Encoding.UTF8.CodePage
            ? DocumentReader.DecodeText(body, url)
            : encoding.GetString(body);
    }

    private static Encoding? EncodingOf(MediaTypeHeaderValue? contentType)
    {
        try
        {
            return contentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static T? FindInner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
                return found;
        }
        return null;
    }

    /// <summary>True for addresses on the public internet: not loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
                || b[0] == 172 && b[1] >= 16 && b[1] <= 31
                || b[0] == 192 && b[1] == 168
                || b[0] == 169 && b[1] == 254
                || b[0] == 100 && b[1] >= 64 && b[1] <= 127);
        }
        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC);
    }

    private sealed class PrivateAddressException(string host) : IOException($"{host} resolves only to non-public addresses.");
}
