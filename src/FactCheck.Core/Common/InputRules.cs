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

    public static bool ContainsActiveMarkup(string value) => ActiveMarkupRegex().IsMatch(value);

    [GeneratedRegex(@"<\s*/?\s*(script|iframe|object|embed|style|link|meta|base|form|svg)\b|javascript\s*:|vbscript\s*:|\bon[a-z]+\s*=\s*[""'a-z]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ActiveMarkupRegex();
}
