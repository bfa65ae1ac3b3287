namespace FactCheck.Extraction;

/// <summary>What kind of claim a sentence makes; drives how a reviewer checks it.</summary>
public enum ClaimKind
{
    Statement = 0,
    Statistic = 1,
    Quote = 2,
    Event = 3,
    Causal = 4,
    Comparison = 5,
    Prediction = 6,
}

/// <summary>
/// One sentence of a document with its check-worthiness. <see cref="Start"/> and <see cref="Length"/>
/// index into the text passed to the extractor, so the document view can highlight the exact span.
/// <see cref="Segment"/> tells headings and embedded-post signatures (never check-worthy) from
/// sentences; <see cref="Post"/> is set for the sentences of an embedded social post.
/// </summary>
public sealed record ScoredSentence(
    string Text,
    int Start,
    int Length,
    double Score,
    bool CheckWorthy,
    ClaimKind Kind,
    string? Attribution,
    IReadOnlyList<string> Reasons,
    SegmentType Segment = SegmentType.Sentence,
    EmbeddedPost? Post = null,
    IReadOnlyList<Quantity>? Quantities = null)
{
    /// <summary>The numbers the sentence states with what they count (see <see cref="QuantityExtractor"/>).</summary>
    public IReadOnlyList<Quantity> Quantities { get; init; } = Quantities ?? [];
}

/// <summary>Input the extractor cannot read: the message is shown to the user as it is.</summary>
public sealed class DocumentReadException(string message) : Exception(message);
