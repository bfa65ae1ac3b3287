namespace FactCheck.Extraction;

/// <summary>
/// The kind of claim, by the strongest cue: a figure makes a statistic, then comparison, a mostly
/// quoted sentence, causal language, a prediction, a reported event; anything else is a statement.
/// </summary>
internal static class ClaimKindClassifier
{
    public static ClaimKind Classify(SentenceAnalysis analysis)
    {
        if (analysis[ExplainableFeature.Figure] > 0 || analysis[ExplainableFeature.Percentage] > 0 || analysis[ExplainableFeature.Money] > 0)
            return ClaimKind.Statistic;
        if (analysis[ExplainableFeature.Comparison] > 0)
            return ClaimKind.Comparison;
        if (analysis[ExplainableFeature.Quotation] >= 1)
            return ClaimKind.Quote;
        if (analysis[ExplainableFeature.Causal] > 0)
            return ClaimKind.Causal;
        if (analysis[ExplainableFeature.Future] > 0)
            return ClaimKind.Prediction;
        if (analysis[ExplainableFeature.ReportedEvent] > 0 || analysis[ExplainableFeature.Date] > 0)
            return ClaimKind.Event;
        return ClaimKind.Statement;
    }
}
