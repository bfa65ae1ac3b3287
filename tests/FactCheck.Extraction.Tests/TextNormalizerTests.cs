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

    [Theory]
    [InlineData("\uFB01nal \uFB02ood e\uFB00ort e\uFB03cient ba\uFB04ing \uFB05 \uFB06", "final flood effort efficient baffling st st")]
    [InlineData("\uFF27\uFF24\uFF30 rose \uFF13.\uFF12\uFF05 in \uFF12\uFF10\uFF12\uFF14\uFF01", "GDP rose 3.2% in 2024!")]
    [InlineData("\U0001D42D\U0001D428\U0001D425\U0001D425 of 45,581", "toll of 45,581")]
    public void Presentation_forms_are_folded_to_plain_letters_digits_and_punctuation(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(text));
    }

    [Fact]
    public void Superscripts_and_fractions_keep_their_meaning()
    {
        // Full NFKC would read these as "102 km2" and "11⁄2": a different figure.
        Assert.Equal("10\u00B2 km\u00B2 and 1\u00BD", TextNormalizer.Normalize("10\u00B2 km\u00B2 and 1\u00BD"));
    }

    [Fact]
    public void Text_without_presentation_forms_is_returned_as_is()
    {
        const string text = "Plain text, no ligatures.";

        Assert.Same(text, TextNormalizer.FoldPresentationForms(text));
    }
}
