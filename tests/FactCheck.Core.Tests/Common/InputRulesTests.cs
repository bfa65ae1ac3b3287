using FactCheck.Core.Common;

namespace FactCheck.Core.Tests.Common;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Look <SCRIPT src=x></SCRIPT>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<iframe src='https://evil.example'></iframe>")]
    public void Active_markup_is_refused_with_a_message(string text)
    {
        var refused = Assert.Throws<ValidationException>(() => InputRules.Required(text, "Rationale", 1000));
        Assert.Contains("Rationale", refused.Message);
    }

    [Theory]
    [InlineData("The figure of 1,057 is < 2,000 and > 1,000.")]
    [InlineData("Ministry data (see https://example.org/report) shows a 5% rise.")]
    [InlineData("Once upon a time, the scriptwriter said so.")]
    public void Ordinary_text_is_kept(string text) => Assert.Equal(text, InputRules.Required(text, "Rationale", 1000));

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public void Empty_required_text_is_refused(string? text) =>
        Assert.Throws<ValidationException>(() => InputRules.Required(text, "Comment", 1000));

    [Fact]
    public void Too_long_text_is_refused() =>
        Assert.Throws<ValidationException>(() => InputRules.Required(new string('a', 11), "Title", 10));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("ftp://example.org/file")]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    [InlineData("https://")]
    public void Non_http_urls_are_refused(string url) =>
        Assert.Throws<ValidationException>(() => InputRules.HttpUrl(url, "Source URL"));

    [Theory]
    [InlineData("https://www.who.int/news/item/1", "https://www.who.int/news/item/1")]
    [InlineData(" http://example.org ", "http://example.org/")]
    public void Http_urls_are_accepted(string url, string expected) => Assert.Equal(expected, InputRules.HttpUrl(url, "Source URL"));

    [Theory]
    [InlineData("\u202Etxt.exe")]
    [InlineData("Budget \u2066claims\u2069")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u200D\uFEFF\u2060")]
    [InlineData("Title\u0007bell")]
    public void Direction_overrides_and_invisible_only_titles_are_refused(string title)
    {
        var refused = Assert.Throws<ValidationException>(() => InputRules.RequiredTitle(title, "Title", 300));
        Assert.Contains("Title", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Le budget de l\u2019\u00C9tat")]
    [InlineData("\u05D4\u05EA\u05E7\u05E6\u05D9\u05D1 2025")]
    [InlineData("Caf\u00E9 \uD83D\uDE00")]
    public void Titles_in_any_script_are_kept(string title) => Assert.Equal(title, InputRules.RequiredTitle(title, "Title", 300));
}
