using System.Text;
using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Quotes_and_dashes_take_one_form_without_shifting_offsets()
    {
        const string text = "\u201CGaza\u2019s toll,\u201D he said \u2013 2010\u20132015 \u2014 \u2018friendly fire\u2019 \u2212 3";
        var normalized = TextNormalizer.Normalize(text);

        Assert.Equal("\"Gaza's toll,\" he said - 2010-2015 \u2014 'friendly fire' - 3", normalized);
        Assert.Equal(text.Length, normalized.Length);
    }

    [Fact]
    public void Whitespace_is_collapsed_and_line_ends_unified()
    {
        var normalized = TextNormalizer.Normalize("  Title\r\n\r\n\r\n\r\nFirst\u00A0\u00A0line \t \r\nsecond\u2003line  \rthird\u2028fourth  ");

        Assert.Equal("Title\n\nFirst line\nsecond line\nthird\nfourth", normalized);
    }

    [Fact]
    public void Invisible_and_control_characters_are_removed()
    {
        Assert.Equal("costs rose", TextNormalizer.Normalize("co\u00ADsts\u200B ro\u0007se\uFEFF"));
    }

    [Fact]
    public void Text_is_composed_to_NFC()
    {
        var decomposed = "Cafe\u0301 de\u0301ja\u0300".Normalize(NormalizationForm.FormD);

        Assert.Equal("Caf\u00E9 d\u00E9j\u00E0", TextNormalizer.Normalize(decomposed));
    }

    [Fact]
    public void Page_breaks_are_kept_on_their_own_line()
    {
        Assert.Equal("page one\n\f\npage two", TextNormalizer.Normalize("page one \f page two"));
    }

    [Fact]
    public void Normalizing_twice_changes_nothing()
    {
        var once = TextNormalizer.Normalize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", "seed-article.txt")));

        Assert.Equal(once, TextNormalizer.Normalize(once));
    }
}
