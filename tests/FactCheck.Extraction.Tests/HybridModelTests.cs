using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class HybridModelTests
{
    private static readonly TrainingOptions Small = new(HashBits: 12, Epochs: 2);

    /// <summary>Embeddings that carry the label (a fixed direction for check-worthy sentences), so the hybrid model has something to learn.</summary>
    private static float[] Embeddings(IReadOnlyList<LabelledSentence> data)
    {
        var values = new float[data.Count * SentenceEmbedder.Dimension];
        var random = new Random(7);
        for (var i = 0; i < data.Count; i++)
        {
            for (var k = 0; k < SentenceEmbedder.Dimension; k++)
                values[i * SentenceEmbedder.Dimension + k] = (float)(random.NextDouble() - 0.5) * 0.05f + (data[i].CheckWorthy && k < 8 ? 0.3f : 0);
        }
        return values;
    }

    [Fact]
    public void A_model_file_with_a_hybrid_part_loads_back_with_the_same_scores()
    {
        var data = TrainingData.Sentences();
        var embeddings = Embeddings(data);
        var report = ModelTrainer.Run(data, 0, Small, embeddings);
        using var stream = new MemoryStream();
        report.Trained.Save(stream);
        stream.Position = 0;
        var loaded = new ClaimExtractor(CheckWorthinessModel.Load(stream));
        var original = new ClaimExtractor(report.Trained);

        Assert.NotNull(loaded.Model.Hybrid);
        Assert.Equal(FeatureSet.Hybrid, loaded.Model.Hybrid.FeatureSet);
        var embedding = embeddings.AsSpan(0, SentenceEmbedder.Dimension).ToArray();
        Assert.Equal(original.HybridScore(data[0].Text, null, embedding).Score, loaded.HybridScore(data[0].Text, null, embedding).Score);
    }

    [Fact]
    public void Cross_validation_reports_the_embedding_and_hybrid_models_and_is_deterministic()
    {
        var data = TrainingData.Sentences().Select((s, i) => s with { Group = $"debate-{i % 5}" }).ToList();
        var embeddings = Embeddings(data);

        var first = ModelTrainer.Run(data, 3, Small, embeddings);
        var second = ModelTrainer.Run(data, 3, Small, embeddings);

        Assert.Equal([FeatureSet.Embedding, FeatureSet.Hybrid], first.EmbeddingModels.Select(m => m.FeatureSet));
        Assert.Equal(first.Format(), second.Format());
        Assert.Contains("grouped by debate", first.Format(), StringComparison.Ordinal);
        Assert.Contains("hybrid", first.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_embedding_changes_the_decision_a_reason_says_so()
    {
        var data = TrainingData.Sentences();
        var embeddings = Embeddings(data);
        var extractor = new ClaimExtractor(ModelTrainer.Run(data, 0, Small, embeddings).Trained);
        const string Sentence = "I think we should all be kinder.";
        var fastWorthy = extractor.ScoreLines(Sentence)[0].CheckWorthy;
        var pushed = new float[SentenceEmbedder.Dimension];
        for (var k = 0; k < 8; k++) pushed[k] = fastWorthy ? -3f : 3f; // far along (or against) the check-worthy direction

        var (_, checkWorthy, reasons) = extractor.HybridScore(Sentence, null, pushed);

        Assert.NotEqual(fastWorthy, checkWorthy);
        Assert.Contains(reasons, r => r.Contains("embedding tipped it", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_twice_with_the_same_seed_writes_the_same_file_bytes()
    {
        var data = TrainingData.Sentences().Select((s, i) => s with { Group = $"debate-{i % 4}" }).ToList();
        var embeddings = Embeddings(data);
        byte[] Write(TrainingOptions options)
        {
            using var stream = new MemoryStream();
            ModelTrainer.Run(data, 0, options, embeddings).Trained.Save(stream);
            return stream.ToArray();
        }

        Assert.Equal(Write(Small), Write(Small));
        Assert.NotEqual(Write(Small), Write(Small with { Seed = Small.Seed + 1 })); // the seed is what makes them equal
    }

    /// <summary>The shipped file and the real packaged embedding model, no stubs.</summary>
    [Fact]
    public void The_shipped_model_carries_a_hybrid_part_that_rescores_the_seed_article_with_the_real_embedding()
    {
        var extractor = ClaimExtractor.Default;
        var text = TestDocuments.Text("seed-article.txt");

        Assert.True(extractor.HasHybrid);
        Assert.Equal(FeatureSet.Hybrid, extractor.Model.Hybrid!.FeatureSet);
        Assert.InRange(extractor.Model.Hybrid.Threshold, 0.05, 0.95);
        var fast = extractor.ScoreSentences(text);
        var hybrid = extractor.ScoreSentencesWithEmbedding(text, SentenceEmbedder.Shared);

        TestDocuments.AssertSpans(text, hybrid);
        Assert.Equal(fast.Select(s => (s.Start, s.Length)), hybrid.Select(s => (s.Start, s.Length)));
        Assert.Contains(hybrid, s => s.Segment == SegmentType.Sentence && s.Score != fast.Single(f => f.Start == s.Start).Score);
        Assert.True(TestDocuments.Find(hybrid, "445,581").CheckWorthy);
        Assert.All(hybrid.Where(s => s.CheckWorthy), s => Assert.True(s.Score >= extractor.Model.Hybrid.Threshold));
    }
}
