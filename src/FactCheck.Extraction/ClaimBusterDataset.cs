using System.Text;

namespace FactCheck.Extraction;

/// <summary>
/// Reads the ClaimBuster crowdsourced CSV (Arslan et al., ICWSM 2020): columns include Text and
/// Verdict; Verdict 1 (check-worthy factual sentence) is the positive class. RFC 4180 quoting.
/// </summary>
public static class ClaimBusterDataset
{
    public static IReadOnlyList<LabelledSentence> Load(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, true));
        return Read(reader);
    }

    public static IReadOnlyList<LabelledSentence> Read(TextReader reader)
    {
        var rows = ReadRows(reader).GetEnumerator();
        if (!rows.MoveNext())
            throw new InvalidDataException("The CSV file is empty.");
        var header = rows.Current;
        var textColumn = header.FindIndex(h => h.Equals("Text", StringComparison.OrdinalIgnoreCase));
        var verdictColumn = header.FindIndex(h => h.Equals("Verdict", StringComparison.OrdinalIgnoreCase));
        var groupColumn = header.FindIndex(h => h.Equals("File_id", StringComparison.OrdinalIgnoreCase));
        if (textColumn < 0 || verdictColumn < 0)
            throw new InvalidDataException("The CSV file needs a Text and a Verdict column (ClaimBuster format).");
        var sentences = new List<LabelledSentence>();
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var row = rows.Current;
            if (row.Count == 1 && row[0].Length == 0)
                continue;
            if (row.Count <= Math.Max(textColumn, verdictColumn))
                throw new InvalidDataException($"Row {line} has {row.Count} columns; expected at least {Math.Max(textColumn, verdictColumn) + 1}.");
            var verdict = row[verdictColumn].Trim() switch
            {
                "1" => true,
                "0" or "-1" => false,
                var other => throw new InvalidDataException($"Row {line} has verdict \"{other}\"; expected 1, 0 or -1."),
            };
            var text = TextNormalizer.Normalize(row[textColumn]);
            if (text.Length > 0)
                sentences.Add(new LabelledSentence(text, verdict, groupColumn >= 0 && groupColumn < row.Count ? row[groupColumn] : null));
        }
        return sentences;
    }

    private static IEnumerable<List<string>> ReadRows(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        int c;
        var any = false;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    yield return row;
                    row = [];
                    any = false;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
        if (any)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
