using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace FactCheck.Extraction;

/// <summary>
/// The article of an HTML page with AngleSharp: metadata from meta tags and JSON-LD, then the
/// article body (the largest article/main element) without scripts, styles, navigation, ads,
/// asides, footers, sharing and comment blocks, rendered as paragraphs.
/// </summary>
internal static class HtmlArticleReader
{
    private const string Boilerplate =
        "script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input, select, textarea, nav, footer, aside, figure, "
        + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

    /// <summary>Class and id words that mark page furniture rather than article text.</summary>
    private static readonly HashSet<string> BoilerplateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ad", "ads", "advert", "advertisement", "adslot", "banner", "promo", "sponsor", "sponsored", "share", "sharing", "social",
        "related", "recommended", "newsletter", "subscribe", "subscription", "cookie", "cookies", "comments", "comment", "sidebar",
        "footer", "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "popup", "modal", "paywall", "outbrain", "taboola",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
        "pre", "table", "tr", "dl", "dt", "dd", "figcaption", "address", "hr",
    };

    private static readonly string[] ArticleTypes = ["NewsArticle", "Article", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "WebPage"];

    public static ReadDocument Read(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.Length == 0)
            throw new DocumentReadException($"\"{fileName}\" is empty.");
        if (content.IndexOf((byte)0) >= 0)
            throw new DocumentReadException($"\"{fileName}\" is a binary file, not HTML.");
        EnsureBounded(content, fileName);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        // AngleSharp detects the encoding from the BOM or the meta charset, as a browser does.
        var document = new HtmlParser().ParseDocument(stream);
        return Read(document);
    }

    /// <summary>Elements open inside each other; real articles stay under 100.</summary>
    public const int MaxDepth = 512;

    /// <summary>Tags in one page; a 10 MB article page has a few tens of thousands.</summary>
    public const int MaxElements = 250_000;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li",
    };

    /// <summary>
    /// A linear scan of the tags before AngleSharp parses: its tree building slows down sharply with
    /// depth (100,000 nested divs took minutes), so a page nested deeper than <see cref="MaxDepth"/> or with
    /// more than <see cref="MaxElements"/> tags is refused by name. The scan over-counts nothing that
    /// matters: void elements, and p and li (which close themselves), do not add depth.
    /// </summary>
    internal static void EnsureBounded(ReadOnlySpan<byte> content, string fileName)
    {
        var depth = 0;
        var elements = 0;
        Span<char> name = stackalloc char[16];
        for (var i = 0; i < content.Length - 1; i++)
        {
            if (content[i] != (byte)'<') continue;
            var closing = content[i + 1] == (byte)'/';
            var start = closing ? i + 2 : i + 1;
            var length = 0;
            var j = start;
            while (j < content.Length && length < name.Length && char.IsAsciiLetterOrDigit((char)content[j]))
                name[length++] = (char)content[j++];
            if (length == 0 || !char.IsAsciiLetter(name[0])) continue;
            var tag = name[..length].ToString();
            if (VoidElements.Contains(tag)) { elements++; continue; }
            if (closing)
            {
                if (depth > 0) depth--;
                continue;
            }
            // <script> and <style> hold text, not tags: skip to their end tag.
            if (tag.Equals("script", StringComparison.OrdinalIgnoreCase) || tag.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                var end = content[j..].IndexOf("</"u8);
                i = end < 0 ? content.Length : j + end - 1;
                continue;
            }
            var selfClosing = content[j..].IndexOf((byte)'>') is var close and > 0 && content[j + close - 1] == (byte)'/';
            elements++;
            if (!selfClosing) depth++;
            if (depth > MaxDepth)
                throw new DocumentReadException($"\"{fileName}\" nests elements more than {MaxDepth} levels deep, which is not a readable article.");
            if (elements > MaxElements)
                throw new DocumentReadException($"\"{fileName}\" has more than {MaxElements:N0} elements, which is not a readable article.");
        }
    }

    public static ReadDocument Read(IHtmlDocument document)
    {
        var metadata = ReadJsonLd(document);
        var title = Meta(document, "og:title") ?? Meta(document, "twitter:title") ?? metadata.Headline ?? NullIfEmpty(document.Title);
        var byline = Meta(document, "author") ?? AuthorFromMeta(document) ?? metadata.Author
            ?? NullIfEmpty(document.QuerySelector("[rel=author], [itemprop=author], .byline, .author")?.TextContent.Trim());
        var published = ParseDate(Meta(document, "article:published_time") ?? Meta(document, "datePublished") ?? Meta(document, "date")
            ?? Meta(document, "pubdate") ?? metadata.Published ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));

        foreach (var element in document.QuerySelectorAll(Boilerplate).ToList())
            element.Remove();
        foreach (var element in document.QuerySelectorAll("[class], [id]").Where(IsFurniture).ToList())
            element.Remove();

        var root = document.QuerySelectorAll("[itemprop=articleBody], article, main, [role=main]")
            .OrderByDescending(e => e.TextContent.Length)
            .FirstOrDefault() ?? document.Body;
        var text = new StringBuilder();
        if (root is not null)
            AppendText(root, text, inline: false);
        return new ReadDocument(text.ToString(), DocumentFormat.Html, title, byline, published);
    }

    private static bool IsFurniture(IElement element)
    {
        // Embedded posts are article content even when their markup says "social".
        if (element.ClassList.Contains("twitter-tweet") || element.LocalName is "body" or "html" or "article" or "main")
            return false;
        foreach (var name in element.ClassList.Append(element.Id ?? ""))
        {
            foreach (var word in name.Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (BoilerplateWords.Contains(word))
                    return true;
            }
        }
        return false;
    }

    /// <summary>Renders text with a blank line around block elements; inside an embedded post everything stays on one paragraph.</summary>
    private static void AppendText(INode node, StringBuilder text, bool inline)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    text.Append(textNode.Data);
                    break;
                case IElement { LocalName: "br" }:
                    text.Append(inline ? ' ' : '\n');
                    break;
                case IElement element:
                    var isPost = element.LocalName == "blockquote" && element.ClassList.Contains("twitter-tweet");
                    var isBlock = !inline && BlockElements.Contains(element.LocalName);
                    if (isBlock || isPost)
                        text.Append("\n\n");
                    if (!inline && element.LocalName == "li")
                        text.Append("- ");
                    AppendText(element, text, inline || isPost);
                    if (isBlock || isPost)
                        text.Append("\n\n");
                    else if (inline && BlockElements.Contains(element.LocalName))
                        text.Append(' ');
                    break;
            }
        }
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return NullIfEmpty(meta.GetAttribute("content"));
        }
        return null;
    }

    /// <summary>article:author is often a profile URL; only a name is a byline.</summary>
    private static string? AuthorFromMeta(IDocument document) =>
        Meta(document, "article:author") is { } author && !author.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? author : null;

    private sealed record JsonLdMetadata(string? Headline, string? Author, string? Published);

    private static JsonLdMetadata ReadJsonLd(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (FindArticle(json.RootElement) is { } article)
                {
                    return new JsonLdMetadata(
                        StringProperty(article, "headline") ?? StringProperty(article, "name"),
                        AuthorName(article),
                        StringProperty(article, "datePublished"));
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common on the web; the meta tags still apply.
            }
        }
        return new JsonLdMetadata(null, null, null);
    }

    private static JsonElement? FindArticle(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindArticle(item) is { } found)
                        return found;
                }
                return null;
            case JsonValueKind.Object:
                if (element.TryGetProperty("@type", out var type) && IsArticleType(type))
                    return element;
                return element.TryGetProperty("@graph", out var graph) ? FindArticle(graph) : null;
            default:
                return null;
        }
    }

    private static bool IsArticleType(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => ArticleTypes.Contains(type.GetString()),
        JsonValueKind.Array => type.EnumerateArray().Any(IsArticleType),
        _ => false,
    };

    private static string? AuthorName(JsonElement article)
    {
        if (!article.TryGetProperty("author", out var author))
            return null;
        var names = (author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToList() : [author])
            .Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : StringProperty(a, "name"))
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(value.GetString())
            : null;

    private static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
