namespace FactCheck.Extraction;

/// <summary>Which features a model uses: the shipped model, or the plain n-gram baseline it is measured against.</summary>
public enum FeatureSet : byte
{
    /// <summary>Hashed word unigrams and bigrams only.</summary>
    Baseline = 0,

    /// <summary>Hashed n-grams with numbers generalised to their class, plus the explainable features (the fast score).</summary>
    Full = 1,

    /// <summary>The sentence embedding alone (measured, not shipped).</summary>
    Embedding = 2,

    /// <summary>Everything in <see cref="Full"/> plus the sentence embedding: the score shown once the embedding pass has run.</summary>
    Hybrid = 3,
}

/// <summary>A sparse feature vector; reused between sentences to avoid allocating per sentence.</summary>
internal sealed class FeatureVector
{
    public List<int> Indices { get; } = new(64);
    public List<float> Values { get; } = new(64);

    public void Clear()
    {
        Indices.Clear();
        Values.Clear();
    }

    public void Add(int index, float value)
    {
        Indices.Add(index);
        Values.Add(value);
    }
}

/// <summary>
/// Turns a sentence analysis into model features. The explainable features take the first
/// <see cref="SentenceAnalysis.FeatureCount"/> slots; hashed n-grams (FNV-1a, stable across
/// processes, unlike string.GetHashCode) fill a 2^bits table after them.
/// </summary>
internal static class Featurizer
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint SentenceStart = 0x9E3779B9;
    private const uint SentenceEnd = 0x85EBCA6B;

    /// <summary>
    /// Embedding components of a unit vector are about ±1/√384; this brings them to the order of the
    /// other features so the same learning rate and regularisation suit both.
    /// </summary>
    public const float EmbeddingScale = 10f;

    public static int Dimension(int hashBits) => SentenceAnalysis.FeatureCount + (1 << hashBits);

    /// <summary>Weights of a model: the embedding's follow the hashed n-grams.</summary>
    public static int Dimension(int hashBits, FeatureSet set) =>
        Dimension(hashBits) + (UsesEmbedding(set) ? SentenceEmbedder.Dimension : 0);

    public static bool UsesEmbedding(FeatureSet set) => set is FeatureSet.Embedding or FeatureSet.Hybrid;

    /// <summary>Appends the embedding's slots (for <see cref="FeatureSet.Embedding"/> and <see cref="FeatureSet.Hybrid"/>).</summary>
    public static void AddEmbedding(ReadOnlySpan<float> embedding, int hashBits, FeatureVector vector)
    {
        var offset = Dimension(hashBits);
        for (var k = 0; k < embedding.Length; k++)
            vector.Add(offset + k, embedding[k] * EmbeddingScale);
    }

    public static void Featurize(SentenceAnalysis analysis, FeatureSet set, int hashBits, FeatureVector vector, ReadOnlySpan<float> embedding = default)
    {
        vector.Clear();
        if (UsesEmbedding(set))
        {
            if (embedding.Length != SentenceEmbedder.Dimension)
                throw new ArgumentException("This feature set needs the sentence's embedding.", nameof(embedding));
            AddEmbedding(embedding, hashBits, vector);
            if (set == FeatureSet.Embedding)
                return;
        }
        if (set is FeatureSet.Full or FeatureSet.Hybrid)
        {
            var values = analysis.Values;
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                    vector.Add(i, (float)values[i]);
            }
        }

        // n-grams are scaled so a long sentence does not outweigh the explainable features by sheer count.
        var tokens = analysis.Tokens;
        var weight = (float)(1 / Math.Sqrt(2 * tokens.Count + 1));
        var mask = (1 << hashBits) - 1;
        var offset = SentenceAnalysis.FeatureCount;
        var previous = SentenceStart;
        for (var i = 0; i < tokens.Count; i++)
        {
            var hash = TokenHash(analysis, tokens[i], set);
            vector.Add(offset + (int)(Mix(hash, 1) & mask), weight);
            vector.Add(offset + (int)(Mix(previous * FnvPrime ^ hash, 2) & mask), weight);
            previous = hash;
        }
        vector.Add(offset + (int)(Mix(previous * FnvPrime ^ SentenceEnd, 2) & mask), weight);
    }

    private static uint TokenHash(SentenceAnalysis analysis, Token token, FeatureSet set)
    {
        if (set is FeatureSet.Full or FeatureSet.Hybrid && token.Kind == TokenKind.Number)
        {
            // Numbers generalise by class: "445,581" and "1,057" are the same kind of evidence.
            var digits = analysis.Lower.AsSpan(token.Start, token.Length);
            var shape = token.Number switch
            {
                NumberClass.Year => "<year>",
                NumberClass.Ordinal => "<ordinal>",
                NumberClass.DayOfMonth => "<day>",
                NumberClass.PartOfName => "<name-number>",
                _ when digits.Contains(',') || digits.Length >= 4 => "<large-number>",
                _ when digits.Contains('.') => "<decimal>",
                _ => "<number>",
            };
            return Fnv(shape);
        }
        return Fnv(analysis.Lower.AsSpan(token.Start, token.Length));
    }

    private static uint Fnv(ReadOnlySpan<char> text)
    {
        var hash = FnvOffset;
        foreach (var c in text)
        {
            hash = (hash ^ (c == '\u2019' ? '\'' : c)) * FnvPrime;
        }
        return hash;
    }

    /// <summary>Final avalanche (murmur3 fmix32) so the low bits used by the mask are well spread.</summary>
    private static uint Mix(uint hash, uint salt)
    {
        hash ^= salt * 0x27D4EB2F;
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }
}
