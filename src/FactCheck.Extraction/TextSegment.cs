namespace FactCheck.Extraction;

/// <summary>What a span of a document is, before any scoring.</summary>
public enum SegmentType
{
    /// <summary>A sentence of running text (including one inside an embedded post).</summary>
    Sentence = 0,

    /// <summary>A short line without final punctuation, such as "Attack on Hospitals": scored, never check-worthy.</summary>
    Heading = 1,

    /// <summary>The boilerplate that closes an embedded social post ("pic.twitter.com/… — Name (@handle) date"): never a claim.</summary>
    PostSignature = 2,
}

/// <summary>A social media post quoted in a document, identified by its closing signature.</summary>
public sealed record EmbeddedPost(string Author, string? Handle, DateOnly? PostedOn)
{
    /// <summary>How the post's author is shown as the attribution of its sentences.</summary>
    public string DisplayName => Handle is null ? Author : $"{Author} ({Handle})";
}

/// <summary>A span of a document: <c>text.Substring(Start, Length)</c> is the segment's text.</summary>
public readonly record struct TextSegment(int Start, int Length, SegmentType Type, EmbeddedPost? Post = null)
{
    public int End => Start + Length;
}
