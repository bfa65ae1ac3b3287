using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FactCheck.Extraction;

/// <summary>
/// The command line's output formats: the public JSON contract (an array of {text, start, length,
/// score, checkworthy, kind, attribution, reasons, quantities}, kind in lower case) and a readable table.
/// </summary>
public static class ClaimOutput
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Output goes to a terminal or a file, never into HTML: keep quotes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(IReadOnlyList<ScoredSentence> sentences)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var sentence in sentences)
            {
                writer.WriteStartObject();
                writer.WriteString("text", sentence.Text);
                writer.WriteNumber("start", sentence.Start);
                writer.WriteNumber("length", sentence.Length);
                writer.WriteNumber("score", Math.Round(sentence.Score, 4));
                writer.WriteBoolean("checkworthy", sentence.CheckWorthy);
                writer.WriteString("kind", KindName(sentence.Kind));
                if (sentence.Attribution is null)
                    writer.WriteNull("attribution");
                else
                    writer.WriteString("attribution", sentence.Attribution);
                writer.WriteStartArray("reasons");
                foreach (var reason in sentence.Reasons)
                    writer.WriteStringValue(reason);
                writer.WriteEndArray();
                writer.WriteStartArray("quantities");
                foreach (var quantity in sentence.Quantities)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("value", quantity.Value);
                    writer.WriteString("text", quantity.Text);
                    WriteNullable(writer, "unit", quantity.Unit);
                    WriteNullable(writer, "measure", quantity.Measure);
                    WriteNullable(writer, "date", quantity.Date);
                    WriteNullable(writer, "place", quantity.Place);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
            writer.WriteNull(name);
        else
            writer.WriteString(name, value);
    }

    public static string KindName(ClaimKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>One line per sentence (score, verdict, kind, attribution, text) and its reasons below it.</summary>
    public static string ToTable(IReadOnlyList<ScoredSentence> sentences, int textWidth = 90)
    {
        var table = new StringBuilder();
        table.AppendLine("score  claim  kind        attribution                 text");
        foreach (var sentence in sentences)
        {
            var text = sentence.Text.ReplaceLineEndings(" ");
            if (text.Length > textWidth)
                text = string.Concat(text.AsSpan(0, textWidth - 1), "\u2026");
            var attribution = sentence.Attribution ?? "-";
            if (attribution.Length > 27)
                attribution = string.Concat(attribution.AsSpan(0, 26), "\u2026");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{sentence.Score,5:F2}  {(sentence.CheckWorthy ? "yes" : "no"),-5}  {KindName(sentence.Kind),-10}  {attribution,-27} {text}");
            if (sentence.Reasons.Count > 0)
                table.AppendLine(CultureInfo.InvariantCulture, $"{"",13}{string.Join("; ", sentence.Reasons)}");
        }
        table.AppendLine(CultureInfo.InvariantCulture, $"{sentences.Count(s => s.CheckWorthy)} check-worthy of {sentences.Count} shown.");
        return table.ToString();
    }
}
