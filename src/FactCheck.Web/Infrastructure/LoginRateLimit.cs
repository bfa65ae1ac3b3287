using FactCheck.Core.ScaleOut;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// Password guessing is slowed per client address on top of the per-account lockout: POSTs to the
/// login form beyond <c>Security:LoginAttemptsPerMinute</c> within a sliding minute get HTTP 429.
/// The count is shared by every instance when Redis is configured (a balancer spreading one
/// address's attempts over instances gains nothing). Behind a proxy the address is the forwarded
/// client address (see <see cref="ApplicationServiceExtensions.UseFactCheckPipeline"/>).
/// </summary>
public static class LoginRateLimit
{
    public const string SettingName = "Security:LoginAttemptsPerMinute";

    public static IApplicationBuilder UseLoginRateLimit(this IApplicationBuilder app, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(SettingName, 10);
        return app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase))
            {
                var limiter = context.RequestServices.GetRequiredService<ISlidingWindowRateLimiter>();
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var decision = await limiter.TryAcquireAsync($"login:{address}", perMinute, TimeSpan.FromMinutes(1), context.RequestAborted);
                if (!decision.Allowed)
                {
                    var seconds = decision.RetryAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - DateTimeOffset.UtcNow).TotalSeconds)) : 60;
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute and try again.", context.RequestAborted);
                    return;
                }
            }
            await next(context);
        });
    }
}
