using System.Diagnostics;
using FactCheck.Core.Events;
using FactCheck.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;

namespace FactCheck.Web.Realtime;

/// <summary>
/// Measurement aids for `factcheck load` and the circuit memory benchmark (docs/benchmarks.md):
/// mapped only with Realtime:BenchmarkEndpoints=true, and for admins only.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string SettingName = "Realtime:BenchmarkEndpoints";

    public static void MapBenchmarkEndpoints(this IEndpointRouteBuilder app)
    {
        var benchmark = app.MapGroup("/api/benchmark")
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin, AuthenticationSchemes = RealtimeServiceExtensions.HubAuthenticationSchemes })
            .DisableAntiforgery();

        // The baseline: the same payload a DocumentImported event carries, broadcast straight through
        // the hub context, without a save, the bus or the relay.
        benchmark.MapPost("/broadcast", async (string title, HttpContext http, IHubContext<ReviewHub> hub, TimeProvider clock) =>
        {
            var message = new ReviewEventMessage(ReviewEventTypes.DocumentImported, null, 0, Actor.From(http.User).Name, clock.GetUtcNow(),
                new Dictionary<string, object> { ["title"] = title, ["claims"] = "1" });
            await hub.Clients.Group(ReviewHub.WorkspaceGroup).SendAsync(ReviewHub.ReviewEventMessage, message);
            return Results.NoContent();
        });

        // The server's memory after a full collection, and how many Blazor circuits are open.
        benchmark.MapGet("/memory", (CircuitCounter circuits) =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            return Results.Ok(new { workingSetBytes = process.WorkingSet64, gcHeapBytes = GC.GetTotalMemory(forceFullCollection: false), circuits = circuits.Open });
        });
    }
}

/// <summary>Counts open Blazor circuits, for the memory-per-circuit measurement.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
