using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// What stands between the app and the open web: the public base URL, forwarded headers from known
/// proxies, HTTPS and HSTS in Production, security headers with a per-request script nonce, a
/// same-origin check for cookie-authenticated API and hub requests, and Data Protection keys
/// encrypted with a certificate. Settings are described in docs/operations.md.
/// </summary>
public static class WebSecurity
{
    public const string NonceItem = "csp-nonce";
    public const string BaseUrlSetting = "Site:BaseUrl";

    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the proxies named here are believed (loopback by default); a client cannot claim to be https or another host.
            foreach (var proxy in SettingList(configuration, "Forwarded:KnownProxies"))
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"Forwarded:KnownProxies: \"{proxy}\" is not an IP address (give addresses separated by commas)."));
            foreach (var network in SettingList(configuration, "Forwarded:KnownNetworks"))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"Forwarded:KnownNetworks: \"{network}\" is not a network such as 10.0.0.0/8."));
            var hosts = configuration["AllowedHosts"];
            if (!string.IsNullOrWhiteSpace(hosts) && hosts != "*")
                options.AllowedHosts = hosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
    }

    /// <summary>A list setting given either as an array section (Forwarded__KnownProxies__0) or as one comma-separated value.</summary>
    private static IEnumerable<string> SettingList(IConfiguration configuration, string key) =>
        configuration.GetSection(key).Get<string[]>() is { Length: > 0 } items
            ? items
            : (configuration[key] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Encrypts the key ring at rest with the certificate at DataProtection:CertificatePath (a .pfx
    /// with its private key; DataProtection:CertificatePassword if it has one), so a copy of the
    /// database alone cannot forge sign-in cookies. Without one, Production logs a warning at start.
    /// </summary>
    public static void ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (environment.IsProduction())
                dataProtection.Services.AddHostedService<UnprotectedKeysWarning>();
            return;
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"],
            X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"DataProtection:CertificatePath {path} has no private key; the key ring could not be read back.");
        dataProtection.ProtectKeysWithCertificate(certificate);
        // Keys written under an earlier certificate stay readable during a rotation.
        foreach (var previous in configuration.GetSection("DataProtection:PreviousCertificatePaths").Get<string[]>() ?? [])
            dataProtection.UnprotectKeysWithAnyCertificate(X509CertificateLoader.LoadPkcs12FromFile(previous, configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet));
    }

    private sealed class UnprotectedKeysWarning(ILogger<UnprotectedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Data Protection keys are stored UNENCRYPTED in the database: anyone with a copy of it can forge sign-in cookies. "
                + "Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a .pfx certificate; see docs/operations.md.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>First in the pipeline: forwarded headers, HTTPS in Production, security headers, the cross-origin guard.</summary>
    public static void UseWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsProduction())
        {
            app.UseHttpsRedirection();
            if (string.IsNullOrWhiteSpace(app.Configuration[BaseUrlSetting]))
                app.Logger.LogWarning("{Setting} is not set: canonical links, ClaimReview URLs and the sitemap use the request's Host header, limited only by AllowedHosts.", BaseUrlSetting);
        }
        var allowedOrigins = AllowedOrigins(app.Configuration);
        app.Use((context, next) =>
        {
            // Hex: no "+" or "/" that HTML encoding would change in the attribute.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            // Scripts: only the app's own files and the nonce'd import map; Blazor Server needs no eval.
            // Styles stay 'unsafe-inline': MudBlazor sets style attributes and a theme <style> block.
            headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
            if (InvalidPagingParameter(context.Request.Query) is { } problem)
            {
                // The same RFC 7807 shape as every other refusal, for pages and API alike.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = problem, Instance = context.Request.Path,
                }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            }
            if (IsCrossOriginWithCookie(context, allowedOrigins))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("Cross-origin requests with the sign-in cookie are refused. Scripts use an API token (Authorization: Bearer).");
            }
            return next(context);
        });
    }

    /// <summary>Query parameters that pages and endpoints bind to numbers, with the largest sensible value.</summary>
    private static readonly (string Name, int Max)[] NumericQueryParameters =
        [("page", 100_000), ("pageSize", 1_000), ("documentId", int.MaxValue), ("claimId", int.MaxValue)];

    /// <summary>
    /// A clear 400 for a paging or id parameter that is not a whole number in range, checked once
    /// for every page and endpoint: binding "abc" into an int would otherwise throw (a 500), and a
    /// huge page number overflows the offset.
    /// </summary>
    internal static string? InvalidPagingParameter(IQueryCollection query)
    {
        foreach (var (name, max) in NumericQueryParameters)
        {
            if (!query.TryGetValue(name, out var values)) continue;
            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value)) continue;
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number > max)
                    return $"'{name}' must be a whole number from 0 to {max:N0}.";
            }
        }
        return null;
    }

    private static HashSet<string> AllowedOrigins(IConfiguration configuration)
    {
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var origin in configuration.GetSection("Security:AllowedOrigins").Get<string[]>() ?? [])
            origins.Add(origin.TrimEnd('/'));
        if (Uri.TryCreate(configuration[BaseUrlSetting], UriKind.Absolute, out var site))
            origins.Add(site.GetLeftPart(UriPartial.Authority));
        return origins;
    }

    /// <summary>
    /// A browser request from another origin (another site, or another port of this one) to the
    /// API, the review hub or Blazor's circuit hub, that would ride on the sign-in cookie: its
    /// Origin header names another origin, or Sec-Fetch-Site says it is not same-origin. Requests
    /// without either (scripts, curl) and bearer-token requests carry no ambient credential and pass.
    /// </summary>
    internal static bool IsCrossOriginWithCookie(HttpContext context, HashSet<string> allowedOrigins)
    {
        var request = context.Request;
        var path = request.Path;
        var guarded = path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor")
            || path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        if (!guarded) return false;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token"))
            return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = $"{request.Scheme}://{request.Host}";
            return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) && !allowedOrigins.Contains(origin);
        }
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        return fetchSite is "cross-site" or "same-site";
    }

    /// <summary>The public address of the site: Site:BaseUrl when set, otherwise the request's own (its Host limited by AllowedHosts).</summary>
    public static Uri PublicBaseUri(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()[BaseUrlSetting];
        if (Uri.TryCreate(configured, UriKind.Absolute, out var site))
            return site.AbsoluteUri.EndsWith('/') ? site : new Uri(site.AbsoluteUri + "/");
        return new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
    }
}
