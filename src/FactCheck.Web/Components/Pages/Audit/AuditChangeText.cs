using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FactCheck.Core.Domain;
using FactCheck.Extraction;

namespace FactCheck.Web.Components.Pages.Audit;

/// <summary>One field of an audit row as a reader sees it: "Status: New → Assigned".</summary>
public sealed record AuditFieldChange(string Field, string? Before, string? After);

/// <summary>
/// Audit rows store before and after as JSON with enum numbers and user ids; this turns them into
/// named fields with labels ("In review", "Mostly true") and people's names, for the audit page.
/// </summary>
public static partial class AuditChangeText
{
    /// <summary>"VerdictSubmitted" → "Verdict submitted".</summary>
    public static string Action(string action)
    {
        var words = PascalWords().Replace(action, " $1").Trim();
        if (words.Length == 0) return action;
        var sentence = char.ToUpperInvariant(words[0]) + words[1..].ToLowerInvariant();
        return sentence.StartsWith("Api ", StringComparison.Ordinal) ? "API" + sentence[3..] : sentence.Replace(" api ", " API ");
    }

    public static IReadOnlyList<AuditFieldChange> Fields(string? beforeJson, string? afterJson, IReadOnlyDictionary<string, string> userNames)
    {
        var before = Parse(beforeJson);
        var after = Parse(afterJson);
        var names = before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal).ToList();
        // "reviewerId" beside "reviewer" says the same thing once the id reads as a name.
        names.RemoveAll(n => n.EndsWith("Id", StringComparison.OrdinalIgnoreCase) && names.Contains(n[..^2], StringComparer.OrdinalIgnoreCase));
        return names.Select(name => new AuditFieldChange(Action(name),
                before.TryGetValue(name, out var b) ? Value(name, b, userNames) : null,
                after.TryGetValue(name, out var a) ? Value(name, a, userNames) : null))
            .Where(f => f.Before != f.After || f.Before is not null)
            .ToList();
    }

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : new Dictionary<string, JsonElement> { ["Value"] = document.RootElement.Clone() };
        }
        catch (JsonException)
        {
            // An old row written as plain text still shows, as it is.
            return new Dictionary<string, JsonElement> { ["Value"] = JsonSerializer.SerializeToElement(json) };
        }
    }

    private static string Value(string field, JsonElement value, IReadOnlyDictionary<string, string> userNames) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.Number when value.TryGetInt32(out var n) => EnumLabel(field, n) ?? n.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => Text(value.GetString()!, userNames),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => Value(field, v, userNames))),
        JsonValueKind.Object => string.Join("; ", value.EnumerateObject().Select(p => $"{Action(p.Name)}: {Value(p.Name, p.Value, userNames)}")),
        _ => value.GetRawText(),
    };

    /// <summary>Stored names are camelCase ("status", "statusBefore"); the enum is known by the name.</summary>
    private static string? EnumLabel(string field, int n)
    {
        var name = field.ToLowerInvariant();
        return name switch
        {
            _ when name.StartsWith("status", StringComparison.Ordinal) && Enum.IsDefined((ClaimStatus)n) => ((ClaimStatus)n).Label(),
            _ when (name.StartsWith("rating", StringComparison.Ordinal) || name.EndsWith("rating", StringComparison.Ordinal)) && Enum.IsDefined((Rating)n) => ((Rating)n).Label(),
            "stance" when Enum.IsDefined((SourceStance)n) => ((SourceStance)n).Label(),
            "priority" when Enum.IsDefined((ClaimPriority)n) => ((ClaimPriority)n).ToString(),
            "kind" when Enum.IsDefined((ClaimKind)n) => ((ClaimKind)n).ToString(),
            _ => null,
        };
    }

    private static string Text(string text, IReadOnlyDictionary<string, string> userNames)
    {
        if (userNames.TryGetValue(text, out var name)) return name;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && text.Length >= 19 && text[4] == '-')
            return at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return text.Length <= 160 ? text : text[..159] + "…";
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex PascalWords();
}
