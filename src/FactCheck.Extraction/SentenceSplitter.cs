using System.Collections.Frozen;
using System.Globalization;

namespace FactCheck.Extraction;

/// <summary>
/// Splits text into sentences, headings and embedded-post signatures, each as an exact span of
/// the input. One forward pass per paragraph with bounded look-back (no regular expressions), so
/// the cost is linear in the input size whatever the input looks like.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>A quotation longer than this is treated as unbalanced rather than protecting its full stops.</summary>
    private const int MaxProtectedQuoteLength = 1500;

    /// <summary>Headings are short: longer lines without final punctuation are still sentences.</summary>
    private const int MaxHeadingLength = 80;
    private const int MaxHeadingWords = 12;

    /// <summary>Titles before a name: a full stop after them never ends a sentence.</summary>
    private static readonly FrozenSet<string> Titles = FrozenSet.ToFrozenSet(
    [
        "dr", "mr", "mrs", "ms", "mx", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "maj",
        "rev", "hon", "mt", "ft", "pres", "supt", "insp", "cpl", "adm", "cmdr", "brig", "messrs", "mme", "mlle",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Abbreviations that may also end a sentence: they do only when a typical sentence opener follows.</summary>
    private static readonly FrozenSet<string> AmbiguousAbbreviations = FrozenSet.ToFrozenSet(
    [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "nos", "vol", "fig", "figs", "p", "pp", "approx", "est", "vs", "cf", "ca", "al", "etc",
        "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "ave", "blvd", "rd", "jr", "sr", "op", "cit",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> NeverFinal = FrozenSet.ToFrozenSet(["e.g", "i.e", "viz", "cf"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that typically open a sentence; after an ambiguous abbreviation they signal a boundary.</summary>
    private static readonly FrozenSet<string> SentenceOpeners = FrozenSet.ToFrozenSet(
    [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
        "but", "and", "or", "so", "in", "on", "at", "by", "for", "from", "however", "meanwhile", "its", "his", "her",
        "their", "our", "my", "some", "many", "most", "after", "before", "when", "while", "as", "if", "last",
        "according", "officials", "police", "yet", "still", "both", "since", "until", "what", "who", "why", "how",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup = AmbiguousAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NeverFinalLookup = NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OpenerLookup = SentenceOpeners.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] PostDateFormats = ["MMMM d, yyyy", "MMM d, yyyy", "MMMM d yyyy", "d MMMM yyyy", "MMM. d, yyyy"];

    /// <summary>Splits running text: paragraphs, list items, headings, embedded posts, then sentences.</summary>
    public static IReadOnlyList<TextSegment> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>(Math.Max(4, text.Length / 120));
        var unit = new UnitBuilder(text, segments);
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = lineStart;
            while (lineEnd < text.Length && text[lineEnd] is not ('\n' or TextNormalizer.PageBreak))
                lineEnd++;
            var content = TrimSpan(text, lineStart, lineEnd);
            if (content.Length == 0)
            {
                unit.Flush();
            }
            else
            {
                var markerEnd = ListMarkerEnd(text, content.Start, content.End);
                if (markerEnd > content.Start)
                {
                    unit.Flush();
                    var item = TrimSpan(text, markerEnd, content.End);
                    if (item.Length > 0)
                        unit.AddLine(item.Start, item.End);
                }
                else
                {
                    if (unit.IsSingleHeadingLine && (char.IsUpper(text[content.Start]) || text[content.Start] is '"' or '\u201C'))
                        unit.Flush();
                    unit.AddLine(content.Start, content.End);
                }
            }
            if (lineEnd < text.Length && text[lineEnd] == TextNormalizer.PageBreak)
                unit.Flush();
            lineStart = lineEnd + 1;
        }
        unit.Flush();
        return segments;
    }

    /// <summary>Each non-blank line is one sentence, unsplit (for scoring labelled sets line by line).</summary>
    public static IReadOnlyList<TextSegment> SplitLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            var content = TrimSpan(text, lineStart, lineEnd);
            if (content.Length > 0)
                segments.Add(new TextSegment(content.Start, content.Length, SegmentType.Sentence));
            lineStart = lineEnd + 1;
        }
        return segments;
    }

    /// <summary>Collects the lines of one paragraph or list item, then splits it when it ends.</summary>
    private sealed class UnitBuilder(string text, List<TextSegment> segments)
    {
        private int start = -1;
        private int end;
        private int lines;

        /// <summary>A one-line unit that reads as a heading and does not break off mid-phrase ("… up from").</summary>
        public bool IsSingleHeadingLine => lines == 1 && IsHeading(text, start, end) && !EndsWithFunctionWord(text, start, end);

        public void AddLine(int lineStart, int lineEnd)
        {
            if (start < 0)
                start = lineStart;
            end = lineEnd;
            lines++;
        }

        public void Flush()
        {
            if (start < 0)
                return;
            if (lines == 1 && IsHeading(text, start, end))
                segments.Add(new TextSegment(start, end - start, SegmentType.Heading));
            else
                SplitUnit(text, start, end, segments);
            start = -1;
            lines = 0;
        }
    }

    private static void SplitUnit(string text, int start, int end, List<TextSegment> segments)
    {
        var signature = FindPostSignature(text, start, end);
        if (signature is null)
        {
            SplitSentences(text, start, end, null, segments);
            return;
        }
        var (signatureStart, post) = signature.Value;
        var body = TrimSpan(text, start, signatureStart);
        if (body.Length > 0)
            SplitSentences(text, body.Start, body.End, post, segments);
        segments.Add(new TextSegment(signatureStart, end - signatureStart, SegmentType.PostSignature, post));
    }

    /// <summary>
    /// Finds "[pic.twitter.com/… ]— Name (@handle) [date]" closing the paragraph, the form in which
    /// news sites paste embedded posts into their text.
    /// </summary>
    private static (int Start, EmbeddedPost Post)? FindPostSignature(string text, int start, int end)
    {
        var handleOpen = text.LastIndexOf("(@", end - 1, end - start, StringComparison.Ordinal);
        if (handleOpen < 0)
            return null;
        var handleEnd = handleOpen + 2;
        while (handleEnd < end && (char.IsLetterOrDigit(text[handleEnd]) || text[handleEnd] == '_'))
            handleEnd++;
        if (handleEnd == handleOpen + 2 || handleEnd >= end || text[handleEnd] != ')')
            return null;
        var tail = text.AsSpan(handleEnd + 1, end - handleEnd - 1).Trim();
        if (tail.Length > 40 || tail.IndexOfAny('.', '!', '?') >= 0)
            return null;

        // The dash before the author's name, no further back than a long display name.
        var dash = -1;
        for (var i = handleOpen - 1; i >= Math.Max(start, handleOpen - 80); i--)
        {
            if (text[i] is '\u2014' or '\u2013' || (text[i] == '-' && i > start && text[i - 1] == ' ' && i + 1 < end && text[i + 1] == ' '))
            {
                dash = i;
                break;
            }
        }
        if (dash < 0)
            return null;
        var author = text.AsSpan(dash + 1, handleOpen - dash - 1).Trim().ToString();
        if (author.Length == 0)
            return null;
        var handle = text.Substring(handleOpen + 1, handleEnd - handleOpen - 1);
        DateOnly? postedOn = DateTime.TryParseExact(tail, PostDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? DateOnly.FromDateTime(date)
            : null;

        // A media link pasted just before the dash belongs to the signature too.
        var signatureStart = dash;
        var before = dash - 1;
        while (before >= start && text[before] == ' ')
            before--;
        var tokenStart = before;
        while (tokenStart >= start && !char.IsWhiteSpace(text[tokenStart]))
            tokenStart--;
        tokenStart++;
        if (before >= start)
        {
            var token = text.AsSpan(tokenStart, before - tokenStart + 1);
            if (token.StartsWith("pic.twitter.com/", StringComparison.OrdinalIgnoreCase) || token.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                signatureStart = tokenStart;
        }
        return (signatureStart, new EmbeddedPost(author, handle, postedOn));
    }

    private static void SplitSentences(string text, int start, int end, EmbeddedPost? post, List<TextSegment> segments)
    {
        var quotes = FindQuotations(text, start, end);
        var quoteIndex = 0;
        var sentenceStart = start;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '\u2026'))
            {
                i++;
                continue;
            }
            var punctuationEnd = i;
            while (punctuationEnd < end && text[punctuationEnd] is '.' or '!' or '?' or '\u2026')
                punctuationEnd++;
            var closeEnd = punctuationEnd;
            while (closeEnd < end && text[closeEnd] is '"' or '\'' or '\u201D' or '\u2019' or ')' or ']' or '\u00BB')
                closeEnd++;
            if (closeEnd >= end || !char.IsWhiteSpace(text[closeEnd]))
            {
                i = Math.Max(closeEnd, i + 1);
                continue;
            }
            var next = closeEnd;
            while (next < end && char.IsWhiteSpace(text[next]))
                next++;
            if (next >= end)
                break;
            while (quoteIndex < quotes.Count && quotes[quoteIndex].Close < i)
                quoteIndex++;
            var insideQuotation = quoteIndex < quotes.Count && quotes[quoteIndex].Open < i && quotes[quoteIndex].Close >= closeEnd;
            var isBoundary = StartsLikeSentence(text[next])
                && !insideQuotation
                && (c != '.' || punctuationEnd - i > 1 || FullStopEndsSentence(text, start, i, next, end));
            if (isBoundary)
            {
                AddSentence(text, sentenceStart, closeEnd, post, segments);
                sentenceStart = next;
            }
            i = next;
        }
        AddSentence(text, sentenceStart, end, post, segments);
    }

    private static void AddSentence(string text, int start, int end, EmbeddedPost? post, List<TextSegment> segments)
    {
        var span = TrimSpan(text, start, end);
        if (span.Length == 0 || text.AsSpan(span.Start, span.Length).IndexOfAnyInRange('0', '9') < 0 && !ContainsLetter(text, span.Start, span.End))
            return;
        segments.Add(new TextSegment(span.Start, span.Length, SegmentType.Sentence, post));
    }

    private static bool ContainsLetter(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLetter(text[i]))
                return true;
        }
        return false;
    }

    /// <summary>Decides whether a single full stop at <paramref name="dot"/> ends a sentence, looking at the word before it.</summary>
    private static bool FullStopEndsSentence(string text, int unitStart, int dot, int next, int end)
    {
        var wordStart = dot;
        while (wordStart > unitStart && wordStart > dot - 12 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
            wordStart--;
        var word = text.AsSpan(wordStart, dot - wordStart).TrimStart('.');
        if (word.Length == 0)
            return true;
        if (NeverFinalLookup.Contains(word) || TitleLookup.Contains(word))
            return false;
        if (word.Length == 1 && char.IsUpper(word[0]))
            return false;
        if (word.Contains('.') || AmbiguousLookup.Contains(word))
        {
            var nextWordEnd = next;
            while (nextWordEnd < end && char.IsLetter(text[nextWordEnd]))
                nextWordEnd++;
            return OpenerLookup.Contains(text.AsSpan(next, nextWordEnd - next));
        }
        return true;
    }

    /// <summary>Sentences start with a capital, a digit, an opening quote or bracket, or a letter of an uncased script.</summary>
    private static bool StartsLikeSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '\u201C' or '\u2018' or '(' or '[' or '\u00AB' or '\u2022' or '#' or '@' or '$' or '\u20AC' or '\u00A3'
        || (char.IsLetter(c) && !char.IsLower(c));

    /// <summary>
    /// Pairs quotation marks so full stops inside a quotation do not split it. Straight quotes open
    /// after a space or bracket and close otherwise; an unmatched or overlong quotation protects nothing.
    /// </summary>
    private static List<(int Open, int Close)> FindQuotations(string text, int start, int end)
    {
        var quotations = new List<(int Open, int Close)>();
        var open = -1;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            bool opens;
            if (c == '\u201C' || c == '\u00AB')
                opens = true;
            else if (c == '\u201D' || c == '\u00BB')
                opens = false;
            else if (c == '"')
                opens = i == start || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '\u2014' or '-' or '/' or ':';
            else
                continue;
            if (opens)
            {
                open = i;
            }
            else if (open >= 0)
            {
                if (i - open <= MaxProtectedQuoteLength)
                    quotations.Add((open, i));
                open = -1;
            }
        }
        return quotations;
    }

    /// <summary>A heading: one short line with a letter and without final punctuation.</summary>
    private static bool IsHeading(string text, int start, int end)
    {
        if (end - start > MaxHeadingLength)
            return false;
        var line = text.AsSpan(start, end - start).TrimEnd("\"')]\u201D\u2019");
        if (line.Length == 0 || line[^1] is '.' or '!' or '?' or '\u2026' or ':' or ';' or ',')
            return false;
        var words = 1;
        var hasLetter = false;
        foreach (var c in line)
        {
            if (c == ' ')
                words++;
            hasLetter |= char.IsLetter(c);
        }
        return hasLetter && words <= MaxHeadingWords;
    }

    private static readonly FrozenSet<string> FunctionWords = FrozenSet.ToFrozenSet(
        ["a", "an", "the", "of", "to", "from", "in", "on", "at", "by", "for", "with", "and", "or", "but", "as", "that", "up", "than", "into", "its", "their", "his", "her"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordLookup = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A line that ends on "from", "the", "and"… continues on the next line: it is wrapped text, not a heading.</summary>
    private static bool EndsWithFunctionWord(string text, int start, int end)
    {
        var line = text.AsSpan(start, end - start);
        var space = line.LastIndexOf(' ');
        return FunctionWordLookup.Contains(line[(space + 1)..]);
    }

    /// <summary>Returns the end of a list marker ("- ", "* ", "• ", "1. ", "2) ") at the start of a line, or the line start if none.</summary>
    private static int ListMarkerEnd(string text, int start, int end)
    {
        var i = start;
        if (text[i] is '-' or '*' or '\u2022' or '\u25AA' or '\u25CF' or '+')
        {
            i++;
        }
        else
        {
            while (i < end && i - start < 3 && char.IsDigit(text[i]))
                i++;
            if (i == start || i >= end || text[i] is not ('.' or ')'))
                return start;
            i++;
        }
        return i < end && text[i] == ' ' ? i + 1 : start;
    }

    private static (int Start, int End, int Length) TrimSpan(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
            start++;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return (start, end, end - start);
    }
}
