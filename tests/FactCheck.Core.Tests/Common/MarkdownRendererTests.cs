using FactCheck.Core.Common;

namespace FactCheck.Core.Tests.Common;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Markdown_is_rendered()
    {
        var html = MarkdownRenderer.ToSafeHtml("**Bold** and [a link](https://example.org)");
        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("href=\"https://example.org\"", html);
        Assert.Contains("noopener", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    public void Stored_html_never_renders_as_active_markup(string markdown, string forbidden) =>
        Assert.DoesNotContain(forbidden, MarkdownRenderer.ToSafeHtml(markdown), StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData(">", 300)]
    [InlineData(">", 200)]
    [InlineData("> ", 150)]
    [InlineData("- ", 300)]
    [InlineData("1. ", 300)]
    [InlineData("[", 20000)]
    [InlineData("*", 20000)]
    public void A_nesting_bomb_renders_as_escaped_plain_text_and_never_throws(string marker, int count)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, count)) + "<b>text</b>";

        var html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.Contains("text", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Indented_list_bombs_render_as_plain_text()
    {
        var markdown = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "- item\n"));

        Assert.Contains("fc-plain", MarkdownRenderer.ToSafeHtml(markdown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">", 300)]
    [InlineData("- ", 40)]
    public void Saving_markdown_nested_beyond_the_limit_is_refused_with_a_message(string marker, int count)
    {
        var error = Assert.Throws<ValidationException>(() => InputRules.RequiredMarkdown(string.Concat(Enumerable.Repeat(marker, count)) + "x", "Comment", 10000));

        Assert.Contains("Comment", error.Message, StringComparison.Ordinal);
        Assert.Contains("deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_quotes_and_lists_are_accepted_and_rendered()
    {
        const string markdown = "> quoted\n> > reply\n\n- one\n  - two\n    - three\n\n1. first\n2. second";

        Assert.Equal(markdown, InputRules.RequiredMarkdown(markdown, "Comment", 10000));
        var html = MarkdownRenderer.ToSafeHtml(markdown);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_images_become_links_and_are_never_loaded()
    {
        var html = MarkdownRenderer.ToSafeHtml("See ![the chart](https://tracker.example/pixel.png)");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://tracker.example/pixel.png\"", html, StringComparison.Ordinal);
        Assert.Contains("the chart", html, StringComparison.Ordinal);
    }
}
