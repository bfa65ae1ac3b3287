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
            var allowed = options.AllowPrivateAddresses ? addresses : addresses.Where(IsAllowedDestination).ToArray();
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
        if (!options.AllowPrivateAddresses && (uri.IsLoopback || IPAddress.TryParse(uri.DnsSafeHost, out var literal) && !IsAllowedDestination(literal)))
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
            if (format == DocumentFormat.Html)
                HtmlArticleReader.EnsureBounded(body, url);
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

    /// <summary>
    /// IANA IPv4 special-purpose address registry (RFC 6890 and later), every entry that is not
    /// globally reachable or is meant for documentation, benchmarking or relays, plus multicast and
    /// the reserved 240/4. A URL import may not connect to any of them.
    /// </summary>
    internal static readonly (IPAddress Network, int PrefixLength)[] SpecialPurposeIPv4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8), (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), (IPAddress.Parse("192.0.2.0"), 24), (IPAddress.Parse("192.31.196.0"), 24),
        (IPAddress.Parse("192.52.193.0"), 24), (IPAddress.Parse("192.88.99.0"), 24), (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("192.175.48.0"), 24), (IPAddress.Parse("198.18.0.0"), 15), (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24), (IPAddress.Parse("224.0.0.0"), 4), (IPAddress.Parse("240.0.0.0"), 4),
    ];

    /// <summary>
    /// IANA IPv6 special-purpose entries inside global unicast (2000::/3); everything outside
    /// 2000::/3 (loopback, unspecified, IPv4-compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
    /// discard 100::/64, ULA, link-local, site-local, multicast) is refused before this list.
    /// </summary>
    internal static readonly (IPAddress Network, int PrefixLength)[] SpecialPurposeIPv6 =
    [
        (IPAddress.Parse("2001::"), 23), // IETF protocol assignments: Teredo, benchmarking, ORCHID, AMT, ...
        (IPAddress.Parse("2001:db8::"), 32), // documentation
        (IPAddress.Parse("2002::"), 16), // 6to4: tunnels to any IPv4 address, including private ones
        (IPAddress.Parse("3fff::"), 20), // documentation
        (IPAddress.Parse("5f00::"), 16), // SRv6 SIDs
    ];

    /// <summary>True for addresses on the public internet: none of the IANA special-purpose ranges (IPv4 and IPv6, in any IPv4-in-IPv6 form).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return !SpecialPurposeIPv4.Any(range => InRange(address, range.Network, range.PrefixLength));
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        var bytes = address.GetAddressBytes();
        // Only global unicast, 2000::/3. This also refuses ::/96 (IPv4-compatible), ::ffff:0:0:0/96
        // (IPv4-translated), 64:ff9b::/96 (NAT64, which would reach an embedded IPv4 address), fc00::/7, fe80::/10 and ff00::/8.
        if ((bytes[0] & 0xE0) != 0x20)
            return false;
        return !SpecialPurposeIPv6.Any(range => InRange(address, range.Network, range.PrefixLength));
    }

    /// <summary>Public, and not one of this machine's own interface addresses (a public server's own address would reach its loopback-only services).</summary>
    public static bool IsAllowedDestination(IPAddress address) => IsPublic(address) && !OwnAddresses().Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static (DateTime Read, HashSet<IPAddress> Addresses) ownAddresses = (DateTime.MinValue, []);

    /// <summary>The machine's interface addresses, read again at most once a minute (interfaces change rarely).</summary>
    internal static HashSet<IPAddress> OwnAddresses()
    {
        var cached = ownAddresses;
        if (DateTime.UtcNow - cached.Read < TimeSpan.FromMinutes(1))
            return cached.Addresses;
        var addresses = new HashSet<IPAddress>();
        try
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    addresses.Add(unicast.Address.IsIPv4MappedToIPv6 ? unicast.Address.MapToIPv4() : unicast.Address);
            }
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            // No interface list on this platform: the special-purpose check still applies.
        }
        ownAddresses = (DateTime.UtcNow, addresses);
        return addresses;
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length) return false;
        var full = prefixLength / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != n[i]) return false;
        }
        var rest = prefixLength % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }

    private sealed class PrivateAddressException(string host) : IOException($"{host} resolves only to non-public addresses.");
}
