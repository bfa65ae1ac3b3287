using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FactCheck.Extraction;

/// <summary>
/// Markdown to plain text with Markdig: one paragraph per block, headings on their own line (so
/// they are recognised as headings), list items as "- " lines; code and raw HTML are left out.
/// </summary>
internal static class MarkdownTextReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static ReadDocument Read(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (Exception e) when (e is ArgumentException or InsufficientExecutionStackException)
        {
            // Markdig's own depth limit: a quote or list bomb is refused by name, not a 500.
            throw new DocumentReadException("The Markdown file nests quotes or lists too deeply to read. Remove the nesting, or import it as plain text.");
        }
        var text = new StringBuilder(markdown.Length);
        string? title = null;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is YamlFrontMatterBlock or CodeBlock or HtmlBlock or ThematicBreakBlock || block.Inline is null)
                continue;
            var start = text.Length;
            if (block.Parent is ListItemBlock item && item.IndexOf(block) == 0)
                text.Append("- ");
            AppendInlines(block.Inline, text);
            if (block is HeadingBlock { Level: 1 } && title is null)
                title = text.ToString(start, text.Length - start);
            text.Append("\n\n");
        }
        return new ReadDocument(text.ToString(), DocumentFormat.Markdown, title);
    }

    private static void AppendInlines(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline children:
                    AppendInlines(children, text);
                    break;
            }
        }
    }
}
