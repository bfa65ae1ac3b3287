using FactCheck.Core.Common;

namespace FactCheck.Core.Domain;

/// <summary>Tags are short lower-case labels stored comma-separated on the claim.</summary>
public static class ClaimTags
{
    public const int MaxTags = 20;
    public const int MaxLength = 40;

    public static string? Normalize(string? tag)
    {
        var value = tag?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Validated, de-duplicated tags; a flood of tags or an odd one is refused with a message.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? tags)
    {
        var list = (tags ?? []).Select(Normalize).OfType<string>().Distinct().ToList();
        if (list.Count > MaxTags) throw new ValidationException($"At most {MaxTags} tags per claim; you gave {list.Count:N0}.");
        foreach (var tag in list)
        {
            if (tag.Length > MaxLength) throw new ValidationException($"The tag \"{tag[..Math.Min(tag.Length, 20)]}…\" is longer than {MaxLength} characters.");
            if (tag.Contains(',') || InputRules.ContainsActiveMarkup(tag) || tag.Any(char.IsControl))
                throw new ValidationException($"The tag \"{tag}\" may not contain commas, markup or control characters.");
        }
        return list;
    }

    public static IReadOnlyList<string> Split(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> tags) => string.Join(',', tags);
}
