using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FactCheck.Extraction;

namespace FactCheck.Benchmarks;

/// <summary>
/// Measures <see cref="ClaimSimilarityIndex"/> on ClaimBuster's check-worthy sentences: every
/// second one is indexed; each indexed sentence is looked up again after deterministic rewording
/// (recall), and each sentence left out is looked up as an unrelated claim (false matches).
/// </summary>
internal static partial class SimilarityEvaluation
{
    public static void Run(string dataPath, double threshold)
    {
        var claims = ClaimBusterDataset.Load(dataPath)
            .Where(s => s.CheckWorthy && s.Text.Count(c => c == ' ') >= 7)
            .Select(s => s.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var indexed = claims.Where((_, i) => i % 2 == 0).ToList();
        var held = claims.Where((_, i) => i % 2 == 1).ToList();
        var index = new ClaimSimilarityIndex();
        for (var i = 0; i < indexed.Count; i++)
            index.Add(i, indexed[i]);

        var found = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < indexed.Count; i++)
        {
            var top = index.FindSimilar(Reword(indexed[i], i), threshold, 1);
            if (top.Count == 1 && top[0].ClaimId == i)
                found++;
        }
        var falseMatches = held.Where(h => index.FindSimilar(h, threshold, 1).Count > 0).ToList();
        foreach (var example in falseMatches.Take(3))
            Console.WriteLine($"  matched: \"{example}\" ~ \"{indexed[index.FindSimilar(example, threshold, 1)[0].ClaimId]}\"");
        var perQuery = watch.Elapsed.TotalMilliseconds / (indexed.Count + held.Count);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Indexed {indexed.Count} claims; threshold {threshold:F2}.\n"
            + $"Reworded duplicates found (top match is the original): {found}/{indexed.Count} = {(double)found / indexed.Count:P1}\n"
            + $"Unrelated claims matched anyway: {falseMatches.Count}/{held.Count} = {(double)falseMatches.Count / held.Count:P1}\n"
            + $"Mean lookup time: {perQuery:F3} ms"));
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

    [GeneratedRegex(@"(\d),(\d{3})")]
    private static partial Regex NumberSeparator();
}
