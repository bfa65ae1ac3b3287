using Ganss.Xss;
using Markdig;

namespace FactCheck.Core.Common;

/// <summary>Markdown to safe HTML: Markdig renders, HtmlSanitizer strips anything that could run.</summary>
public static class MarkdownRenderer
{
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
        var html = Markdown.ToHtml(markdown, Pipeline);
        lock (Sanitizer) return Sanitizer.Sanitize(html);
    }

    /// <summary>
    /// The words of a Markdown text without its markup ("**halved**" reads "halved"), on one line:
    /// for summaries in lists, meta descriptions, feeds and ClaimReview's reviewBody, which are plain text.
    /// </summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var text = Markdown.ToPlainText(markdown, Pipeline);
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
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
            {
                a.SetAttribute("rel", "nofollow noopener noreferrer");
                a.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }
}
