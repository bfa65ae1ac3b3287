using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Core.Presence;
using FactCheck.Core.ScaleOut;
using FactCheck.Web.Components.Account;
using FactCheck.Web.Infrastructure;
using FactCheck.Web.ScaleOut;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace FactCheck.Web.Realtime;

/// <summary>The review event bus, the /hubs/review hub, presence, and what several instances share.</summary>
public static class RealtimeServiceExtensions
{
    public const string RedisSettingName = "Realtime:Redis";

    /// <summary>
    /// The hub (and the benchmark endpoints) accept the app's cookie and bearer API tokens. The first
    /// is IdentityConstants.ApplicationScheme's value, spelled out because attributes need a constant.
    /// </summary>
    public const string HubAuthenticationSchemes = "Identity.Application," + ApiTokenAuthenticationHandler.SchemeName;

    public static void AddRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // One per circuit; registered as a CircuitHandler too, so connection drops reach it.
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        // The circuit's review-event subscriptions: suspended while its tab is disconnected, disposed when it closes.
        services.AddScoped<CircuitEvents>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitEvents>());
        services.AddSignalR();
        services.AddSingleton<HubConnectionRegistry>();
        services.AddHostedService<ReviewHubRelay>();

        // Every instance reads and writes one key ring in the database, so a sign-in cookie (and an
        // antiforgery token) issued by one instance is accepted by the others.
        services.AddDataProtection()
            .SetApplicationName("FactCheck")
            .PersistKeysToDbContext<FactCheckDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration, builder.Environment);

        var redis = configuration[RedisSettingName];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<InProcessReviewEventBus>();
            services.AddSingleton<IReviewEventBus>(sp => sp.GetRequiredService<InProcessReviewEventBus>());
            // One instance: presence, rate limits and cache signals live in this process.
            services.AddSingleton<IClaimPresence, ClaimPresence>();
            services.AddSingleton<ISlidingWindowRateLimiter, InMemorySlidingWindowRateLimiter>();
            services.AddSingleton<IClusterSignals, LocalClusterSignals>();
        }
        else
        {
            AddSharedState(services, redis);
            AddRedisScaleOut(services, redis);
        }

        if (configuration.GetValue<bool>(BenchmarkEndpoints.SettingName))
        {
            services.AddSingleton<CircuitCounter>();
            services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        }
    }

    /// <summary>
    /// What every instance must see alike: presence, rate limits and the settings cache, over one
    /// shared Redis connection (started first, so the others find it connecting or connected).
    /// </summary>
    private static void AddSharedState(IServiceCollection services, string redis)
    {
        services.AddSingleton(sp => new RedisConnection(RedisConnection.Options(redis), sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<RedisClaimPresence>();
        services.AddSingleton<IClaimPresence>(sp => sp.GetRequiredService<RedisClaimPresence>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisClaimPresence>());
        services.AddSingleton<InMemorySlidingWindowRateLimiter>();
        services.AddSingleton<ISlidingWindowRateLimiter, RedisSlidingWindowRateLimiter>();
        services.AddSingleton<ISignInAttemptLocks, RedisSignInAttemptLocks>();
        services.AddSingleton<RedisClusterSignals>();
        services.AddSingleton<IClusterSignals>(sp => sp.GetRequiredService<RedisClusterSignals>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisClusterSignals>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ApplicationServiceExtensions.ReadinessTag]);
    }

    private static void AddRedisScaleOut(IServiceCollection services, string redis)
    {
        // Keep retrying in the background instead of failing the start, and fail a command at once
        // while disconnected instead of queueing it: an instance without Redis still serves its users.
        void Configure(ConfigurationOptions options)
        {
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
        }

        var busOptions = ConfigurationOptions.Parse(redis);
        Configure(busOptions);
        services.AddSingleton(sp => new RedisReviewEventBus(
            new InProcessReviewEventBus(sp.GetRequiredService<ILogger<InProcessReviewEventBus>>()),
            new InProcessReviewEventBus(sp.GetRequiredService<ILogger<InProcessReviewEventBus>>()),
            busOptions,
            sp.GetRequiredService<ILogger<RedisReviewEventBus>>()));
        services.AddSingleton<IReviewEventBus>(sp => sp.GetRequiredService<RedisReviewEventBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisReviewEventBus>());

        // The SignalR Redis backplane (what AddStackExchangeRedis registers), for the review hub only:
        // Blazor's own circuit hub stays in-process (circuits are sticky to their instance), so pages
        // keep working while Redis is down.
        services.Configure<RedisOptions>(options =>
        {
            options.Configuration = ConfigurationOptions.Parse(redis);
            Configure(options.Configuration);
            options.Configuration.ChannelPrefix = RedisChannel.Literal("factcheck:hub");
        });
        services.AddSingleton<HubLifetimeManager<ReviewHub>, RedisHubLifetimeManager<ReviewHub>>();
    }

    public static void MapRealtime(this WebApplication app)
    {
        app.MapHub<ReviewHub>(ReviewHub.Path);
        if (app.Configuration.GetValue<bool>(BenchmarkEndpoints.SettingName)) app.MapBenchmarkEndpoints();
    }
}
