using System.Text;
using FactCheck.Extraction;

namespace FactCheck.Benchmarks;

/// <summary>The news documents of the extraction tests, and long documents made by repeating them with varied figures.</summary>
internal static class BenchmarkDocuments
{
    private static readonly string[] Names = ["seed-article.txt", "wire-story.txt", "press-release.md", "speech-transcript.txt"];

    public static string Read(string name)
    {
        using var stream = typeof(BenchmarkDocuments).Assembly.GetManifestResourceStream($"Documents.{name}")
            ?? throw new InvalidOperationException($"Benchmark document {name} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return DocumentReader.Read(buffer.ToArray(), name).Text;
    }

    /// <summary>
    /// About <paramref name="bytes"/> of UTF-8 news text: the documents repeated in turn, each copy
    /// with its digits shifted so no two paragraphs are identical.
    /// </summary>
    public static string Synthetic(int bytes)
    {
        var sources = Names.Select(Read).ToArray();
        var text = new StringBuilder(bytes + 16_384);
        var size = 0;
        for (var copy = 0; size < bytes; copy++)
        {
            var start = text.Length;
            foreach (var c in sources[copy % sources.Length])
                text.Append(char.IsAsciiDigit(c) ? (char)('0' + (c - '0' + copy) % 10) : c);
            text.Append("\n\n");
            size += Encoding.UTF8.GetByteCount(text.ToString(start, text.Length - start));
        }
        // Cut at a paragraph break so the document ends as a real one would.
        var end = text.ToString().LastIndexOf("\n\n", Math.Min(text.Length, bytes) - 1, StringComparison.Ordinal);
        return text.ToString(0, end > 0 ? end : Math.Min(text.Length, bytes));
    }
}
