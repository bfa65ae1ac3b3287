using FactCheck.Extraction;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit;

namespace FactCheck.Extraction.Tests;

/// <summary>The news-style documents under Documents/ and a PDF report built with PdfPig.</summary>
internal static class TestDocuments
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Documents", name));

    /// <summary>Reads a document the way the app does: through DocumentReader, so the text is normalised.</summary>
    public static string Text(string name) => DocumentReader.Read(Bytes(name), name).Text;

    /// <summary>The invariant the document view relies on: every span is exactly its sentence, in order, without overlap.</summary>
    public static void AssertSpans(string text, IReadOnlyList<ScoredSentence> sentences)
    {
        var previousEnd = 0;
        foreach (var sentence in sentences)
        {
            Assert.Equal(sentence.Text, text.Substring(sentence.Start, sentence.Length));
            Assert.True(sentence.Start >= previousEnd, $"Span at {sentence.Start} overlaps the previous one ending at {previousEnd}.");
            Assert.Equal(sentence.Text.Trim(), sentence.Text);
            Assert.InRange(sentence.Score, 0, 1);
            Assert.True(sentence.Reasons.Count <= 3);
            previousEnd = sentence.Start + sentence.Length;
        }
    }

    /// <summary>The one sentence that contains <paramref name="fragment"/>.</summary>
    public static ScoredSentence Find(IReadOnlyList<ScoredSentence> sentences, string fragment) =>
        Assert.Single(sentences, s => s.Text.Contains(fragment, StringComparison.Ordinal));

    /// <summary>A two-page statistics report, laid out like a real one: a title, paragraphs wrapped over lines, a page break.</summary>
    public static byte[] PdfReport()
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Regional Health Report 2024";
        builder.DocumentInformation.Author = "Office of Health Statistics";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);

        var first = builder.AddPage(PageSize.A4);
        var y = 780.0;
        first.AddText("Regional Health Report 2024", 18, new PdfPoint(50, y), bold);
        y -= 40;
        foreach (var paragraph in new[]
        {
            new[] { "The region recorded 48,200 hospital admissions in 2024, up 6.5% from", "45,260 in 2023, according to the Office of Health Statistics." },
            new[] { "Average waiting times for elective surgery fell from 18 weeks to 14 weeks,", "the shortest since 2019." },
            new[] { "We hope that next year will bring further progress for every patient." },
        })
        {
            foreach (var line in paragraph)
            {
                first.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 14;
            }
            y -= 16;
        }

        var second = builder.AddPage(PageSize.A4);
        second.AddText("Staffing", 14, new PdfPoint(50, 780), bold);
        second.AddText("The number of nurses rose by 1,150 to 21,900, the ministry said.", 11, new PdfPoint(50, 740), font);
        return builder.Build();
    }
}
