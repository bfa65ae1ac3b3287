namespace FactCheck.Extraction;

/// <summary>
/// Explains a score in words a reviewer understands: the explainable features that pushed the
/// score up (for a claim) or down (for a sentence that is not one), strongest first, at most three.
/// </summary>
internal static class ReasonWriter
{
    public const int MaxReasons = 3;

    public static IReadOnlyList<string> Explain(SentenceAnalysis analysis, CheckWorthinessModel model, bool checkWorthy, string? attribution)
    {
        var candidates = new List<(double Contribution, string Reason)>(8);
        for (var i = 0; i < SentenceAnalysis.FeatureCount; i++)
        {
            var feature = (ExplainableFeature)i;
            var value = analysis[feature];
            if (value == 0)
                continue;
            var contribution = value * model.ExplainableWeight(feature);
            if (checkWorthy ? contribution <= 0 : contribution >= 0)
                continue;
            // The attribution reason below already names the source.
            if (attribution is not null && (feature is ExplainableFeature.AttributionVerb or ExplainableFeature.AccordingTo
                || feature == ExplainableFeature.NamedEntities && attribution.Contains(analysis.FirstEntity ?? attribution, StringComparison.Ordinal)))
                continue;
            var reason = checkWorthy ? Positive(feature, analysis) : Negative(feature, analysis);
            if (reason is not null && !candidates.Exists(c => c.Reason == reason))
                candidates.Add((Math.Abs(contribution), reason));
        }
        candidates.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        var reasons = candidates.Select(c => c.Reason).ToList();
        // Who stands behind a claim is what a fact-checker verifies first, so it is always shown.
        if (checkWorthy && attribution is not null)
            reasons.Insert(Math.Min(1, reasons.Count), $"attributed to {attribution}");
        if (reasons.Count > MaxReasons)
            reasons.RemoveRange(MaxReasons, reasons.Count - MaxReasons);
        return reasons;
    }

    private static string? Positive(ExplainableFeature feature, SentenceAnalysis analysis) => feature switch
    {
        ExplainableFeature.Figure or ExplainableFeature.LargeFigure => analysis.FigureText is { } figure ? $"states a figure: {figure}" : "states a figure",
        ExplainableFeature.Percentage => analysis.PercentageText is { } percentage ? $"gives a percentage: {percentage}" : "gives a percentage",
        ExplainableFeature.Money => analysis.MoneyText is { } money ? $"states an amount of money: {money}" : "states an amount of money",
        ExplainableFeature.Date => analysis.DateText is { } date ? $"gives a date: {date}" : "gives a date",
        ExplainableFeature.Comparison => "compares quantities",
        ExplainableFeature.NamedEntities => analysis.FirstEntity is { } entity ? $"names {entity}" : null,
        ExplainableFeature.Causal => analysis.CausalCue is { } cause ? $"states a cause (\"{cause}\")" : "states a cause",
        ExplainableFeature.ReportedEvent => "reports an event",
        ExplainableFeature.Quotation => "quotes a source",
        ExplainableFeature.Future => "makes a prediction",
        ExplainableFeature.AttributionVerb or ExplainableFeature.AccordingTo => "cites a source",
        _ => null,
    };

    private static string? Negative(ExplainableFeature feature, SentenceAnalysis analysis) => feature switch
    {
        ExplainableFeature.Opinion => analysis.OpinionCue is { } cue ? $"expresses an opinion (\"{cue}\")" : "expresses an opinion",
        ExplainableFeature.Question => "asks a question",
        ExplainableFeature.Hedge => analysis.HedgeCue is { } hedge ? $"hedges (\"{hedge}\")" : "hedges",
        ExplainableFeature.FirstPerson => "speaks in the first person",
        ExplainableFeature.SecondPerson => "addresses the reader",
        ExplainableFeature.ShortSentence => "too short to state a checkable fact",
        ExplainableFeature.Future => "speculates about the future",
        _ => null,
    };
}
