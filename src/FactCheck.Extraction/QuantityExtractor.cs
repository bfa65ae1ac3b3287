using System.Globalization;
using System.Text.RegularExpressions;

namespace FactCheck.Extraction;

/// <summary>
/// A number a claim states, with what it counts: "445,581 Palestinians have been killed" is value
/// 445581, unit "people", measure "killed". <see cref="Date"/> and <see cref="Place"/> are the ones the
/// sentence names, when it does. <see cref="Start"/> indexes into the sentence.
/// </summary>
public sealed record Quantity(double Value, string Text, int Start, string? Unit, string? Measure, string? Date, string? Place);

/// <summary>
/// Finds the quantities of a sentence with a small lexicon of measures (killed, wounded, displaced...)
/// and units (people, percent, currencies): precise rather than complete, because a quantity drives a
/// cross-check that tells a reviewer two sources disagree.
/// </summary>
public static partial class QuantityExtractor
{
    private static readonly Dictionary<string, string> Measures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["killed"] = "killed", ["dead"] = "killed", ["died"] = "killed", ["deaths"] = "killed", ["death"] = "killed", ["fatalities"] = "killed",
        ["wounded"] = "wounded", ["injured"] = "wounded", ["injuries"] = "wounded",
        ["displaced"] = "displaced", ["missing"] = "missing", ["arrested"] = "detained", ["detained"] = "detained",
        ["unemployed"] = "unemployed", ["infected"] = "infected", ["cases"] = "cases", ["vaccinated"] = "vaccinated",
    };

    private static readonly HashSet<string> People = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "person", "palestinians", "israelis", "civilians", "children", "women", "men", "soldiers", "residents",
        "patients", "migrants", "refugees", "americans", "workers", "journalists", "students", "voters", "citizens", "individuals",
    };

    // Plurals after a number that say how often or how long, not how many of something.
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "times", "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "ones", "others", "points",
    };

    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
    };

    // A number with optional currency before and a scale or percent after.
    [GeneratedRegex(@"(?<currency>[$€£])?(?<![\w.,])(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]*\d)(?:\s?(?<scale>thousand|million|billion|trillion|bn|m)\b)?(?:\s?(?<percent>%|percent\b|per cent\b))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d{2})?|(?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b(?:in|across|from)\s+(?:the\s+)?(?<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b(?!['’])", RegexOptions.CultureInvariant)]
    private static partial Regex PlacePattern();

    [GeneratedRegex(@"[\p{L}']+|[,;:.!?]", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();


    public static IReadOnlyList<Quantity> Extract(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        // Most sentences state no number: every quantity starts with a digit, so those cost one scan
        // (a third of a 10 MB extract went to running the date and place patterns on them).
        if (!sentence.AsSpan().ContainsAnyInRange('0', '9') && !HasOtherDigit(sentence))
            return [];
        var numbers = NumberPattern().Matches(sentence);
        if (numbers.Count == 0)
            return [];
        List<Quantity>? result = null;
        var dates = DatePattern().Matches(sentence);
        string? date = dates.Count > 0 ? dates[0].Value : null;
        var place = PlacePattern().Match(sentence) is { Success: true } p ? p.Groups["place"].Value : null;
        foreach (Match match in numbers)
        {
            var number = match.Groups["number"].Value;
            if (IsInside(dates, match.Index) || IsOrdinalOrName(sentence, match))
                continue;
            if (!double.TryParse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                continue;
            var scale = match.Groups["scale"].Value.ToLowerInvariant() switch
            {
                "bn" => 1e9,
                "m" => 1e6,
                "" => 1,
                var word => Multipliers[word],
            };
            value *= scale;
            string? unit = match.Groups["currency"].Value switch
            {
                "$" => "USD",
                "€" => "EUR",
                "£" => "GBP",
                _ => null,
            };
            if (match.Groups["percent"].Success)
                unit = "percent";
            var (nextUnit, measure) = Describe(sentence, match.Index + match.Length, match.Index);
            unit ??= nextUnit;
            if (unit is null && measure is null)
                continue; // a bare number: nothing to cross-check it against
            (result ??= []).Add(new Quantity(value, match.Value.Trim(), match.Index, unit, measure, date, place));
        }
        return result ?? (IReadOnlyList<Quantity>)[];
    }

    /// <summary>Digits outside ASCII (Arabic-Indic, Devanagari…), which the number pattern's \d also matches.</summary>
    private static bool HasOtherDigit(string sentence)
    {
        foreach (var c in sentence)
        {
            if (c > '\u007F' && char.IsDigit(c))
                return true;
        }
        return false;
    }

    private static bool IsInside(MatchCollection dates, int index)
    {
        foreach (Match date in dates)
        {
            if (index >= date.Index && index < date.Index + date.Length)
                return true;
        }
        return false;
    }

    private static bool IsOrdinalOrName(string sentence, Match match)
    {
        var end = match.Index + match.Length;
        if (end + 2 <= sentence.Length && sentence.AsSpan(end, 2) is "st" or "nd" or "rd" or "th")
            return true;
        // "Resolution 2334", "COVID-19": a number glued to a word or after a capitalised name is part of it.
        return match.Index > 0 && sentence[match.Index - 1] == '-';
    }

    /// <summary>The unit right after the number and the measure in the words that follow (to the clause's end) or just before it.</summary>
    private static (string? Unit, string? Measure) Describe(string sentence, int after, int before)
    {
        string? unit = null, measure = null;
        var words = WordPattern().Matches(sentence[after..]);
        for (var k = 0; k < words.Count && k < 7; k++)
        {
            var word = words[k].Value;
            if (word is "," or ";" or ":" or "." or "!" or "?")
                break;
            if (k == 0 && People.Contains(word))
            {
                unit = "people";
                continue;
            }
            if (k == 0 && word is "dollars" or "euros" or "pounds")
            {
                unit = word == "dollars" ? "USD" : word == "euros" ? "EUR" : "GBP";
                continue;
            }
            if (Measures.TryGetValue(word, out var found))
            {
                measure = found;
                if (unit is null && k == 0 && found is not ("cases"))
                    unit = "people"; // "108,438 wounded"
                break;
            }
            if (k == 0 && word.Length > 3 && word.EndsWith('s') && char.IsLower(word[0]) && !NotCounted.Contains(word))
                unit = word.ToLowerInvariant(); // "2,000 homes", "300 jobs"
        }
        if (measure is null)
        {
            // "a death toll of 45,581", "killing 30"
            var lead = sentence[..before].TrimEnd();
            var previous = WordPattern().Matches(lead);
            for (var k = previous.Count - 1; k >= 0 && k >= previous.Count - 4; k--)
            {
                var word = previous[k].Value;
                if (word is "," or ";" or "." or ":")
                    break;
                if (word.Equals("killing", StringComparison.OrdinalIgnoreCase) || word.Equals("toll", StringComparison.OrdinalIgnoreCase))
                {
                    measure = "killed";
                    unit ??= "people";
                    break;
                }
            }
        }
        return (unit, measure);
    }

    /// <summary>
    /// Two quantities of the same measure, unit and place that cannot both be right: apart by a factor of
    /// <paramref name="ratio"/> to 100 (445,581 vs 45,581: a digit too many). Tolls that grow between two
    /// dates differ by far less; a day's count next to a cumulative toll differs by far more, and a figure
    /// that names no place is not compared with one that does, so none of those is flagged.
    /// </summary>
    public static bool Conflicts(Quantity a, Quantity b, double ratio = 3)
    {
        if (a.Measure is null || a.Measure != b.Measure || a.Unit != b.Unit || a.Value <= 0 || b.Value <= 0
            || !string.Equals(a.Place, b.Place, StringComparison.OrdinalIgnoreCase))
            return false;
        var apart = Math.Max(a.Value, b.Value) / Math.Min(a.Value, b.Value);
        return apart >= ratio && apart <= 100;
    }
}
