using System.Collections.Frozen;

namespace FactCheck.Extraction;

/// <summary>An existing claim similar to the one looked up, with cosine similarity 0..1.</summary>
public sealed record SimilarClaim(int ClaimId, double Similarity);

/// <summary>
/// Near-duplicate matching of claims by TF-IDF cosine over normalised words (lower case, stop
/// words removed, plural and tense endings trimmed, digit separators dropped so "445,581" matches
/// "445581"). An inverted index limits each lookup to claims sharing a word. Lookups may run
/// concurrently; <see cref="Add"/> takes an exclusive lock, so the index can also grow while in use.
/// </summary>
public sealed class ClaimSimilarityIndex
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "there", "their", "they",
        "he", "she", "his", "her", "we", "our", "you", "your", "i", "my", "which", "who", "whom", "than", "then", "so", "such", "also",
        "into", "over", "about", "after", "before", "said", "says", "say", "according", "will", "would", "can", "could", "do", "does", "did",
    ], StringComparer.Ordinal);

    private readonly ReaderWriterLockSlim gate = new();
    private readonly Dictionary<string, List<int>> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Dictionary<string, int>> claims = [];

    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try { return claims.Count; }
            finally { gate.ExitReadLock(); }
        }
    }

    /// <summary>Adds a claim, replacing any earlier text with the same id.</summary>
    public void Add(int claimId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = TermCounts(text);
        gate.EnterWriteLock();
        try
        {
            if (claims.TryGetValue(claimId, out var previous))
            {
                foreach (var term in previous.Keys)
                    postings[term].Remove(claimId);
            }
            claims[claimId] = terms;
            foreach (var term in terms.Keys)
            {
                if (!postings.TryGetValue(term, out var list))
                    postings[term] = list = [];
                list.Add(claimId);
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Claims whose similarity to <paramref name="text"/> is at least <paramref name="minSimilarity"/>, most similar first.</summary>
    public IReadOnlyList<SimilarClaim> FindSimilar(string text, double minSimilarity = 0.6, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var query = TermCounts(text);
        if (query.Count == 0)
            return [];
        gate.EnterReadLock();
        try
        {
            var total = claims.Count;
            var dots = new Dictionary<int, double>();
            double queryNorm = 0;
            foreach (var (term, count) in query)
            {
                if (!postings.TryGetValue(term, out var list) || list.Count == 0)
                {
                    // A word no claim has still counts against similarity, at the rarest weight.
                    var unseen = count * Idf(0, total);
                    queryNorm += unseen * unseen;
                    continue;
                }
                var idf = Idf(list.Count, total);
                var weight = count * idf;
                queryNorm += weight * weight;
                foreach (var claimId in list)
                {
                    dots.TryGetValue(claimId, out var dot);
                    dots[claimId] = dot + weight * claims[claimId][term] * idf;
                }
            }
            queryNorm = Math.Sqrt(queryNorm);
            var results = new List<SimilarClaim>();
            foreach (var (claimId, dot) in dots)
            {
                var similarity = dot / (queryNorm * Norm(claims[claimId], total));
                if (similarity >= minSimilarity)
                    results.Add(new SimilarClaim(claimId, Math.Min(1, similarity)));
            }
            results.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.ClaimId.CompareTo(b.ClaimId));
            return results.Count > max ? results[..max] : results;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    private double Norm(Dictionary<string, int> terms, int total)
    {
        double sum = 0;
        foreach (var (term, count) in terms)
        {
            var weight = count * Idf(postings[term].Count, total);
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
