using BenchmarkDotNet.Attributes;
using FactCheck.Extraction;

namespace FactCheck.Benchmarks;

/// <summary>The 8 KB seed article, warm: the interactive case (target under 10 ms).</summary>
[MemoryDiagnoser]
public class SeedArticleBenchmarks
{
    private string seed = "";

    [GlobalSetup]
    public void Setup()
    {
        seed = BenchmarkDocuments.Read("seed-article.txt");
        ClaimExtractor.Default.ScoreSentencesWithEmbedding(seed, SentenceEmbedder.Shared);
    }

    [Benchmark]
    public int ScoreSeedArticle() => ClaimExtractor.Default.ScoreSentences(seed).Count;

    [Benchmark]
    public int SplitSeedArticle() => SentenceSplitter.Split(seed).Count;

    /// <summary>Fast pass, every sentence embedded by the packaged model, hybrid rescore (target under 300 ms warm).</summary>
    [Benchmark]
    public int ScoreSeedArticleWithEmbedding() => ClaimExtractor.Default.ScoreSentencesWithEmbedding(seed, SentenceEmbedder.Shared).Count;
}

/// <summary>The embedding pass's own cost: 64 claim-length sentences through the packaged model (sentences/s = 64 / mean).</summary>
[MemoryDiagnoser]
public class EmbeddingBenchmarks
{
    private string[] sentences = [];
    private readonly float[] output = new float[64 * SentenceEmbedder.Dimension];

    [GlobalSetup]
    public void Setup()
    {
        sentences = ClaimExtractor.Default.ScoreSentences(BenchmarkDocuments.Synthetic(64 * 1024))
            .Where(s => s.Segment == SegmentType.Sentence).Select(s => s.Text).Distinct().Take(64).ToArray();
        SentenceEmbedder.Shared.Embed(sentences, output);
    }

    [Benchmark]
    public int Embed64Sentences()
    {
        SentenceEmbedder.Shared.Embed(sentences, output);
        return sentences.Length;
    }
}

/// <summary>Long documents: throughput (target 5 MB/s on one core) and linear cost from 100 KB to 10 MB.</summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private string document = "";

    [Params(100 * 1024, 1024 * 1024, 10 * 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        document = BenchmarkDocuments.Synthetic(Bytes);
        ClaimExtractor.Default.ScoreSentences(BenchmarkDocuments.Read("seed-article.txt"));
    }

    [Benchmark]
    public int ScoreDocument() => ClaimExtractor.Default.ScoreSentences(document).Count;
}

/// <summary>Reading the embedded model: paid once per process.</summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    [Benchmark]
    public float LoadEmbeddedModel() => CheckWorthinessModel.LoadEmbedded().Bias;
}

/// <summary>Near-duplicate lookup against an index of 20,000 claims.</summary>
[MemoryDiagnoser]
public class SimilarityBenchmarks
{
    private readonly ClaimSimilarityIndex index = new();
    private string query = "";

    [GlobalSetup]
    public void Setup()
    {
        var sentences = ClaimExtractor.Default.ScoreSentences(BenchmarkDocuments.Synthetic(4 * 1024 * 1024)).Select(s => s.Text).Distinct().Take(20_000).ToList();
        for (var i = 0; i < sentences.Count; i++)
            index.Add(i, sentences[i]);
        query = "Gaza's Health Ministry says 445581 Palestinians were killed and 108,438 were wounded.";
    }

    [Benchmark]
    public int FindSimilar() => index.FindSimilar(query).Count;
}
