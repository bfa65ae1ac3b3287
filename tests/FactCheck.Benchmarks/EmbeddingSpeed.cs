using System.Diagnostics;
using System.Globalization;
using FactCheck.Extraction;

namespace FactCheck.Benchmarks;

/// <summary>
/// The embedding path outside BenchmarkDotNet, reporting process CPU time beside wall time: on a
/// shared machine wall time measures the neighbours, CPU time what this work costs. Also the
/// process's memory with nothing loaded, with both models loaded (at rest) and its peak.
/// </summary>
internal static class EmbeddingSpeed
{
    public static void Run(int threads, int runs)
    {
        var process = Process.GetCurrentProcess();
        string Memory()
        {
            process.Refresh();
            return string.Create(CultureInfo.InvariantCulture,
                $"GC heap {GC.GetTotalMemory(true) / 1048576.0:F1} MB, working set {process.WorkingSet64 / 1048576.0:F0} MB");
        }
        Console.WriteLine($"Start: {Memory()}");
        SentenceEmbedder.Configure(threads);
        var seed = BenchmarkDocuments.Read("seed-article.txt");
        var extractor = ClaimExtractor.Default;
        extractor.ScoreSentencesWithEmbedding(seed, SentenceEmbedder.Shared); // load and warm
        Console.WriteLine($"Models loaded, warm (at rest): {Memory()}");

        var sentences = extractor.ScoreSentences(BenchmarkDocuments.Synthetic(256 * 1024))
            .Where(s => s.Segment == SegmentType.Sentence).Select(s => s.Text).Distinct().Take(512).ToArray();
        var output = new float[sentences.Length * SentenceEmbedder.Dimension];
        for (var run = 0; run < runs; run++)
        {
            var (wall, cpu) = Time(() => extractor.ScoreSentencesWithEmbedding(seed, SentenceEmbedder.Shared));
            var (embedWall, embedCpu) = Time(() => SentenceEmbedder.Shared.Embed(sentences, output));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threads {threads}: seed article fully scored {wall:F0} ms wall, {cpu:F0} ms CPU; "
                + $"{sentences.Length} sentences embedded {sentences.Length / (embedWall / 1000):F0}/s wall, {sentences.Length / (embedCpu / 1000):F0}/s per CPU-second; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        }
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB; end: {Memory()}"));
    }

    private static (double WallMs, double CpuMs) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}
