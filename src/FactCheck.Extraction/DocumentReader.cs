using System.Text;

namespace FactCheck.Extraction;

/// <summary>Formats a document can be imported from.</summary>
public enum DocumentFormat
{
    Text = 0,
    Markdown = 1,
    Html = 2,
    Pdf = 3,
    Url = 4,
}

/// <summary>A document's text as read from a file, with the metadata the file carried.</summary>
public sealed record ReadDocument(string Text, DocumentFormat Format, string? Title = null, string? Byline = null, DateTimeOffset? PublishedAt = null);

/// <summary>
/// Reads uploaded bytes into normalised text (see <see cref="TextNormalizer"/>). Refuses, with a
/// message for the user, what it cannot read: empty files, binary files whatever their name, text
/// that is not UTF-8, malformed or password-protected PDFs, unsupported types.
/// </summary>
public static class DocumentReader
{
    public static ReadDocument Read(ReadOnlySpan<byte> content, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var document = extension switch
        {
            ".txt" or ".text" or "" => new ReadDocument(DecodeText(content, fileName), DocumentFormat.Text),
            ".md" or ".markdown" => MarkdownTextReader.Read(DecodeText(content, fileName)),
            ".html" or ".htm" or ".xhtml" => HtmlArticleReader.Read(content, fileName),
            ".pdf" => PdfTextReader.Read(content, fileName),
            _ => throw new DocumentReadException($"\"{fileName}\" is not a supported file type. Upload a .txt, .md, .html or .pdf file."),
        };
        return Finish(document, fileName);
    }

    /// <summary>Normalises the text and refuses a document that has none left.</summary>
    internal static ReadDocument Finish(ReadDocument document, string fileName)
    {
        var text = TextNormalizer.Normalize(document.Text);
        if (text.Length == 0)
            throw new DocumentReadException($"\"{fileName}\" has no text.");
        return document with
        {
            Text = text,
            Title = NormalizeOptional(document.Title),
            Byline = NormalizeOptional(document.Byline),
        };
    }

    private static string? NormalizeOptional(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TextNormalizer.Normalize(value);

    /// <summary>Decodes strict UTF-8 (a BOM is allowed) and refuses binary content.</summary>
    public static string DecodeText(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.Length == 0)
            throw new DocumentReadException($"\"{fileName}\" is empty.");
        if (content.IndexOf((byte)0) >= 0)
            throw new DocumentReadException($"\"{fileName}\" is a binary file, not text.");
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new DocumentReadException($"\"{fileName}\" is not UTF-8 text. Save it as UTF-8 and upload it again.");
        }
        text = text.TrimStart('\uFEFF');
        var controls = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
                controls++;
        }
        if (controls > text.Length / 100 + 1)
            throw new DocumentReadException($"\"{fileName}\" looks like a binary file, not text.");
        if (string.IsNullOrWhiteSpace(text))
            throw new DocumentReadException($"\"{fileName}\" has no text.");
        return text;
    }
}
