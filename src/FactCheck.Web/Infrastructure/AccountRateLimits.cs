using FactCheck.Core.ScaleOut;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// Per-address limits on the account forms, on top of the per-account sign-in limits
/// (<see cref="Components.Account.PasswordSignIn"/>): POSTs to the login form beyond
/// <c>Security:LoginAttemptsPerMinute</c> in a sliding minute, and to the registration form beyond
/// <c>Security:RegistrationsPerHour</c> in a sliding hour, get HTTP 429. The counts are shared by
/// every instance when Redis is configured (a balancer spreading one address's attempts over
/// instances gains nothing). Behind a proxy the address is the forwarded client address.
/// </summary>
public static class AccountRateLimits
{
    public const string LoginSetting = "Security:LoginAttemptsPerMinute";
    public const string RegistrationSetting = "Security:RegistrationsPerHour";

    private sealed record Limit(string Path, string Key, int Permits, TimeSpan Window, string Message);

    public static IApplicationBuilder UseAccountRateLimits(this IApplicationBuilder app, IConfiguration configuration)
    {
        Limit[] limits =
        [
            new("/Account/Login", "login", configuration.GetValue(LoginSetting, 10), TimeSpan.FromMinutes(1),
                "Too many sign-in attempts from your address. Wait a minute and try again."),
            new("/Account/Register", "register", configuration.GetValue(RegistrationSetting, 5), TimeSpan.FromHours(1),
                "Too many new accounts from your address. Try again in an hour."),
        ];
        return app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && limits.FirstOrDefault(l => context.Request.Path.StartsWithSegments(l.Path, StringComparison.OrdinalIgnoreCase)) is { } limit)
            {
                var limiter = context.RequestServices.GetRequiredService<ISlidingWindowRateLimiter>();
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var decision = await limiter.TryAcquireAsync($"{limit.Key}:{address}", limit.Permits, limit.Window, context.RequestAborted);
                if (!decision.Allowed)
                {
                    var seconds = decision.RetryAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - DateTimeOffset.UtcNow).TotalSeconds)) : (int)limit.Window.TotalSeconds;
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(limit.Message, context.RequestAborted);
                    return;
                }
            }
            await next(context);
        });
    }
}
