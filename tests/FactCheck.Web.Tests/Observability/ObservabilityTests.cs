using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactCheck.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Web.Tests.Observability;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Health_live_and_ready_answer_healthy_without_Redis_and_health_keeps_its_contract()
    {
        using var factory = new FactCheckWebFactory();
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/health", "/health/live", "/health/ready" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_metrics_endpoint_shows_the_apps_meters_after_an_import_to_admins_only()
    {
        using var factory = new FactCheckWebFactory { Settings = new Dictionary<string, string?> { ["OpenTelemetry:Prometheus"] = "true" } };
        using var lead = await factory.SignedInApiClientAsync("lead@factcheck.local");
        var imported = await lead.PostAsJsonAsync("/api/documents", new { title = "Metrics", text = $"The ministry said 4,200 people were treated on Monday, according to officials. Ref {Guid.NewGuid()}." });
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);

        using var admin = await factory.SignedInClientAsync("admin@factcheck.local");
        var metrics = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("factcheck_import_duration_seconds_count{", text);
        Assert.Contains("outcome=\"imported\"", text);
        Assert.Contains("factcheck_events_published_total{", text);
        Assert.Contains("event_type=\"DocumentImported\"", text);
        Assert.Contains("http_server_request_duration_seconds", text);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        using var factory = new FactCheckWebFactory();
        using var admin = await factory.SignedInClientAsync("admin@factcheck.local");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task In_Production_console_logs_are_one_JSON_object_a_line()
    {
        var console = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            using var factory = new FactCheckWebFactory { Environment = "Production" };
            var marker = Guid.NewGuid().ToString("N");
            factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FactCheck.Test").LogWarning("Marker {Marker}", marker);

            string? line = null;
            for (var waited = 0; line is null && waited < 100; waited++)
            {
                line = console.ToString().Split('\n').FirstOrDefault(l => l.Contains(marker));
                if (line is null) await Task.Delay(50);
            }
            Assert.NotNull(line);
            using var json = JsonDocument.Parse(line);
            Assert.Equal("Warning", json.RootElement.GetProperty("LogLevel").GetString());
            Assert.Equal("FactCheck.Test", json.RootElement.GetProperty("Category").GetString());
            Assert.Equal(marker, json.RootElement.GetProperty("State").GetProperty("Marker").GetString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }
}
