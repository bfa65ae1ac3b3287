using System.Text.RegularExpressions;

namespace FactCheck.Core.Common;

/// <summary>Input the user must fix. The message names the field and is shown as it is.</summary>
public sealed class ValidationException(string message) : Exception(message);

/// <summary>
/// Checks shared by every service that stores user text. Markup that can run (script, event
/// handlers, javascript: URLs) is refused outright rather than stored and escaped later: it is
/// never legitimate in a verdict, source or comment, and refusing it keeps every export clean.
/// </summary>
public static partial class InputRules
{
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0) throw new ValidationException($"{field} is required.");
        return Optional(trimmed, field, maxLength)!;
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength)
            throw new ValidationException($"{field} is too long: {trimmed.Length:N0} characters, at most {maxLength:N0}.");
        if (ActiveMarkupRegex().IsMatch(trimmed))
            throw new ValidationException($"{field} contains script or active HTML, which is not allowed. Describe it in words instead.");
        return trimmed;
    }

    /// <summary>An absolute http or https URL; anything else (javascript:, data:, relative) is refused.</summary>
    public static string HttpUrl(string? value, string field, bool required = true)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            if (required) throw new ValidationException($"{field} is required.");
            return "";
        }
        if (trimmed.Length > 2048) throw new ValidationException($"{field} is too long (at most 2,048 characters).");
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            throw new ValidationException($"{field} must be a web address starting with http:// or https://.");
        return uri.AbsoluteUri;
    }

    /// <summary>Required Markdown: the usual checks, then the nesting limit the renderer needs.</summary>
    public static string RequiredMarkdown(string? value, string field, int maxLength)
    {
        var text = Required(value, field, maxLength);
        MarkdownRenderer.EnsureRenderable(text, field);
        return text;
    }

    public static string? OptionalMarkdown(string? value, string field, int maxLength)
    {
        var text = Optional(value, field, maxLength);
        if (text is not null) MarkdownRenderer.EnsureRenderable(text, field);
        return text;
    }

    /// <summary>
    /// A one-line name shown to others (titles): no bidirectional overrides or isolates, which can
    /// make a title read as something else (U+202E turns "txt.exe" around), no control characters,
    /// and at least one visible character (a title of zero-width spaces looks empty).
    /// </summary>
    public static string RequiredTitle(string? value, string field, int maxLength)
    {
        var text = Required(value, field, maxLength);
        foreach (var c in text)
        {
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' || char.IsControl(c))
                throw new ValidationException($"{field} contains invisible direction or control characters, which are not allowed.");
        }
        if (!text.Any(IsVisible))
            throw new ValidationException($"{field} has no visible characters.");
        return text;
    }

    private static bool IsVisible(char c) =>
        !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control
            or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark);

    public static bool ContainsActiveMarkup(string value) => ActiveMarkupRegex().IsMatch(value);

    [GeneratedRegex(@"<\s*/?\s*(script|iframe|object|embed|style|link|meta|base|form|svg)\b|javascript\s*:|vbscript\s*:|\bon[a-z]+\s*=\s*[""'a-z]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ActiveMarkupRegex();
}
