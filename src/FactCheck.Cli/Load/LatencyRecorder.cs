namespace FactCheck.Cli.Load;

/// <summary>Latency samples in milliseconds from many receiving threads, and their percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _samples = [];

    public void Add(double milliseconds)
    {
        lock (_samples) _samples.Add(milliseconds);
    }

    public int Count
    {
        get { lock (_samples) return _samples.Count; }
    }

    public LatencySummary Summarize()
    {
        double[] sorted;
        lock (_samples) sorted = [.. _samples];
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

public sealed record LatencySummary(int Samples, double P50, double P95, double P99, double Max);
