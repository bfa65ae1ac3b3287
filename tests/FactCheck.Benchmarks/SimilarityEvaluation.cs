using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FactCheck.Extraction;

namespace FactCheck.Benchmarks;

/// <summary>
/// Measures <see cref="ClaimSimilarityIndex"/> on ClaimBuster's sentences of eight words or more (check-worthy
/// or not, so the library has many near neighbours of each claim): every second one is indexed; each indexed sentence is looked up again after deterministic rewording
/// (recall, and MAP@5: the mean of 1/rank of the original when it is in the top 5), and each sentence
/// left out is looked up as an unrelated claim (false matches). Both lexical scorings are measured,
/// words alone and, when an embedding cache from `factcheck train --embedding-cache` is given, with
/// the embedding (the library's embeddings from the cache, a sample of reworded queries embedded here).
/// </summary>
internal static partial class SimilarityEvaluation
{
    private const int Top = 5;

    public static void Run(string dataPath, double threshold, string? embeddingCache = null, int embeddedQueries = 1000)
    {
        var data = ClaimBusterDataset.Load(dataPath);
        var claims = data
            .Where(s => s.Text.Count(c => c == ' ') >= 7)
            .Select(s => s.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var indexed = claims.Where((_, i) => i % 2 == 0).ToList();
        var held = claims.Where((_, i) => i % 2 == 1).ToList();
        var cached = embeddingCache is null ? null : CachedEmbeddings(data, embeddingCache);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {indexed.Count} claims; threshold {threshold:F2}; MAP@{Top} over reworded copies."));
        foreach (var (name, reword) in new (string, Func<string, int, string>)[] { ("light rewording", Reword), ("heavy rewording", RewordHeavily) })
        {
            foreach (var scoring in Enum.GetValues<LexicalScoring>())
            {
                var index = new ClaimSimilarityIndex(scoring);
                for (var i = 0; i < indexed.Count; i++)
                    index.Add(i, indexed[i]);
                Report($"{name}, {scoring}, words only", index, indexed, held, reword, threshold);
            }
        }
        if (cached is null)
            return;
        // The library with its embeddings; a fixed sample of queries embedded here (the model is the slow part).
        var sample = Enumerable.Range(0, indexed.Count).Where(i => i % Math.Max(1, indexed.Count / embeddedQueries) == 0).Take(embeddedQueries).ToList();
        foreach (var (name, reword) in new (string, Func<string, int, string>)[] { ("light rewording", Reword), ("heavy rewording", RewordHeavily) })
        {
            var queries = sample.Select(i => reword(indexed[i], i)).ToArray();
            var vectors = new float[queries.Length * SentenceEmbedder.Dimension];
            SentenceEmbedder.Shared.Embed(queries, vectors);
            foreach (var scoring in Enum.GetValues<LexicalScoring>())
            {
                var index = new ClaimSimilarityIndex(scoring);
                for (var i = 0; i < indexed.Count; i++)
                    index.Add(i, indexed[i], cached[indexed[i]]);
                double sum = 0;
                var found = 0;
                for (var q = 0; q < sample.Count; q++)
                {
                    var top = index.FindSimilar(queries[q], 0, Top, vectors.AsSpan(q * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension));
                    var rank = top.ToList().FindIndex(m => m.ClaimId == sample[q]);
                    if (rank >= 0) sum += 1.0 / (rank + 1);
                    if (rank == 0 && top[0].Similarity >= threshold) found++;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}, {scoring}, embedding + words ({sample.Count} queries): MAP@{Top} {sum / sample.Count:F3}, top match is the original at the threshold {(double)found / sample.Count:P1}"));
            }
        }
    }

    private static void Report(string label, ClaimSimilarityIndex index, List<string> indexed, List<string> held, Func<string, int, string> reword, double threshold)
    {
        var found = 0;
        double sum = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < indexed.Count; i++)
        {
            var top = index.FindSimilar(reword(indexed[i], i), 0, Top);
            var rank = top.ToList().FindIndex(m => m.ClaimId == i);
            if (rank >= 0) sum += 1.0 / (rank + 1);
            if (rank == 0 && top[0].Similarity >= threshold) found++;
        }
        var falseMatches = held.Count(h => index.FindSimilar(h, threshold, 1).Count > 0);
        var perQuery = watch.Elapsed.TotalMilliseconds / (indexed.Count + held.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: MAP@{Top} {sum / indexed.Count:F3}, top match is the original at the threshold {(double)found / indexed.Count:P1}, "
            + $"unrelated claims matched {(double)falseMatches / held.Count:P1}, {perQuery:F3} ms a lookup"));
    }

    /// <summary>The embeddings `factcheck train` cached for the data set (SHA-256 of the texts, then one float row per sentence), by text.</summary>
    private static Dictionary<string, byte[]> CachedEmbeddings(IReadOnlyList<LabelledSentence> data, string path)
    {
        var bytes = File.ReadAllBytes(path);
        const int Key = 32;
        if (bytes.Length != Key + data.Count * SentenceEmbedder.Dimension * 4)
            throw new InvalidDataException($"{path} is not the embedding cache of this data set.");
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var row = new float[SentenceEmbedder.Dimension];
        for (var i = 0; i < data.Count; i++)
        {
            Buffer.BlockCopy(bytes, Key + i * SentenceEmbedder.Dimension * 4, row, 0, SentenceEmbedder.Dimension * 4);
            result.TryAdd(data[i].Text, EmbeddingCodec.Encode(row));
        }
        return result;
    }

    /// <summary>What a second outlet does to the same claim: case and punctuation, a dropped word, a reporting tag, a different number format.</summary>
    private static string Reword(string claim, int seed)
    {
        var text = NumberSeparator().Replace(claim, "$1$2");
        text = text.Replace(" percent", "%", StringComparison.OrdinalIgnoreCase);
        var words = text.Split(' ').ToList();
        if (words.Count > 8)
            words.RemoveAt(1 + seed % (words.Count - 2));
        text = string.Join(' ', words);
        return (seed % 3) switch
        {
            0 => $"According to reports, {text.ToLowerInvariant()}",
            1 => $"{text.TrimEnd('.')}, the candidate said.",
            _ => text.Replace(",", "", StringComparison.Ordinal),
        };
    }

    /// <summary>A looser retelling: the light rewording, then every third word dropped and a framing clause added.</summary>
    private static string RewordHeavily(string claim, int seed)
    {
        var words = Reword(claim, seed).Split(' ').Where((_, i) => i % 3 != 2);
        return $"Social media posts claim that {string.Join(' ', words).TrimEnd('.')}, a viral message says.";
    }

    [GeneratedRegex(@"(\d),(\d{3})")]
    private static partial Regex NumberSeparator();
}
