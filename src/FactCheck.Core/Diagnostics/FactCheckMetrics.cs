using System.Diagnostics.Metrics;

namespace FactCheck.Core.Diagnostics;

/// <summary>
/// The app's own instruments, all on the "FactCheck" meter (exported by OpenTelemetry when it is
/// configured; free when nothing listens). Static so that any class, including ones built without
/// dependency injection, records with one call.
/// </summary>
public static class FactCheckMetrics
{
    public const string MeterName = "FactCheck";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>(
        "factcheck.events.published", "{event}", "Review events published on this instance.");

    private static readonly Counter<long> EventsDropped = Meter.CreateCounter<long>(
        "factcheck.events.dropped", "{event}", "Review events a subscriber's full queue dropped instead of delivering.");

    private static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "factcheck.import.duration", "s", "How long an import took, from the text to the stored document and its claims.");

    private static readonly UpDownCounter<long> OpenCircuits = Meter.CreateUpDownCounter<long>(
        "factcheck.circuits.open", "{circuit}", "Blazor circuits open on this instance.");

    private static readonly UpDownCounter<long> HubConnections = Meter.CreateUpDownCounter<long>(
        "factcheck.hub.connections", "{connection}", "Connections to /hubs/review on this instance.");

    /// <param name="kind">The event type (<c>ReviewEventTypes</c>), a small fixed set.</param>
    public static void EventPublished(string kind) => EventsPublished.Add(1, new KeyValuePair<string, object?>("event.type", kind));

    /// <param name="subscriber">Which queue dropped it (e.g. "hub-relay", "circuit"), never a per-user id.</param>
    public static void EventDropped(string subscriber) => EventsDropped.Add(1, new KeyValuePair<string, object?>("subscriber", subscriber));

    /// <param name="outcome">"imported", "duplicate" (the same text was already there) or "failed".</param>
    public static void ImportCompleted(TimeSpan duration, string outcome) =>
        ImportDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public static void CircuitOpened() => OpenCircuits.Add(1);

    public static void CircuitClosed() => OpenCircuits.Add(-1);

    public static void HubConnected() => HubConnections.Add(1);

    public static void HubDisconnected() => HubConnections.Add(-1);
}
