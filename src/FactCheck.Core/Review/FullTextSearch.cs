using System.Text;
using System.Text.RegularExpressions;
using FactCheck.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

/// <summary>
/// SQLite FTS5 search over claims (text, attribution) and their documents (title, text). The
/// ClaimSearch and DocumentSearch tables and the triggers that keep them in step are created by
/// the ReviewWorkspace migration.
/// </summary>
public static partial class FullTextSearch
{
    /// <summary>
    /// Turns what a user typed into an FTS5 expression: every word must appear, as a prefix, so
    /// "hospital destr" finds "hospitals destroyed". Each word is quoted, so operators and
    /// punctuation in the input can never be a syntax error.
    /// </summary>
    public static string? ToMatchExpression(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var terms = WordRegex().Matches(input).Select(m => m.Value).Take(12).ToList();
        if (terms.Count == 0) return null;
        var expression = new StringBuilder();
        foreach (var term in terms)
        {
            if (expression.Length > 0) expression.Append(' ');
            expression.Append('"').Append(term.Replace("\"", "\"\"")).Append("\"*");
        }
        return expression.ToString();
    }

    /// <summary>Ids of claims whose own text matches, or whose document matches.</summary>
    public static IQueryable<int> MatchingClaimIds(FactCheckDbContext db, string match) =>
        db.Database.SqlQuery<int>($"""
            SELECT rowid AS "Value" FROM ClaimSearch WHERE ClaimSearch MATCH {match}
            UNION
            SELECT c.Id AS "Value" FROM Claims c JOIN DocumentSearch d ON d.rowid = c.DocumentId WHERE DocumentSearch MATCH {match}
            """);

    /// <summary>Ids of claims whose own text or attribution matches (not their document's).</summary>
    public static IQueryable<int> MatchingClaimTextIds(FactCheckDbContext db, string match) =>
        db.Database.SqlQuery<int>($"""SELECT rowid AS "Value" FROM ClaimSearch WHERE ClaimSearch MATCH {match}""");

    /// <summary>Ids of publications whose summary matches (the PublicationSearch table, see FactCheck.Data's SearchIndexSql).</summary>
    public static IQueryable<int> MatchingPublicationIds(FactCheckDbContext db, string match) =>
        db.Database.SqlQuery<int>($"""SELECT rowid AS "Value" FROM PublicationSearch WHERE PublicationSearch MATCH {match}""");

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’%.,-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();
}
