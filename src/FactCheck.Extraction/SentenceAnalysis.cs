
namespace FactCheck.Extraction;

/// <summary>
/// The explainable features of a sentence, in the order the model stores their weights. Adding one
/// changes the model format: append it and retrain.
/// </summary>
internal enum ExplainableFeature
{
    Figure,
    LargeFigure,
    Percentage,
    Money,
    Date,
    Comparison,
    NamedEntities,
    AttributionVerb,
    AccordingTo,
    Causal,
    Opinion,
    Question,
    Hedge,
    FirstPerson,
    SecondPerson,
    Future,
    Quotation,
    ShortSentence,
    LongSentence,
    ReportedEvent,
    NumberWord,
}

/// <summary>
/// One pass over a sentence's tokens that finds everything scoring, attribution and kind need:
/// the explainable feature values and the words that triggered them (for the reasons shown to users).
/// </summary>
internal sealed class SentenceAnalysis
{
    public static readonly int FeatureCount = Enum.GetValues<ExplainableFeature>().Length;

    // Declared before the word classes: static fields initialise in order, and Define fills these.
    private static readonly Dictionary<string, uint> Vocabulary = new(StringComparer.Ordinal);
    private static int definedClasses;

    private static readonly uint Months = Define("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");
    private static readonly uint FullMonths = Define("january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december");
    private static readonly uint Weekdays = Define("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday");
    private static readonly uint ScaleWords = Define("hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions", "bn", "m");
    private static readonly uint NumberWords = Define("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "half", "twice", "double", "triple");
    private static readonly uint CurrencyWords = Define("dollars", "dollar", "euros", "euro", "pounds", "cents", "yen", "usd", "eur");
    private static readonly uint PercentWords = Define("percent", "percentage", "pct");
    private static readonly uint ComparisonWords = Define("than", "more", "less", "fewer", "most", "least", "highest", "lowest", "largest", "biggest", "smallest",
        "greatest", "greater", "higher", "lower", "larger", "bigger", "doubled", "tripled", "halved", "twice", "increase", "increased", "increases", "decrease", "decreased",
        "decreases", "rose", "risen", "fell", "fallen", "grew", "grown", "dropped", "declined", "compared", "record", "outnumber", "outnumbered", "surpassed", "exceeded");
    private static readonly uint ReportingVerbs = Define("said", "says", "say", "told", "tells", "stated", "states", "reported", "reports", "report", "announced",
        "announces", "claimed", "claims", "confirmed", "confirms", "added", "adds", "noted", "notes", "wrote", "writes", "argued", "argues", "warned", "warns", "emphasized",
        "emphasised", "stressed", "stresses", "insisted", "insists", "explained", "explains", "estimated", "estimates", "found", "finds", "showed", "shows", "revealed",
        "reveals", "cited", "urged", "condemned", "accused", "denied", "denies", "acknowledged", "admitted", "predicted", "testified", "declared", "tweeted", "posted", "according");
    private static readonly uint CausalWords = Define("because", "caused", "causes", "cause", "causing", "due", "result", "resulted", "resulting", "therefore",
        "thanks", "blamed", "led", "leads", "consequence", "consequently", "hence", "owing", "triggered", "fueled", "fuelled", "driven");
    private static readonly uint HedgeWords = Define("maybe", "perhaps", "might", "could", "possibly", "probably", "seem", "seems", "seemed", "appear", "appears",
        "likely", "may", "reportedly", "allegedly", "suggest", "suggests", "guess", "suppose", "hope", "wish");
    private static readonly uint FirstPersonWords = Define("i", "me", "my", "we", "us", "our", "i'm", "i've", "we're", "we've", "i'll", "we'll", "i'd", "let's");
    private static readonly uint SecondPersonWords = Define("you", "your", "you're", "you've", "you'll");
    private static readonly uint FutureWords = Define("will", "won't", "shall", "gonna", "expected", "expects", "forecast", "forecasts", "projected", "predicts", "plans", "i'll", "we'll", "they'll");
    private static readonly uint PastEventAuxiliaries = Define("was", "were", "been", "has", "have", "had");
    private static readonly uint OpinionSubjects = Define("i", "we");
    private static readonly uint OpinionVerbs = Define("think", "believe", "feel", "should", "must", "want", "need", "hope", "ought", "guess", "suppose");
    private static readonly uint EntityConnectors = Define("of", "the", "for", "al", "de", "bin", "von", "van", "du", "la", "le");
    private static readonly uint NotEntities = Define("i", "the", "a", "an", "he", "she", "it", "they", "we", "you", "this", "that", "these", "those", "there",
        "but", "and", "or", "so", "in", "on", "at", "by", "for", "from", "however", "meanwhile", "its", "his", "her", "their", "our", "my", "some", "many", "most", "after",
        "before", "when", "while", "as", "if", "last", "according", "yet", "still", "both", "since", "what", "who", "why", "how", "well", "now", "then", "just", "let", "more",
        "all", "no", "yes", "thank");

    private static readonly uint NearlyWords = Define("nearly", "almost", "about", "over", "some", "around", "roughly");
    private static readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> VocabularyLookup = Vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly double[] values = new double[FeatureCount];
    private uint[] classes = [];

    private SentenceAnalysis(string text, string lower, List<Token> tokens)
    {
        Text = text;
        Lower = lower;
        Tokens = tokens;
    }

    public string Text { get; }

    /// <summary>The sentence in lower case, same length as <see cref="Text"/>; token offsets index both.</summary>
    public string Lower { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public ReadOnlySpan<double> Values => values;

    public string? FigureText { get; private set; }
    public string? PercentageText { get; private set; }
    public string? MoneyText { get; private set; }
    public string? DateText { get; private set; }
    public string? FirstEntity { get; private set; }
    public string? OpinionCue { get; private set; }
    public string? HedgeCue { get; private set; }
    public string? CausalCue { get; private set; }

    /// <summary>Index of the token "according" in "according to", or -1.</summary>
    public int AccordingTo { get; private set; } = -1;

    public double this[ExplainableFeature feature] => values[(int)feature];

    public ReadOnlySpan<char> Word(int index) => Lower.AsSpan(Tokens[index].Start, Tokens[index].Length);

    public string Surface(int firstToken, int lastToken) => Text[Tokens[firstToken].Start..Tokens[lastToken].End];

    public static SentenceAnalysis Analyze(string text)
    {
        var tokens = new List<Token>(Math.Max(8, text.Length / 5));
        Tokenizer.Tokenize(text, tokens);
        var analysis = new SentenceAnalysis(text, text.ToLowerInvariant(), tokens);
        analysis.Measure();
        return analysis;
    }

    private void Set(ExplainableFeature feature, double value = 1) => values[(int)feature] = value;

    private bool Is(int index, uint wordClass) =>
        index >= 0 && index < classes.Length && (classes[index] & wordClass) != 0;

    private bool IsWord(int index, string word) =>
        index >= 0 && index < Tokens.Count && Word(index).SequenceEqual(word);

    private void Measure()
    {
        var tokens = (List<Token>)Tokens;
        classes = new uint[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Word && VocabularyLookup.TryGetValue(Word(i), out var wordClass))
                classes[i] = wordClass;
        }
        ClassifyNumbers(tokens);
        var words = 0;
        var entities = 0;
        var firstWord = tokens.FindIndex(t => t.Kind != TokenKind.Symbol);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Symbol)
            {
                MeasureSymbol(i, token);
                continue;
            }
            words++;
            if (token.Kind == TokenKind.Number)
            {
                MeasureNumber(i, token);
                continue;
            }
            // A capital at the start of a sentence only marks a name when the next word has one too.
            var opensSentence = i == firstWord;
            if (token.Capitalized && (!opensSentence || i + 1 < tokens.Count && tokens[i + 1].Capitalized) && !Is(i, NotEntities) && !Is(i, Months) && !Is(i, Weekdays) && !Is(i, NumberWords))
            {
                var last = i;
                while (ContinuesName(last))
                    last++;
                entities++;
                FirstEntity ??= Surface(i, last);
                words += last - i;
                i = last;
                continue;
            }
            MeasureWord(i);
        }
        if (entities > 0)
            Set(ExplainableFeature.NamedEntities, Math.Min(entities, 4) / 4.0);
        if (words < 6)
            Set(ExplainableFeature.ShortSentence);
        if (words > 30)
            Set(ExplainableFeature.LongSentence);
        var trimmed = Text.AsSpan().TrimEnd("\"')]\u201D\u2019 ");
        if (trimmed.Length > 0 && trimmed[^1] == '?')
            Set(ExplainableFeature.Question);
        MeasureQuotations();
    }

    /// <summary>Years, days of the month and ordinals are dates or ranks, not figures worth checking.</summary>
    private void ClassifyNumbers(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Number)
                continue;
            var word = Lower.AsSpan(token.Start, token.Length);
            var digitsEnd = 0;
            while (digitsEnd < word.Length && !char.IsLetter(word[digitsEnd]))
                digitsEnd++;
            var digits = word[..digitsEnd];
            var suffix = word[digitsEnd..];
            if (suffix is "st" or "nd" or "rd" or "th")
                token.Number = Is(i - 1, Months) || Is(i + 1, Months) || IsWord(i + 1, "of") && Is(i + 2, Months) ? NumberClass.DayOfMonth : NumberClass.Ordinal;
            else if (digits.Length == 4 && suffix is "" or "s" && IsYear(digits))
                token.Number = NumberClass.Year;
            else if (digits.Length <= 2 && suffix.Length == 0 && (Is(i - 1, Months) || Is(i + 1, Months)))
                token.Number = NumberClass.DayOfMonth;
            else if (digits.Length <= 3 && i > 1 && tokens[i - 1].Capitalized && tokens[i - 1].End + 1 == token.Start && !Is(i - 1, Months))
                token.Number = NumberClass.PartOfName; // "Channel 12", "Apollo 11"
            else
                token.Number = NumberClass.Figure;
            tokens[i] = token;
        }
    }

    private void MeasureSymbol(int i, Token token)
    {
        var c = Text[token.Start];
        if (c == '%' && i > 0 && Tokens[i - 1].Kind == TokenKind.Number)
        {
            Set(ExplainableFeature.Percentage);
            PercentageText ??= Text[Tokens[i - 1].Start..(token.End)];
        }
        else if (c is '$' or '\u20AC' or '\u00A3' && i + 1 < Tokens.Count && Tokens[i + 1].Kind == TokenKind.Number)
        {
            Set(ExplainableFeature.Money);
            var end = Is(i + 2, ScaleWords) ? i + 2 : i + 1;
            MoneyText ??= Text[token.Start..Tokens[end].End];
        }
    }

    private void MeasureNumber(int i, Token token)
    {
        switch (token.Number)
        {
            case NumberClass.Year:
                Set(ExplainableFeature.Date);
                DateText ??= Surface(i, i);
                return;
            case NumberClass.DayOfMonth:
                Set(ExplainableFeature.Date);
                return;
            case NumberClass.Ordinal or NumberClass.PartOfName:
                return;
        }
        Set(ExplainableFeature.Figure);
        var last = Is(i + 1, ScaleWords) ? i + 1 : i;
        var digits = Lower.AsSpan(token.Start, token.Length);
        var isLarge = last > i || digits.Contains(',') || digits.Length >= 3 && !digits.Contains('.');
        if (isLarge)
            Set(ExplainableFeature.LargeFigure);
        if (Is(last + 1, PercentWords))
        {
            Set(ExplainableFeature.Percentage);
            PercentageText ??= Surface(i, last + 1);
        }
        if (Is(last + 1, CurrencyWords))
        {
            Set(ExplainableFeature.Money);
            MoneyText ??= Surface(i, last + 1);
        }
        // Keep the most informative figure for the reason: a large one over a small one.
        if (FigureText is null || isLarge && !LargeFigureShown)
        {
            FigureText = Surface(i, last);
            LargeFigureShown = isLarge;
        }
    }

    private bool LargeFigureShown { get; set; }

    /// <summary>A name goes on over capitalised words ("Ministry of Health") separated by a space or a title's full stop only.</summary>
    private bool ContinuesName(int last)
    {
        var next = last + 1;
        if (next >= Tokens.Count || Tokens[next].Kind != TokenKind.Word)
            return false;
        var gap = Text.AsSpan(Tokens[last].End, Tokens[next].Start - Tokens[last].End);
        if (gap is not " " and not ". ")
            return false;
        if (Tokens[next].Capitalized)
            return gap is " " || Tokens[last].Length <= 4;
        return gap is " " && Is(next, EntityConnectors) && next + 1 < Tokens.Count && Tokens[next + 1].Capitalized
            && Text.AsSpan(Tokens[next].End, Tokens[next + 1].Start - Tokens[next].End) is " ";
    }

    private static bool IsYear(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + c - '0';
        }
        return value is >= 1800 and <= 2100;
    }

    private void MeasureWord(int i)
    {
        var word = Word(i);
        if (Is(i, Months) && (Is(i, FullMonths) || i + 1 < Tokens.Count && Tokens[i + 1].Kind == TokenKind.Number))
        {
            Set(ExplainableFeature.Date);
            var last = i;
            if (last + 1 < Tokens.Count && Tokens[last + 1].Number == NumberClass.DayOfMonth)
                last++;
            if (last + 1 < Tokens.Count && Tokens[last + 1].Number == NumberClass.Year)
                last++;
            if (DateText is null || last > i)
                DateText = Surface(i, last);
        }
        else if (Is(i, Weekdays))
        {
            Set(ExplainableFeature.Date);
            DateText ??= Surface(i, i);
        }
        else if (Is(i, NumberWords))
        {
            var last = i;
            while (Is(last + 1, NumberWords) || Is(last + 1, ScaleWords))
                last++;
            if (Is(last, ScaleWords) && last > i || word is "hundreds" or "thousands" or "millions" or "billions" or "dozens")
            {
                Set(ExplainableFeature.Figure);
                Set(ExplainableFeature.LargeFigure);
                if (!LargeFigureShown)
                {
                    FigureText = Surface(Is(i - 1, NearlyWords) ? i - 1 : i, last);
                    LargeFigureShown = true;
                }
            }
            else
            {
                Set(ExplainableFeature.NumberWord);
            }
        }
        if (Is(i, PercentWords))
            Set(ExplainableFeature.Percentage);
        if (Is(i, ComparisonWords) && !QualifiesAFigure(i))
            Set(ExplainableFeature.Comparison);
        if (word.SequenceEqual("according") && IsWord(i + 1, "to"))
        {
            Set(ExplainableFeature.AccordingTo);
            if (AccordingTo < 0)
                AccordingTo = i;
        }
        else if (Is(i, ReportingVerbs))
        {
            Set(ExplainableFeature.AttributionVerb);
        }
        if (Is(i, CausalWords) && (!word.SequenceEqual("due") || IsWord(i + 1, "to")) && (!word.SequenceEqual("led") || IsWord(i + 1, "to"))
            && (!word.SequenceEqual("result") || IsWord(i - 1, "a") || IsWord(i + 1, "of")) && (!word.SequenceEqual("thanks") || IsWord(i + 1, "to")))
        {
            Set(ExplainableFeature.Causal);
            CausalCue ??= Surface(i, i);
        }
        if (Is(i, HedgeWords))
        {
            Set(ExplainableFeature.Hedge);
            HedgeCue ??= Surface(i, i);
        }
        if (Is(i, FirstPersonWords))
            Set(ExplainableFeature.FirstPerson);
        if (Is(i, SecondPersonWords))
            Set(ExplainableFeature.SecondPerson);
        if (Is(i, FutureWords) || word.SequenceEqual("going") && IsWord(i + 1, "to") && !IsWord(i - 1, "'s"))
            Set(ExplainableFeature.Future);
        if (Is(i, OpinionSubjects) && Is(i + 1, OpinionVerbs) || word is "opinion" or "should" or "ought")
        {
            Set(ExplainableFeature.Opinion);
            OpinionCue ??= Is(i, OpinionSubjects) ? Surface(i, i + 1) : Surface(i, i);
        }
        if (Is(i, PastEventAuxiliaries) && i + 1 < Tokens.Count && EndsLikeParticiple(Word(i + 1)) || IsWord(i, "been") && i + 1 < Tokens.Count && EndsLikeParticiple(Word(i + 1)))
            Set(ExplainableFeature.ReportedEvent);
    }

    /// <summary>"at least 22", "more than 1,057": a bound on one figure, not a comparison of two quantities.</summary>
    private bool QualifiesAFigure(int i)
    {
        bool IsNumberAt(int index) => index < Tokens.Count && (Tokens[index].Kind == TokenKind.Number || Is(index, NumberWords));
        var word = Word(i);
        if (word.SequenceEqual("least") || word.SequenceEqual("most"))
            return IsWord(i - 1, "at") && IsNumberAt(i + 1);
        if (word.SequenceEqual("than"))
            return Is(i - 1, ComparisonWords) && IsNumberAt(i + 1);
        return word is "more" or "less" or "fewer" && IsWord(i + 1, "than") && IsNumberAt(i + 2);
    }

    private static bool EndsLikeParticiple(ReadOnlySpan<char> word) =>
        word.Length > 3 && (word.EndsWith("ed") || word is "killed" or "destroyed" or "wounded" or "taken" or "held" or "built" or "shot" or "hit" or "won" or "lost" or "seen" or "made");

    private void MeasureQuotations()
    {
        var open = -1;
        var quoted = 0;
        for (var i = 0; i < Text.Length; i++)
        {
            var c = Text[i];
            if (c is '\u201C' || c == '"' && (i == 0 || !char.IsLetterOrDigit(Text[i - 1])) && open < 0)
            {
                open = i;
            }
            else if (c is '\u201D' or '"' && open >= 0)
            {
                if (i - open > 12)
                    quoted += i - open - 1;
                open = -1;
            }
        }
        if (quoted > 0)
            Set(ExplainableFeature.Quotation, quoted >= Text.Length / 3 ? 1 : 0.5);
    }

    /// <summary>Registers a word class: one bit in <see cref="Vocabulary"/>, so a token needs one lookup for all classes.</summary>
    private static uint Define(params string[] words)
    {
        var wordClass = 1u << definedClasses++;
        foreach (var word in words)
            Vocabulary[word] = Vocabulary.GetValueOrDefault(word) | wordClass;
        return wordClass;
    }
}
