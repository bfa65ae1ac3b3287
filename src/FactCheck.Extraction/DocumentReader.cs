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
/// Reads uploaded bytes into text. Refuses, with a message for the user, what it cannot read:
/// empty files, binary files whatever their name, text that is not UTF-8, unsupported types.
/// </summary>
public static class DocumentReader
{
    public static ReadDocument Read(ReadOnlySpan<byte> content, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".txt" or "" => new ReadDocument(DecodeText(content, fileName), DocumentFormat.Text),
            _ => throw new DocumentReadException($"\"{fileName}\" is not a supported file type. Upload a .txt file."),
        };
    }

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
            throw new DocumentReadException($"\"{fileName}\" is not UTF-8 text.");
        }
        text = text.TrimStart('\uFEFF');
        var controls = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        if (controls > text.Length / 100 + 1)
            throw new DocumentReadException($"\"{fileName}\" looks like a binary file, not text.");
        if (string.IsNullOrWhiteSpace(text))
            throw new DocumentReadException($"\"{fileName}\" has no text.");
        return text;
    }
}
