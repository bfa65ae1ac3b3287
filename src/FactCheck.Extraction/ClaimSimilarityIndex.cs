using System.Collections.Frozen;
using System.Numerics.Tensors;

namespace FactCheck.Extraction;

/// <summary>An existing claim similar to the one looked up, with its combined similarity 0..1.</summary>
public sealed record SimilarClaim(int ClaimId, double Similarity);

/// <summary>How the index scores shared words (the lexical half of the similarity).</summary>
public enum LexicalScoring
{
    /// <summary>Cosine of TF-IDF word vectors.</summary>
    TfIdfCosine,

    /// <summary>Okapi BM25 (k1 1.2, b 0.75), divided by the score the query would get against itself so it stays on 0..1.</summary>
    Bm25,
}

/// <summary>
/// Matching of claims by meaning and by words. Each claim has a sentence embedding (see
/// <see cref="SentenceEmbedder"/>), kept as int8 in one contiguous array (384 bytes and a scale per
/// claim, see <see cref="EmbeddingCodec"/>), and its normalised words (lower case, stop words removed,
/// plural and tense endings trimmed, digit separators dropped so "445,581" matches "445581") scored
/// with BM25 (or a TF-IDF cosine, see <see cref="LexicalScoring"/>; BM25 ranks better, docs/benchmarks.md).
/// The similarity is <see cref="Combine"/>d from the embedding cosine and the word score; a claim or a query without an embedding yet is matched by words alone,
/// so the index answers before the embedding pass has run. Lookups may run concurrently; changes
/// take an exclusive lock, so the index can grow while in use.
/// </summary>
public sealed class ClaimSimilarityIndex(LexicalScoring lexicalScoring = ClaimSimilarityIndex.DefaultLexicalScoring)
{
    /// <summary>The lexical scoring the app uses: the one with the better MAP@5 in docs/benchmarks.md.</summary>
    public const LexicalScoring DefaultLexicalScoring = LexicalScoring.Bm25;

    private const double K1 = 1.2, B = 0.75;

    public LexicalScoring LexicalScoring => lexicalScoring;

    /// <summary>Share of the embedding in the combined similarity (measured in docs/extraction.md).</summary>
    public const double EmbeddingWeight = 0.6;

    /// <summary>
    /// The model's cosine between unrelated sentences is high (0.75-0.8 for arctic-embed-xs), paraphrases
    /// 0.85-0.95: the cosine is rescaled from this floor over <see cref="EmbeddingSpan"/> to 0..1 so the
    /// combined similarity keeps the word cosine's scale (and its near-duplicate threshold, 0.6).
    /// </summary>
    public const double EmbeddingFloor = 0.7;
    public const double EmbeddingSpan = 0.25;

    /// <summary>
    /// Meaning and words together; never below the word similarity alone, so a reworded copy found by its
    /// words is still found with embeddings, and a paraphrase with few shared words is found by meaning.
    /// </summary>
    public static double Combine(double cosine, double words)
    {
        var meaning = Math.Clamp((cosine - EmbeddingFloor) / EmbeddingSpan, 0, 1);
        return Math.Max(words, EmbeddingWeight * meaning + (1 - EmbeddingWeight) * words);
    }

    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "there", "their", "they",
        "he", "she", "his", "her", "we", "our", "you", "your", "i", "my", "which", "who", "whom", "than", "then", "so", "such", "also",
        "into", "over", "about", "after", "before", "said", "says", "say", "according", "will", "would", "can", "could", "do", "does", "did",
    ], StringComparer.Ordinal);

    private readonly ReaderWriterLockSlim gate = new();

    // One slot per claim; a removed claim's slot is left empty (id -1) and reused by nothing: the
    // arrays only grow, which keeps slot numbers in the postings valid without rewriting them.
    private readonly Dictionary<int, int> slotOfClaim = [];
    private readonly List<int> claimOfSlot = [];
    private readonly List<int[]> termsOfSlot = []; // term id << 8 | count (at most 255)
    private sbyte[] embeddings = new sbyte[1024 * EmbeddingCodec.Dimension];
    private float[] scales = new float[1024]; // 0 = no embedding yet
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<List<int>> postings = []; // slots per term id
    private long totalTerms; // words of every indexed claim, for BM25's average length

    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try { return slotOfClaim.Count; }
            finally { gate.ExitReadLock(); }
        }
    }

    /// <summary>Claims that have an embedding.</summary>
    public int EmbeddedCount
    {
        get
        {
            gate.EnterReadLock();
            try { return slotOfClaim.Values.Count(slot => scales[slot] != 0); }
            finally { gate.ExitReadLock(); }
        }
    }

    /// <summary>Bytes held by the index's arrays (embeddings, scales, terms, postings; an estimate for the term strings).</summary>
    public long ApproximateBytes
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                long bytes = embeddings.Length + scales.Length * 4L + claimOfSlot.Count * 4L + slotOfClaim.Count * 12L;
                foreach (var terms in termsOfSlot) bytes += 24 + terms.Length * 4L;
                foreach (var list in postings) bytes += 32 + list.Capacity * 4L;
                foreach (var term in termIds.Keys) bytes += 40 + term.Length * 2L;
                return bytes;
            }
            finally { gate.ExitReadLock(); }
        }
    }

    /// <summary>Adds a claim, replacing any earlier text with the same id. The embedding may come later (<see cref="SetEmbedding"/>).</summary>
    public void Add(int claimId, string text, ReadOnlySpan<float> embedding = default) =>
        Add(claimId, text, embedding.IsEmpty ? default : EmbeddingCodec.Encode(embedding));

    /// <summary>Adds a claim with an embedding already in its stored (int8) form.</summary>
    public void Add(int claimId, string text, ReadOnlySpan<byte> encodedEmbedding)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = TermCounts(text);
        gate.EnterWriteLock();
        try
        {
            RemoveLocked(claimId);
            var slot = claimOfSlot.Count;
            claimOfSlot.Add(claimId);
            slotOfClaim[claimId] = slot;
            var terms = new int[counts.Count];
            var k = 0;
            foreach (var (term, count) in counts)
            {
                if (!termIds.TryGetValue(term, out var id))
                {
                    termIds[term] = id = postings.Count;
                    postings.Add([]);
                }
                postings[id].Add(slot);
                terms[k++] = id << 8 | Math.Min(count, 255);
                totalTerms += Math.Min(count, 255);
            }
            termsOfSlot.Add(terms);
            EnsureCapacity(slot + 1);
            if (!encodedEmbedding.IsEmpty)
                scales[slot] = EmbeddingCodec.Decode(encodedEmbedding, embeddings.AsSpan(slot * EmbeddingCodec.Dimension, EmbeddingCodec.Dimension));
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Gives a claim already in the index its embedding (stored form). Returns false when the claim is not indexed.</summary>
    public bool SetEmbedding(int claimId, ReadOnlySpan<byte> encodedEmbedding)
    {
        gate.EnterWriteLock();
        try
        {
            if (!slotOfClaim.TryGetValue(claimId, out var slot))
                return false;
            scales[slot] = EmbeddingCodec.Decode(encodedEmbedding, embeddings.AsSpan(slot * EmbeddingCodec.Dimension, EmbeddingCodec.Dimension));
            return true;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    public bool Contains(int claimId)
    {
        gate.EnterReadLock();
        try { return slotOfClaim.ContainsKey(claimId); }
        finally { gate.ExitReadLock(); }
    }

    public void Remove(int claimId)
    {
        gate.EnterWriteLock();
        try { RemoveLocked(claimId); }
        finally { gate.ExitWriteLock(); }
    }

    private void RemoveLocked(int claimId)
    {
        if (!slotOfClaim.Remove(claimId, out var slot))
            return;
        foreach (var packed in termsOfSlot[slot])
        {
            postings[packed >> 8].Remove(slot);
            totalTerms -= packed & 0xFF;
        }
        termsOfSlot[slot] = [];
        claimOfSlot[slot] = -1;
        scales[slot] = 0;
    }

    private void EnsureCapacity(int slots)
    {
        if (scales.Length >= slots)
            return;
        var capacity = Math.Max(slots, scales.Length * 2);
        Array.Resize(ref scales, capacity);
        Array.Resize(ref embeddings, capacity * EmbeddingCodec.Dimension);
    }

    /// <summary>
    /// Claims whose similarity to <paramref name="text"/> is at least <paramref name="minSimilarity"/>, most
    /// similar first. With <paramref name="queryEmbedding"/> (normalised, from <see cref="SentenceEmbedder"/>)
    /// claims are also matched by meaning; without it, by words alone.
    /// </summary>
    public IReadOnlyList<SimilarClaim> FindSimilar(string text, double minSimilarity = 0.6, int max = 5, ReadOnlySpan<float> queryEmbedding = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var query = TermCounts(text);
        if (query.Count == 0 && queryEmbedding.IsEmpty)
            return [];
        sbyte[]? quantizedQuery = null;
        if (!queryEmbedding.IsEmpty)
        {
            quantizedQuery = new sbyte[EmbeddingCodec.Dimension];
            EmbeddingCodec.Quantize(queryEmbedding, quantizedQuery, out var queryScale);
            return Search(query, quantizedQuery, queryScale, minSimilarity, max);
        }
        return Search(query, null, 0, minSimilarity, max);
    }

    private List<SimilarClaim> Search(Dictionary<string, int> query, sbyte[]? queryVector, float queryScale, double minSimilarity, int max)
    {
        gate.EnterReadLock();
        try
        {
            var lexical = LexicalScores(query);
            var results = new List<SimilarClaim>();
            void Consider(int slot, double similarity)
            {
                if (similarity >= minSimilarity)
                    results.Add(new SimilarClaim(claimOfSlot[slot], Math.Clamp(similarity, 0, 1)));
            }
            if (queryVector is null)
            {
                foreach (var (slot, score) in lexical) Consider(slot, score);
            }
            else
            {
                var queryRow = queryVector.AsSpan();
                for (var slot = 0; slot < claimOfSlot.Count; slot++)
                {
                    if (claimOfSlot[slot] < 0)
                        continue;
                    lexical.TryGetValue(slot, out var words);
                    var scale = scales[slot];
                    if (scale == 0)
                    {
                        Consider(slot, words);
                        continue;
                    }
                    var cosine = EmbeddingCodec.Dot(queryRow, embeddings.AsSpan(slot * EmbeddingCodec.Dimension, EmbeddingCodec.Dimension)) * queryScale * scale;
                    Consider(slot, Combine(cosine, words));
                }
            }
            results.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.ClaimId.CompareTo(b.ClaimId));
            return results.Count > max ? results[..max] : results;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>The lexical similarity (0..1) of the query with every slot sharing a word with it. Runs under the read lock.</summary>
    private Dictionary<int, double> LexicalScores(Dictionary<string, int> query) =>
        lexicalScoring == LexicalScoring.Bm25 ? Bm25Scores(query) : CosineScores(query);

    /// <summary>
    /// BM25 of the query against each slot, over the BM25 of the query against itself (a claim with exactly
    /// the query's words scores about 1; a long claim that contains them all scores less, as with the cosine).
    /// </summary>
    private Dictionary<int, double> Bm25Scores(Dictionary<string, int> query)
    {
        var total = slotOfClaim.Count;
        var scores = new Dictionary<int, double>();
        if (total == 0)
            return scores;
        var averageLength = Math.Max(1, (double)totalTerms / total);
        var queryLength = query.Values.Sum();
        double self = 0;
        foreach (var (term, count) in query)
        {
            var frequency = termIds.TryGetValue(term, out var id) ? postings[id].Count : 0;
            var idf = Math.Log(1 + (total - frequency + 0.5) / (frequency + 0.5));
            self += idf * Saturate(count, queryLength, averageLength);
            if (frequency == 0)
                continue;
            foreach (var slot in postings[id])
            {
                var terms = termsOfSlot[slot];
                scores.TryGetValue(slot, out var sum);
                scores[slot] = sum + idf * Saturate(CountOf(terms, id), Length(terms), averageLength);
            }
        }
        foreach (var slot in scores.Keys.ToList())
            scores[slot] = self <= 0 ? 0 : Math.Min(1, scores[slot] / self);
        return scores;
    }

    private static double Saturate(int count, int length, double averageLength) =>
        count * (K1 + 1) / (count + K1 * (1 - B + B * length / averageLength));

    private static int Length(int[] terms)
    {
        var length = 0;
        foreach (var packed in terms) length += packed & 0xFF;
        return length;
    }

    /// <summary>TF-IDF cosine of the query with every slot sharing a word with it.</summary>
    private Dictionary<int, double> CosineScores(Dictionary<string, int> query)
    {
        var total = slotOfClaim.Count;
        var dots = new Dictionary<int, double>();
        double queryNorm = 0;
        foreach (var (term, count) in query)
        {
            if (!termIds.TryGetValue(term, out var id) || postings[id].Count == 0)
            {
                // A word no claim has still counts against similarity, at the rarest weight.
                var unseen = count * Idf(0, total);
                queryNorm += unseen * unseen;
                continue;
            }
            var list = postings[id];
            var idf = Idf(list.Count, total);
            var weight = count * idf;
            queryNorm += weight * weight;
            foreach (var slot in list)
            {
                dots.TryGetValue(slot, out var dot);
                dots[slot] = dot + weight * CountOf(termsOfSlot[slot], id) * idf;
            }
        }
        queryNorm = Math.Sqrt(queryNorm);
        foreach (var slot in dots.Keys.ToList())
            dots[slot] = Math.Min(1, dots[slot] / (queryNorm * Norm(termsOfSlot[slot], total)));
        return dots;
    }

    private static int CountOf(int[] terms, int id)
    {
        foreach (var packed in terms)
        {
            if (packed >> 8 == id)
                return packed & 0xFF;
        }
        return 0;
    }

    private double Norm(int[] terms, int total)
    {
        double sum = 0;
        foreach (var packed in terms)
        {
            var weight = (packed & 0xFF) * Idf(postings[packed >> 8].Count, total);
            sum += weight * weight;
        }
        return Math.Sqrt(sum);
    }

    private static double Idf(int documentFrequency, int total) => Math.Log((total + 1.0) / (documentFrequency + 1.0)) + 1;

    /// <summary>The normalised words of a claim with their counts.</summary>
    internal static Dictionary<string, int> TermCounts(string text)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var word = new System.Text.StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            // Separators inside numbers ("445,581", "3.5") and apostrophes inside words ("Gaza's") join.
            if (c is ',' or '.' or '\'' or '\u2019' && word.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])
                && (c is '\'' or '\u2019' || char.IsDigit(text[i + 1]) && char.IsDigit(text[i - 1])))
            {
                if (c == '.')
                    word.Append('.');
                continue;
            }
            if (word.Length == 0)
                continue;
            var term = Stem(word.ToString());
            word.Clear();
            if (StopWords.Contains(term))
                continue;
            terms[term] = terms.GetValueOrDefault(term) + 1;
        }
        return terms;
    }

    /// <summary>A light suffix stripper: enough to match "hospitals"/"hospital" and "killed"/"kill", not a full stemmer.</summary>
    private static string Stem(string word)
    {
        if (word.Length <= 3 || char.IsDigit(word[0]))
            return word;
        if (word.EndsWith("'s", StringComparison.Ordinal))
            word = word[..^2];
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            return word[..^3] + "y";
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
            return word[..^3];
        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
            return word[..^2];
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 3)
            return word[..^1];
        return word;
    }
}

/// <summary>
/// The stored form of an embedding: 384 signed bytes (each component / scale, rounded) followed by the
/// float scale, 388 bytes in all (a float32 vector takes 1,536). The loss on cosine similarity is below
/// 0.01 (tested), far under the differences matching relies on.
/// </summary>
public static class EmbeddingCodec
{
    public const int Dimension = SentenceEmbedder.Dimension;
    public const int EncodedLength = Dimension + sizeof(float);

    public static byte[] Encode(ReadOnlySpan<float> embedding)
    {
        var encoded = new byte[EncodedLength];
        Quantize(embedding, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(encoded.AsSpan(0, Dimension)), out var scale);
        BitConverter.TryWriteBytes(encoded.AsSpan(Dimension), scale);
        return encoded;
    }

    /// <summary>Copies the int8 components into <paramref name="target"/> and returns the scale (0 for a malformed value).</summary>
    public static float Decode(ReadOnlySpan<byte> encoded, Span<sbyte> target)
    {
        if (encoded.Length != EncodedLength)
            return 0;
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(encoded[..Dimension]).CopyTo(target);
        return BitConverter.ToSingle(encoded[Dimension..]);
    }

    public static float[] ToFloats(ReadOnlySpan<byte> encoded)
    {
        var values = new sbyte[Dimension];
        var scale = Decode(encoded, values);
        var result = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
            result[i] = values[i] * scale;
        return result;
    }

    internal static void Quantize(ReadOnlySpan<float> embedding, Span<sbyte> target, out float scale)
    {
        if (embedding.Length != Dimension)
            throw new ArgumentException($"An embedding has {Dimension} components.", nameof(embedding));
        var max = TensorPrimitives.MaxMagnitude(embedding);
        scale = max == 0 ? 1e-9f : Math.Abs(max) / 127f;
        for (var i = 0; i < Dimension; i++)
            target[i] = (sbyte)Math.Clamp(MathF.Round(embedding[i] / scale), -127, 127);
    }

    internal static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        // Widen to 16 bits for the products, then to 32 bits for the sum: exact and vectorised.
        var sum = 0;
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var width = System.Numerics.Vector<sbyte>.Count;
            var total = System.Numerics.Vector<int>.Zero;
            for (; i + width <= a.Length; i += width)
            {
                var va = new System.Numerics.Vector<sbyte>(a[i..]);
                var vb = new System.Numerics.Vector<sbyte>(b[i..]);
                System.Numerics.Vector.Widen(va, out var aLow, out var aHigh);
                System.Numerics.Vector.Widen(vb, out var bLow, out var bHigh);
                System.Numerics.Vector.Widen(aLow * bLow, out var p1, out var p2);
                System.Numerics.Vector.Widen(aHigh * bHigh, out var p3, out var p4);
                total += p1 + p2 + p3 + p4;
            }
            sum = System.Numerics.Vector.Sum(total);
        }
        for (; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
