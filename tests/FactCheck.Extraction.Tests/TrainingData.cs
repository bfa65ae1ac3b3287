using System.Globalization;
using System.Text;

namespace FactCheck.Extraction.Tests;

/// <summary>
/// A small ClaimBuster-format CSV written by the tests themselves (the real 3.9 MB file is not
/// needed): factual sentences with figures labelled 1, opinions, questions and small talk 0 or -1.
/// </summary>
internal static class TrainingData
{
    private static readonly string[] Subjects = ["Unemployment", "Inflation", "The deficit", "Crime", "Exports", "Enrollment", "Poverty", "Home prices"];
    private static readonly string[] Verbs = ["rose", "fell", "grew", "dropped"];
    private static readonly string[] Opinions =
    [
        "I think we should do better for our families.", "We must stand together as one nation.", "What do you want for your children?",
        "I believe in the American people.", "Thank you very much.", "Let me be clear about that.", "We need to be strong again.",
        "Is that really what you want?", "I hope we can work together.", "Maybe it will get better soon.",
    ];

    public static string Csv(int rows = 240)
    {
        var csv = new StringBuilder("Sentence_id,Text,Speaker,Speaker_title,Speaker_party,File_id,Length,Line_number,Sentiment,Verdict\n");
        for (var i = 0; i < rows; i++)
        {
            string text;
            int verdict;
            if (i % 3 == 0)
            {
                var year = 1990 + i % 30;
                text = $"{Subjects[i % Subjects.Length]} {Verbs[i % Verbs.Length]} {(i % 9) + 1}.{i % 10} percent to {(i * 37) % 900 + 100},{i % 1000:000} in {year}, the \"{Subjects[(i + 1) % Subjects.Length]}\" office said.";
                verdict = 1;
            }
            else
            {
                text = Opinions[i % Opinions.Length];
                verdict = i % 2 == 0 ? 0 : -1;
            }
            csv.Append(CultureInfo.InvariantCulture, $"{i},\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Speaker,Title,PARTY,file.txt,{text.Length},{i},0.0,{verdict}\n");
        }
        return csv.ToString();
    }

    public static IReadOnlyList<LabelledSentence> Sentences(int rows = 240) => ClaimBusterDataset.Read(new StringReader(Csv(rows)));
}
