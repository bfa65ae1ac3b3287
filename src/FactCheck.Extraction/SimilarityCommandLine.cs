using System.Text.Json;

namespace FactCheck.Extraction;

/// <summary>
/// `factcheck similar --index FILE [--top N] [--json]`: FILE holds the library, one claim per line; each
/// line of standard input is a query. The JSON output is an array with one element per query line, each
/// an array of its best matches <c>{"line": 0-based line of FILE, "similarity": float}</c>, best first.
/// Blank library lines are not indexed (their line numbers still count); a blank query gets [].
/// </summary>
public static class SimilarityCommandLine
{
    public static int Run(string indexPath, int top, bool json, TextReader queries, TextWriter output, TextWriter error, SentenceEmbedder? embedder = null)
    {
        if (top < 1)
        {
            error.WriteLine("error: --top must be at least 1.");
            return ExtractionCommandLine.UsageError;
        }
        string[] library;
        try
        {
            library = File.ReadAllLines(indexPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read \"{indexPath}\": {e.Message}");
            return ExtractionCommandLine.InputError;
        }
        embedder ??= SentenceEmbedder.Shared;
        var index = Build(library, embedder);

        var results = new List<IReadOnlyList<SimilarClaim>>();
        while (queries.ReadLine() is { } query)
        {
            results.Add(string.IsNullOrWhiteSpace(query)
                ? []
                : index.FindSimilar(query, minSimilarity: double.NegativeInfinity, max: top, queryEmbedding: embedder.Embed(query)));
        }
        if (json)
            output.WriteLine(ToJson(results));
        else
        {
            for (var q = 0; q < results.Count; q++)
            {
                foreach (var match in results[q])
                    output.WriteLine($"{q}\t{match.ClaimId}\t{match.Similarity:F4}\t{library[match.ClaimId]}");
            }
        }
        return ExtractionCommandLine.Success;
    }

    /// <summary>Indexes every non-blank line under its 0-based line number, embedding them in batches.</summary>
    public static ClaimSimilarityIndex Build(IReadOnlyList<string> library, SentenceEmbedder embedder)
    {
        var index = new ClaimSimilarityIndex();
        var lines = Enumerable.Range(0, library.Count).Where(i => !string.IsNullOrWhiteSpace(library[i])).ToArray();
        const int Chunk = 256;
        var vectors = new float[Chunk * SentenceEmbedder.Dimension];
        for (var start = 0; start < lines.Length; start += Chunk)
        {
            var chunk = lines.AsSpan(start, Math.Min(Chunk, lines.Length - start)).ToArray();
            embedder.Embed(chunk.Select(i => library[i]).ToArray(), vectors);
            for (var k = 0; k < chunk.Length; k++)
                index.Add(chunk[k], library[chunk[k]], vectors.AsSpan(k * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension));
        }
        return index;
    }

    public static string ToJson(IReadOnlyList<IReadOnlyList<SimilarClaim>> results)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var matches in results)
            {
                writer.WriteStartArray();
                foreach (var match in matches)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", match.ClaimId);
                    writer.WriteNumber("similarity", Math.Round(match.Similarity, 4));
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
