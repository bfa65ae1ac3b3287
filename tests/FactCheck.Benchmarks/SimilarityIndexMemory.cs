using System.Diagnostics;
using System.Globalization;
using FactCheck.Extraction;

namespace FactCheck.Benchmarks;

/// <summary>
/// Memory and lookup time of the similarity index at N claims (default 100,000): claims are ClaimBuster
/// sentences with a varying number appended (so texts differ), and a pseudo-random unit vector stands in
/// for each embedding (the model is not needed to measure the index's own size; the 388 bytes a claim
/// are the same). Reports managed memory before and after, the index's own estimate, and lookups.
/// </summary>
internal static class SimilarityIndexMemory
{
    public static void Run(string dataPath, int claims)
    {
        var texts = ClaimBusterDataset.Load(dataPath).Select(s => s.Text).ToArray();
        var random = new Random(20261125);
        var vector = new float[SentenceEmbedder.Dimension];
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        var index = new ClaimSimilarityIndex();
        for (var i = 0; i < claims; i++)
        {
            RandomUnit(random, vector);
            index.Add(i, $"{texts[i % texts.Length]} {i % 997}", EmbeddingCodec.Encode(vector).AsSpan());
        }
        var build = watch.Elapsed;
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var after = GC.GetTotalMemory(true);
        watch.Restart();
        const int Lookups = 200;
        for (var q = 0; q < Lookups; q++)
        {
            RandomUnit(random, vector);
            index.FindSimilar(texts[q * 37 % texts.Length], 0.6, 5, vector);
        }
        var lookup = watch.Elapsed.TotalMilliseconds / Lookups;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{claims:N0} claims: managed memory +{(after - before) / 1048576.0:F1} MB (index estimate {index.ApproximateBytes / 1048576.0:F1} MB), "
            + $"built in {build.TotalSeconds:F1} s, lookup (embedding + words) {lookup:F2} ms mean over {Lookups}."));
        GC.KeepAlive(index);
    }

    private static void RandomUnit(Random random, float[] vector)
    {
        for (var k = 0; k < vector.Length; k++) vector[k] = (float)(random.NextDouble() * 2 - 1);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var k = 0; k < vector.Length; k++) vector[k] /= norm;
    }
}
