namespace FactCheck.Extraction;

internal enum TokenKind : byte
{
    Word,
    Number,
    Symbol,
}

/// <summary>How a number reads in context: a figure is a quantity worth checking, the others are not.</summary>
internal enum NumberClass : byte
{
    None,
    Figure,
    Year,
    Ordinal,
    DayOfMonth,
    PartOfName,
}

/// <summary>A token of a sentence: offsets into the sentence; <see cref="Capitalized"/> is from the original casing.</summary>
internal struct Token(int start, int length, TokenKind kind, bool capitalized)
{
    public int Start { get; } = start;
    public int Length { get; } = length;
    public TokenKind Kind { get; } = kind;
    public bool Capitalized { get; } = capitalized;
    public NumberClass Number { get; set; }
    public int End => Start + Length;
}

/// <summary>Splits a sentence into words, numbers (with their separators and suffixes) and the symbols that matter (% $ € £ ? quotes).</summary>
internal static class Tokenizer
{
    public static void Tokenize(string sentence, List<Token> tokens)
    {
        tokens.Clear();
        var i = 0;
        while (i < sentence.Length)
        {
            var c = sentence[i];
            if (char.IsLetter(c))
            {
                var start = i;
                i++;
                while (i < sentence.Length)
                {
                    var d = sentence[i];
                    if (char.IsLetterOrDigit(d))
                        i++;
                    else if (d is '\'' or '\u2019' or '-' && i + 1 < sentence.Length && char.IsLetter(sentence[i + 1]))
                        i += 2;
                    else if (d == '.' && (i - start == 1 || sentence[i - 2] == '.') && i + 2 < sentence.Length && char.IsLetter(sentence[i + 1]) && sentence[i + 2] == '.')
                        i += 2; // initialisms: U.S., U.N., e.g.
                    else
                        break;
                }
                tokens.Add(new Token(start, i - start, TokenKind.Word, char.IsUpper(c)));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                i++;
                while (i < sentence.Length)
                {
                    var d = sentence[i];
                    if (char.IsDigit(d))
                        i++;
                    else if (d is ',' or '.' && i + 1 < sentence.Length && char.IsDigit(sentence[i + 1]))
                        i += 2;
                    else
                        break;
                }
                while (i < sentence.Length && char.IsLetter(sentence[i]))
                    i++;
                tokens.Add(new Token(start, i - start, TokenKind.Number, false));
            }
            else
            {
                if (c is '%' or '$' or '\u20AC' or '\u00A3' or '?' or '"' or '\u201C' or '\u201D')
                    tokens.Add(new Token(i, 1, TokenKind.Symbol, false));
                i++;
            }
        }
    }
}
