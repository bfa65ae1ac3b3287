using System.Globalization;
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
        for (var copy = 0; Encoding.UTF8.GetByteCount(text.ToString()) < bytes; copy++)
        {
            var block = new StringBuilder();
            foreach (var c in sources[copy % sources.Length])
                block.Append(char.IsAsciiDigit(c) ? (char)('0' + (c - '0' + copy) % 10) : c);
            text.Append(block).Append("\n\n");
            if (text.Length > bytes)
                break;
        }
        return text.ToString(0, Math.Min(text.Length, bytes));
    }

    public static string Describe(int bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KB");
}
