using System.Text;

namespace FactCheck.Extraction;

/// <summary>
/// The single place where document text is normalised before it is stored: NFC, compatibility
/// presentation forms folded NFKC-style (ligatures such as "ﬁ", fullwidth and halfwidth forms,
/// mathematical letters used as "bold" text), one form for quotes and dashes, plain spaces, LF line
/// ends, at most one blank line between paragraphs. Normalisation happens once, when a document is
/// read, and claim spans are computed on its output, so spans always point into the stored text even
/// where a ligature became two letters.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Form feed marks a page break (PDF); it is kept so readers can show where pages end.</summary>
    public const char PageBreak = '\f';

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        text = FoldPresentationForms(text);

        var output = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingNewlines = 0;
        var pendingPageBreak = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Map(text[i]);
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                    continue;
                c = '\n';
            }
            switch (c)
            {
                case '\0':
                    continue;
                case ' ':
                    pendingSpace = true;
                    continue;
                case '\n':
                    // Trailing spaces on a line are dropped; leading ones on the next line too.
                    pendingSpace = false;
                    pendingNewlines++;
                    continue;
                case PageBreak:
                    pendingSpace = false;
                    pendingPageBreak = true;
                    continue;
            }
            if (output.Length > 0)
            {
                if (pendingPageBreak)
                    output.Append("\n\f\n");
                else if (pendingNewlines > 0)
                    output.Append(pendingNewlines == 1 ? "\n" : "\n\n");
                else if (pendingSpace)
                    output.Append(' ');
            }
            pendingSpace = false;
            pendingNewlines = 0;
            pendingPageBreak = false;
            output.Append(c);
        }
        return output.ToString();
    }

    /// <summary>
    /// NFKC for presentation forms only. Full NFKC would also turn "10²" into "102" and "½" into "1⁄2",
    /// changing what a figure says; these blocks are only other ways of drawing ordinary letters, digits
    /// and punctuation, so folding them keeps the meaning and lets search find "final" in a PDF that
    /// stored "ﬁnal".
    /// </summary>
    public static string FoldPresentationForms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstPresentationForm(text);
        if (first < 0)
            return text;
        var output = new StringBuilder(text.Length + 8);
        output.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPresentationForm(c))
                output.Append(char.ToString(c).Normalize(NormalizationForm.FormKC));
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && IsMathematicalAlphanumeric(c, text[i + 1]))
                output.Append(text.AsSpan(i++, 2).ToString().Normalize(NormalizationForm.FormKC));
            else
                output.Append(c);
        }
        return output.ToString();
    }

    private static int FirstPresentationForm(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPresentationForm(c) || char.IsHighSurrogate(c) && i + 1 < text.Length && IsMathematicalAlphanumeric(c, text[i + 1]))
                return i;
        }
        return -1;
    }

    /// <summary>Latin and Armenian ligatures (U+FB00–FB17) and halfwidth and fullwidth forms (U+FF01–FFEE).</summary>
    private static bool IsPresentationForm(char c) => c is (>= '\uFB00' and <= '\uFB17') or (>= '\uFF01' and <= '\uFFEE');

    /// <summary>Mathematical alphanumeric symbols (U+1D400–1D7FF), the "𝐛𝐨𝐥𝐝" letters of social posts.</summary>
    private static bool IsMathematicalAlphanumeric(char high, char low)
    {
        if (!char.IsLowSurrogate(low))
            return false;
        var code = char.ConvertToUtf32(high, low);
        return code is >= 0x1D400 and <= 0x1D7FF;
    }

    /// <summary>
    /// Maps one character to its normal form; '\0' drops it. Quote and dash mappings keep one
    /// character for one, so normalising typography alone never shifts offsets.
    /// </summary>
    private static char Map(char c) => c switch
    {
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\u301D' or '\u301E' or '\uFF02' => '"',
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\uFF07' => '\'',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' or '\uFE63' or '\uFF0D' => '-',
        '\u2014' or '\u2015' or '\u2E3A' or '\u2E3B' => '\u2014',
        '\t' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000' => ' ',
        '\u2028' or '\u2029' or '\u0085' or '\v' => '\n',
        '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' => '\0',
        '\n' or '\r' or PageBreak => c,
        _ when char.IsControl(c) => '\0',
        _ => c,
    };
}
