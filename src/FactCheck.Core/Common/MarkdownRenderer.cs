using System.Net;
using Ganss.Xss;
using Markdig;

namespace FactCheck.Core.Common;

/// <summary>
/// Markdown to safe HTML: Markdig renders, HtmlSanitizer strips anything that could run.
/// Rendering never throws: text nested deeper than <see cref="MaxNestingDepth"/> or longer than
/// <see cref="MaxRenderLength"/> (which saves refuse through <see cref="EnsureRenderable"/>, but rows
/// stored before that check may still hold) is shown as escaped plain text instead, because Markdig
/// throws on deep nesting and a stored bomb would otherwise fail every page that shows it.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>Block quotes and lists inside each other. Real comments use two or three.</summary>
    public const int MaxNestingDepth = 16;

    /// <summary>Above this the text is shown as plain text (saves are limited far lower per field).</summary>
    public const int MaxRenderLength = 100_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (markdown.Length > MaxRenderLength || NestingDepth(markdown) > MaxNestingDepth) return AsPlainText(markdown);
        try
        {
            var html = Markdown.ToHtml(markdown, Pipeline);
            lock (Sanitizer) return Sanitizer.Sanitize(html);
        }
        catch (Exception e) when (e is ArgumentException or InsufficientExecutionStackException or InvalidOperationException)
        {
            return AsPlainText(markdown);
        }
    }

    /// <summary>Refuses, with a message naming the field, Markdown that would only render as plain text.</summary>
    public static void EnsureRenderable(string markdown, string field)
    {
        var depth = NestingDepth(markdown);
        if (depth > MaxNestingDepth)
            throw new ValidationException($"{field} nests quotes or lists {depth} levels deep; at most {MaxNestingDepth} are allowed.");
        try
        {
            Markdown.Parse(markdown, Pipeline);
        }
        catch (Exception e) when (e is ArgumentException or InsufficientExecutionStackException)
        {
            throw new ValidationException($"{field} is nested too deeply to display. Use fewer quotes, lists or brackets inside each other.");
        }
    }

    /// <summary>
    /// A linear over-estimate of how deeply Markdown containers nest: per line the quote and list
    /// markers before the text, and indentation at four spaces a level. Inline nesting (brackets,
    /// emphasis) is left to Markdig, whose own depth limit throws and is caught.
    /// </summary>
    public static int NestingDepth(string markdown)
    {
        var deepest = 0;
        var lineStart = true;
        var lineDepth = 0;
        var spaces = 0;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\n')
            {
                lineStart = true;
                lineDepth = 0;
                spaces = 0;
                continue;
            }
            if (lineStart)
            {
                if (c == ' ') { spaces++; continue; }
                if (c == '\t') { spaces += 4; continue; }
                if (c == '>') { lineDepth++; spaces = 0; deepest = Math.Max(deepest, lineDepth + spaces / 4); continue; }
                if ((c is '-' or '*' or '+') && i + 1 < markdown.Length && markdown[i + 1] is ' ' or '\t')
                {
                    lineDepth++;
                    deepest = Math.Max(deepest, lineDepth + spaces / 4);
                    continue;
                }
                if (char.IsAsciiDigit(c))
                {
                    var end = i;
                    while (end < markdown.Length && char.IsAsciiDigit(markdown[end])) end++;
                    if (end < markdown.Length - 1 && markdown[end] is '.' or ')' && markdown[end + 1] is ' ' or '\t')
                    {
                        lineDepth++;
                        deepest = Math.Max(deepest, lineDepth + spaces / 4);
                        i = end;
                        continue;
                    }
                }
                lineStart = false;
                deepest = Math.Max(deepest, lineDepth + spaces / 4);
            }
        }
        return deepest;
    }

    private static string AsPlainText(string markdown) =>
        "<p class=\"fc-plain\">" + WebUtility.HtmlEncode(markdown).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";

    /// <summary>
    /// The words of a Markdown text without its markup ("**halved**" reads "halved"), on one line:
    /// for summaries in lists, meta descriptions, feeds and ClaimReview's reviewBody, which are plain text.
    /// </summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        string text;
        // A text over the limits (stored before they existed) is shown as it was typed, never a 500.
        if (markdown.Length > MaxRenderLength || NestingDepth(markdown) > MaxNestingDepth) text = markdown;
        else
        {
            try { text = Markdown.ToPlainText(markdown, Pipeline); }
            catch (Exception e) when (e is ArgumentException or InsufficientExecutionStackException or InvalidOperationException) { text = markdown; }
        }
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.PostProcessNode += (_, e) =>
        {
            switch (e.Node)
            {
                // A remote image would load in every viewer's browser (a tracker): it becomes a link to it.
                case AngleSharp.Html.Dom.IHtmlImageElement image:
                    var document = image.Owner!;
                    var link = document.CreateElement("a");
                    var source = image.GetAttribute("src") ?? "";
                    link.SetAttribute("href", source);
                    link.SetAttribute("rel", "nofollow noopener noreferrer");
                    link.SetAttribute("target", "_blank");
                    link.TextContent = "Image: " + (string.IsNullOrWhiteSpace(image.AlternativeText) ? source : image.AlternativeText);
                    e.ReplacementNodes.Add(link);
                    break;
                case AngleSharp.Html.Dom.IHtmlAnchorElement a:
                    a.SetAttribute("rel", "nofollow noopener noreferrer");
                    a.SetAttribute("target", "_blank");
                    break;
            }
        };
        return sanitizer;
    }
}
