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
                ReasonWriter.Explain(analysis, model, checkWorthy, attribution), segment.Type, segment.Post));
        }
        return results;
    }
}
