using FactCheck.Core.Diagnostics;
using FactCheck.Core.Security;
using FactCheck.Web.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// Metrics and traces with OpenTelemetry (ASP.NET Core, HTTP clients, EF Core, SignalR, Blazor
/// circuits, the runtime and the app's own "FactCheck" meter), exported over OTLP when an endpoint
/// is configured and on an admins-only Prometheus scrape endpoint when enabled; JSON console logs in
/// Production, one object a line, for log collectors.
/// </summary>
public static class ObservabilityExtensions
{
    public const string OtlpEndpointSettingName = "OpenTelemetry:OtlpEndpoint";
    public const string OtlpProtocolSettingName = "OpenTelemetry:OtlpProtocol";
    public const string PrometheusSettingName = "OpenTelemetry:Prometheus";
    /// <summary>The standard variable the OTLP exporter reads by itself.</summary>
    public const string StandardOtlpVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsPath = "/metrics";

    /// <summary>Meters the framework publishes that operators of this app want (names as ASP.NET Core and EF Core 10 define them).</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.EntityFrameworkCore",
    ];

    private static readonly string[] FrameworkActivitySources =
    [
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.AspNetCore.Components",
    ];

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsProduction())
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });

        // The app's own circuit and hub connection counts, whether or not anything exports them.
        builder.Services.AddSingleton<CircuitHandler, CircuitMetrics>();
        builder.Services.Configure<HubOptions<ReviewHub>>(options => options.AddFilter(new HubConnectionMetrics()));

        var otlpEndpoint = builder.Configuration[OtlpEndpointSettingName];
        var standardOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[StandardOtlpVariable]);
        var prometheus = builder.Configuration.GetValue<bool>(PrometheusSettingName);
        if (string.IsNullOrWhiteSpace(otlpEndpoint) && !standardOtlp && !prometheus) return;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("FactCheck", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(FactCheckMetrics.MeterName)
                    .AddMeter(FrameworkMeters);
                if (prometheus) metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(FrameworkActivitySources));

        if (!string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            if (!Uri.TryCreate(otlpEndpoint, UriKind.Absolute, out var endpoint))
                throw new InvalidOperationException($"{OtlpEndpointSettingName}: \"{otlpEndpoint}\" is not an absolute URL (e.g. http://collector:4317).");
            var protocol = builder.Configuration[OtlpProtocolSettingName] switch
            {
                null or "" or "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException($"{OtlpProtocolSettingName}: \"{other}\" is not supported; use grpc or http/protobuf."),
            };
            telemetry.UseOtlpExporter(protocol, endpoint);
        }
        else if (standardOtlp)
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) are read by the exporter itself.
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>/metrics for Prometheus, when enabled: admins only, by sign-in cookie or an admin's API token (a bearer token in the scrape config).</summary>
    public static void MapObservability(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(PrometheusSettingName)) return;
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin, AuthenticationSchemes = RealtimeServiceExtensions.HubAuthenticationSchemes });
    }

    private sealed class CircuitMetrics : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            FactCheckMetrics.CircuitOpened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            FactCheckMetrics.CircuitClosed();
            return Task.CompletedTask;
        }
    }

    private sealed class HubConnectionMetrics : IHubFilter
    {
        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            await next(context);
            FactCheckMetrics.HubConnected();
        }

        public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
        {
            FactCheckMetrics.HubDisconnected();
            await next(context, exception);
        }
    }
}
