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
}
