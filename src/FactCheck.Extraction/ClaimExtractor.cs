namespace FactCheck.Extraction;

/// <summary>
/// The claim-extraction engine: splits text into sentences, scores each with the check-worthiness
/// model, and finds attribution, kind and reasons. Stateless between calls and thread-safe.
/// </summary>
public sealed class ClaimExtractor(CheckWorthinessModel model)
{
    private static readonly Lazy<ClaimExtractor> DefaultInstance = new(() => new ClaimExtractor(CheckWorthinessModel.LoadEmbedded()));

    /// <summary>The extractor with the embedded model, loaded once on first use.</summary>
    public static ClaimExtractor Default => DefaultInstance.Value;

    public CheckWorthinessModel Model => model;

    /// <summary>Every sentence, heading and post signature of <paramref name="text"/> with its score.</summary>
    public IReadOnlyList<ScoredSentence> ScoreSentences(string text) => Score(text, SentenceSplitter.Split(text));

    /// <summary>Each non-blank line as one sentence, unsplit; spans still index into <paramref name="text"/>.</summary>
    public IReadOnlyList<ScoredSentence> ScoreLines(string text) => Score(text, SentenceSplitter.SplitLines(text));

    /// <summary>Only the check-worthy sentences of <paramref name="text"/>.</summary>
    public IReadOnlyList<ScoredSentence> Extract(string text) => ScoreSentences(text).Where(s => s.CheckWorthy).ToList();

    private List<ScoredSentence> Score(string text, IReadOnlyList<TextSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = new List<ScoredSentence>(segments.Count);
        var vector = new FeatureVector();
        string? lastPerson = null;
        foreach (var segment in segments)
        {
            var sentence = text.Substring(segment.Start, segment.Length);
            if (segment.Type == SegmentType.PostSignature)
            {
                results.Add(new ScoredSentence(sentence, segment.Start, segment.Length, 0, false, ClaimKind.Statement,
                    segment.Post?.DisplayName, ["signature of an embedded post"], segment.Type, segment.Post));
                continue;
            }
            var analysis = SentenceAnalysis.Analyze(sentence);
            Featurizer.Featurize(analysis, model.FeatureSet, model.HashBits, vector);
            var score = model.Score(vector);
            if (segment.Type == SegmentType.Heading)
            {
                results.Add(new ScoredSentence(sentence, segment.Start, segment.Length, score, false, ClaimKind.Statement,
                    null, ["a heading, not a sentence"], segment.Type));
                continue;
            }
            var (source, isPerson) = AttributionFinder.Find(analysis, lastPerson);
            if (isPerson)
                lastPerson = source;
            var attribution = segment.Post?.DisplayName ?? source;
            var checkWorthy = score >= model.Threshold;
            results.Add(new ScoredSentence(sentence, segment.Start, segment.Length, score, checkWorthy,
                ClaimKindClassifier.Classify(analysis), attribution,
                ReasonWriter.Explain(analysis, model, checkWorthy, attribution), segment.Type, segment.Post, QuantityExtractor.Extract(sentence)));
        }
        return results;
    }

    /// <summary>Whether the model file carries the hybrid (embedding) model.</summary>
    public bool HasHybrid => model.Hybrid is not null;

    /// <summary>
    /// Every sentence scored by the hybrid model: the fast pass, then each sentence's embedding (in
    /// batches, on <paramref name="embedder"/>) and the rescore. Headings and signatures keep their fast result.
    /// </summary>
    public IReadOnlyList<ScoredSentence> ScoreSentencesWithEmbedding(string text, SentenceEmbedder embedder, bool lines = false)
    {
        var fast = lines ? ScoreLines(text) : ScoreSentences(text);
        if (model.Hybrid is null)
            return fast;
        var scored = fast.Where(s => s.Segment == SegmentType.Sentence).ToList();
        var vectors = new float[scored.Count * SentenceEmbedder.Dimension];
        embedder.Embed(scored.Select(s => s.Text).ToArray(), vectors);
        var rescored = new Dictionary<ScoredSentence, ScoredSentence>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < scored.Count; i++)
            rescored[scored[i]] = Rescore(scored[i], vectors.AsSpan(i * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension));
        return fast.Select(s => rescored.GetValueOrDefault(s, s)).ToList();
    }

    /// <summary>The hybrid score of a sentence the fast pass scored, given its embedding; the fast result when the model has no hybrid part.</summary>
    public ScoredSentence Rescore(ScoredSentence fast, ReadOnlySpan<float> embedding)
    {
        if (model.Hybrid is not { } hybrid || fast.Segment != SegmentType.Sentence)
            return fast;
        var (score, checkWorthy, reasons) = HybridScore(fast.Text, fast.Attribution, embedding);
        return fast with { Score = score, CheckWorthy = checkWorthy, Reasons = reasons };
    }

    /// <summary>
    /// Score, decision and reasons of the hybrid model. Reasons come from the explainable features; when
    /// the fast model alone would have decided otherwise, a reason says the embedding tipped it.
    /// </summary>
    public (double Score, bool CheckWorthy, IReadOnlyList<string> Reasons) HybridScore(string sentence, string? attribution, ReadOnlySpan<float> embedding)
    {
        var hybrid = model.Hybrid ?? throw new InvalidOperationException("This model has no hybrid part.");
        var analysis = SentenceAnalysis.Analyze(sentence);
        var vector = new FeatureVector();
        Featurizer.Featurize(analysis, model.FeatureSet, model.HashBits, vector);
        var fastWorthy = model.Score(vector) >= model.Threshold;
        Featurizer.Featurize(analysis, FeatureSet.Hybrid, hybrid.HashBits, vector, embedding);
        var score = hybrid.Score(vector);
        var checkWorthy = score >= hybrid.Threshold;
        var reasons = ReasonWriter.Explain(analysis, hybrid, checkWorthy, attribution).ToList();
        if (checkWorthy != fastWorthy)
        {
            reasons.Insert(0, checkWorthy
                ? "its meaning is close to claims that were worth checking (the sentence embedding tipped it)"
                : "its meaning is close to sentences that were not claims (the sentence embedding tipped it)");
            if (reasons.Count > ReasonWriter.MaxReasons)
                reasons.RemoveAt(reasons.Count - 1);
        }
        return (score, checkWorthy, reasons);
    }
}
