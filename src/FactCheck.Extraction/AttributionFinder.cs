using System.Collections.Frozen;

namespace FactCheck.Extraction;

/// <summary>
/// Finds who makes a claim: the source of "according to X", the speaker of a quotation
/// ("“…,” Dr. Bassem Naim, a senior official said"), or the subject of a reporting verb
/// ("Israel reports that …"). "He"/"she" resolve to the last person named as a source.
/// </summary>
internal static class AttributionFinder
{
    private const int MaxSourceWords = 8;

    private static readonly FrozenSet<string> Verbs = FrozenSet.ToFrozenSet(
    [
        "said", "says", "say", "told", "tells", "stated", "states", "reported", "reports", "report", "announced", "announces",
        "claimed", "claims", "confirmed", "confirms", "added", "adds", "noted", "notes", "wrote", "writes", "argued", "argues",
        "warned", "warns", "emphasized", "emphasised", "stressed", "stresses", "insisted", "insists", "explained", "estimated",
        "estimates", "cited", "urged", "condemned", "accused", "denied", "denies", "acknowledged", "admitted", "predicted",
        "testified", "declared", "tweeted", "posted", "revealed",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Skippable = FrozenSet.ToFrozenSet(
        ["has", "have", "had", "also", "further", "previously", "earlier", "again", "then", "reportedly", "repeatedly", "publicly", "later", "today", "yesterday", "recently"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> ClauseWords = FrozenSet.ToFrozenSet(
        ["that", "which", "who", "but", "while", "when", "after", "because", "as", "if", "where", "although", "though"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> Pronouns = FrozenSet.ToFrozenSet(["he", "she"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Unattributable = FrozenSet.ToFrozenSet(
        ["it", "they", "we", "i", "you", "this", "that", "there", "which", "who", "some", "many", "most", "others", "someone", "everyone", "critics", "people"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> VerbLookup = Verbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SkippableLookup = Skippable.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ClauseLookup = ClauseWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns the source and whether it names a person (so later "he said" can refer to it).</summary>
    public static (string? Source, bool IsPerson) Find(SentenceAnalysis analysis, string? lastPerson)
    {
        if (analysis.AccordingTo >= 0)
        {
            var source = PhraseAfter(analysis, analysis.AccordingTo + 2);
            if (source is not null)
                return (source, LooksLikePerson(source));
        }
        var quoted = QuotedMask(analysis.Text);
        var tokens = analysis.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || quoted[tokens[i].Start] || !VerbLookup.Contains(analysis.Word(i)))
                continue;
            // Inverted order puts the speaker after the verb: "“…,” said Dr. Naim", "…, said one trader".
            // It is inverted only when a short phrase closes the clause after the verb; otherwise the
            // verb introduces reported speech ("X, a member of the board, said the bank had …").
            var previousWord = i - 1;
            while (previousWord >= 0 && tokens[previousWord].Kind == TokenKind.Symbol)
                previousWord--;
            var inverted = previousWord >= 0 && IsQuoteOrCommaBetween(analysis.Text, tokens[previousWord].End, tokens[i].Start, quoted)
                && PhraseAfter(analysis, i + 1, requireClauseEnd: true) is not null;
            var subject = inverted ? PhraseAfter(analysis, i + 1) : SubjectBefore(analysis, i, quoted);
            if (subject is null)
                continue;
            var lower = subject.ToLowerInvariant();
            if (Pronouns.Contains(lower))
                return (lastPerson, lastPerson is not null);
            // "WHO" is the organisation, "who" a relative pronoun.
            var acronym = subject.Length > 1 && subject.All(char.IsUpper);
            if (!acronym && (Unattributable.Contains(lower) || Unattributable.Contains(lower.Split(' ')[0])))
                return (null, false);
            return (subject, LooksLikePerson(subject));
        }
        return (null, false);
    }

    /// <summary>The noun phrase that ends right before the verb: back to the start of its clause, without an appositive.</summary>
    private static string? SubjectBefore(SentenceAnalysis analysis, int verb, bool[] quoted)
    {
        var text = analysis.Text;
        var last = verb - 1;
        while (last >= 0 && SkippableLookup.Contains(analysis.Word(last)))
            last--;
        if (last < 0 || analysis.Tokens[last].Kind == TokenKind.Symbol)
            return null;
        var first = last;
        while (first > 0)
        {
            var previous = analysis.Tokens[first - 1];
            var gap = text.AsSpan(previous.End, analysis.Tokens[first].Start - previous.End);
            if (previous.Kind == TokenKind.Symbol || gap.ContainsAny(";:\"\u201C\u201D()\u2014") || quoted[previous.Start]
                || IsClauseWord(analysis, first - 1))
                break;
            first--;
        }
        if (quoted[analysis.Tokens[first].Start])
            return null;
        var phrase = ChooseSubject(text[analysis.Tokens[first].Start..analysis.Tokens[last].End], EndsClause(analysis, verb));
        return CountWords(phrase) is > 0 and <= MaxSourceWords ? phrase : null;
    }

    /// <summary>The phrase starting at token <paramref name="first"/>, up to the next punctuation mark.</summary>
    private static string? PhraseAfter(SentenceAnalysis analysis, int first, bool requireClauseEnd = false)
    {
        var tokens = analysis.Tokens;
        if (first >= tokens.Count || tokens[first].Kind == TokenKind.Symbol)
            return null;
        var last = first;
        while (last + 1 < tokens.Count && last - first + 1 < MaxSourceWords && tokens[last + 1].Kind != TokenKind.Symbol
               && !analysis.Text.AsSpan(tokens[last].End, tokens[last + 1].Start - tokens[last].End).ContainsAny(",;:.!?()")
               && !IsClauseWord(analysis, last + 1))
            last++;
        if (requireClauseEnd && last + 1 < tokens.Count && tokens[last + 1].Kind != TokenKind.Symbol
            && !analysis.Text.AsSpan(tokens[last].End, tokens[last + 1].Start - tokens[last].End).ContainsAny(",;:.!?()"))
            return null;
        return analysis.Surface(first, last);
    }

    /// <summary>A lower-case clause opener; a capitalised one is a name ("according to the WHO").</summary>
    private static bool IsClauseWord(SentenceAnalysis analysis, int token) =>
        ClauseLookup.Contains(analysis.Word(token)) && !char.IsUpper(analysis.Text[analysis.Tokens[token].Start]);

    /// <summary>
    /// Of the comma-separated parts before a verb, the subject is the first that opens like a noun
    /// phrase: "Dr. Bassem Naim, a senior official" gives the name, not the appositive;
    /// "last year, the Federal Statistical Office" gives the office, not the time.
    /// </summary>
    private static string ChooseSubject(string chunk, bool verbEndsClause)
    {
        var parts = chunk.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (verbEndsClause && parts.Length > 1)
        {
            // "…, officials said." names the source last; "Dr. Naim, a senior official said." ends with an appositive.
            var lastPart = parts[^1];
            return lastPart.StartsWith("a ", StringComparison.Ordinal) || lastPart.StartsWith("an ", StringComparison.Ordinal) ? parts[^2] : lastPart;
        }
        foreach (var part in parts)
        {
            var firstWord = part.Split(' ')[0];
            if (Discourse.Contains(firstWord.ToLowerInvariant()) && !part.Contains(' '))
                continue;
            if (char.IsUpper(firstWord[0]) || Determiners.Contains(firstWord.ToLowerInvariant()))
                return part;
        }
        return parts.Length == 0 ? "" : parts[^1];
    }

    /// <summary>True when the verb closes its clause ("…, officials said." / "said in a statement"), rather than introducing speech.</summary>
    private static bool EndsClause(SentenceAnalysis analysis, int verb)
    {
        var tokens = analysis.Tokens;
        if (verb + 1 >= tokens.Count)
            return true;
        var gap = analysis.Text.AsSpan(tokens[verb].End, tokens[verb + 1].Start - tokens[verb].End);
        return gap.ContainsAny(",;:.!?") || tokens[verb + 1].Kind == TokenKind.Symbol || ClauseEndWords.Contains(analysis.Word(verb + 1).ToString());
    }

    private static readonly FrozenSet<string> ClauseEndWords = FrozenSet.ToFrozenSet(["in", "on", "at", "last", "this", "yesterday", "today", "late", "early"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(["the", "a", "an", "he", "she", "officials", "police", "experts"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Discourse = FrozenSet.ToFrozenSet(
        ["now", "today", "however", "meanwhile", "still", "yet", "also", "so", "well", "then", "instead", "indeed", "but", "and", "yesterday"],
        StringComparer.Ordinal);

    private static bool IsQuoteOrCommaBetween(string text, int start, int end, bool[] quoted) =>
        text.AsSpan(start, end - start).ContainsAny(",\"\u201D") && !quoted[end];

    /// <summary>Marks the characters inside quotation marks: a verb in a quotation is not the attribution.</summary>
    private static bool[] QuotedMask(string text)
    {
        var mask = new bool[text.Length + 1];
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (open < 0 && (c == '\u201C' || c == '"' && (i == 0 || !char.IsLetterOrDigit(text[i - 1]))))
            {
                open = i;
            }
            else if (open >= 0 && c is '\u201D' or '"')
            {
                Array.Fill(mask, true, open + 1, i - open - 1);
                open = -1;
            }
        }
        return mask;
    }

    private static int CountWords(string phrase) => phrase.Length == 0 ? 0 : phrase.Count(c => c == ' ') + 1;

    /// <summary>A titled or two-word capitalised name reads as a person a later "he said" can refer to.</summary>
    private static bool LooksLikePerson(string source) =>
        source.StartsWith("Dr. ", StringComparison.Ordinal) || source.StartsWith("Mr. ", StringComparison.Ordinal)
        || source.StartsWith("Mrs. ", StringComparison.Ordinal) || source.StartsWith("Ms. ", StringComparison.Ordinal)
        || source.StartsWith("Prof. ", StringComparison.Ordinal)
        || source.Split(' ') is { Length: >= 2 and <= 4 } words && words.All(w => w.Length > 1 && char.IsUpper(w[0]) && w.Skip(1).All(char.IsLower));
}
