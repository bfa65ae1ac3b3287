using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace FactCheck.Extraction;

/// <summary>
/// PDF to text with PdfPig: words grouped into lines by position, a blank line where the vertical
/// gap shows a new paragraph, a page break (form feed) between pages. Malformed and
/// password-protected files become a <see cref="DocumentReadException"/>, never a crash.
/// </summary>
internal static class PdfTextReader
{
    public static ReadDocument Read(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.Length == 0)
            throw new DocumentReadException($"\"{fileName}\" is empty.");
        if (!content[..Math.Min(content.Length, 1024)].StartsWith("%PDF-"u8) && content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) < 0)
            throw new DocumentReadException($"\"{fileName}\" is not a PDF file.");
        try
        {
            using var document = PdfDocument.Open(content.ToArray());
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                if (text.Length > 0)
                    text.Append('\n').Append(TextNormalizer.PageBreak).Append('\n');
                AppendPage(page, text);
            }
            if (string.IsNullOrWhiteSpace(text.ToString()))
                throw new DocumentReadException($"\"{fileName}\" has no text layer (it may be a scanned image).");
            var info = document.Information;
            var published = info.GetCreatedDateTimeOffset();
            return new ReadDocument(text.ToString(), DocumentFormat.Pdf, info.Title, info.Author, published);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new DocumentReadException($"\"{fileName}\" is password-protected. Remove the password and upload it again.");
        }
        catch (Exception e) when (e is not (DocumentReadException or OutOfMemoryException))
        {
            // PdfPig reports damage with many exception types; for the user they all mean the same.
            throw new DocumentReadException($"\"{fileName}\" is not a readable PDF (the file is damaged or incomplete).");
        }
    }

    private static void AppendPage(Page page, StringBuilder text)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        if (words.Count == 0)
            return;
        // Lines: words whose baselines are within half a word height, read top to bottom, left to right.
        var lines = new List<List<Word>>();
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            var line = lines.Count > 0 ? lines[^1] : null;
            if (line is not null && Math.Abs(line[0].BoundingBox.Bottom - word.BoundingBox.Bottom) <= Math.Max(1, line[0].BoundingBox.Height / 2))
                line.Add(word);
            else
                lines.Add([word]);
        }
        var previousBottom = double.NaN;
        var previousHeight = 0.0;
        foreach (var line in lines)
        {
            line.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
            var bottom = line[0].BoundingBox.Bottom;
            var height = line.Max(w => w.BoundingBox.Height);
            if (!double.IsNaN(previousBottom))
            {
                // A gap of more than about one blank line between baselines starts a new paragraph.
                var gap = previousBottom - bottom;
                text.Append(gap > 1.9 * Math.Max(height, previousHeight) ? "\n\n" : "\n");
            }
            text.AppendJoin(' ', line.Select(w => w.Text));
            previousBottom = bottom;
            previousHeight = height;
        }
    }
}
