using System.Text.RegularExpressions;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Notifications;

/// <summary>
/// "@name" in a comment: a workspace member's display name or the part of their e-mail address
/// before the @ (case-insensitive). An address inside a word ("bob@example.org") is not a mention.
/// </summary>
public static partial class Mentions
{
    public sealed record Member(string Id, string DisplayName, string? Email);

    /// <summary>The members named in <paramref name="text"/>, each once.</summary>
    public static IReadOnlyList<Member> Find(string text, IEnumerable<Member> members)
    {
        var found = new List<Member>();
        if (!text.Contains('@')) return found;
        foreach (var member in members)
        {
            if (Names(member).Any(name => Mentioned(text, name))) found.Add(member);
        }
        return found;
    }

    public static async Task<IReadOnlyList<Member>> FindAsync(FactCheckDbContext db, string text, CancellationToken cancellationToken)
    {
        if (!text.Contains('@')) return [];
        var memberIds = await Notify.UsersInRolesAsync(db, [Roles.Admin, Roles.Lead, Roles.Reviewer], cancellationToken);
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .Select(u => new Member(u.Id, u.DisplayName, u.Email)).ToListAsync(cancellationToken);
        return Find(text, members);
    }

    private static IEnumerable<string> Names(Member member)
    {
        if (!string.IsNullOrWhiteSpace(member.DisplayName)) yield return member.DisplayName.Trim();
        if (member.Email is { } email && email.IndexOf('@') is > 0 and var at) yield return email[..at];
    }

    private static bool Mentioned(string text, string name)
    {
        for (var start = text.IndexOf('@' + name, StringComparison.OrdinalIgnoreCase); start >= 0;
             start = text.IndexOf('@' + name, start + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = start + 1 + name.Length;
            var before = start == 0 || !IsNameChar(text[start - 1]);
            var after = end >= text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] is '_' or '-');
            if (before && after) return true;
        }
        return false;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>
    /// Wraps "@word" tokens of rendered, sanitized comment HTML in a highlight. Only text between tags
    /// is touched (never attributes), and the token itself is already HTML-escaped by the renderer.
    /// </summary>
    public static string Highlight(string html) =>
        TextBetweenTags().Replace(html, text => MentionToken().Replace(text.Value, m => $"<mark class=\"fc-mention\">{m.Value}</mark>"));

    [GeneratedRegex(@"(?<=>|^)[^<]+")]
    private static partial Regex TextBetweenTags();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.\-])@[\p{L}\p{N}_.\-]*[\p{L}\p{N}_]")]
    private static partial Regex MentionToken();
}
