using System.Text;
using System.Text.RegularExpressions;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Sqlite;

/// <summary>
/// SQLite FTS5 search over claims: one row per claim with its text, attribution and its document's
/// title, ranked by bm25 with the claim's own words weighing most. The table and its triggers are
/// <see cref="Schema"/>, created by the ClaimSearchByOwnWords migration.
/// </summary>
public sealed partial class SqliteClaimSearch : IClaimSearch
{
    /// <summary>bm25 weights of the columns Text, Attribution, Title.</summary>
    private const string Weights = "4.0, 1.0, 2.0";

    public IQueryable<ClaimSearchHit>? Match(FactCheckDbContext db, string? input) =>
        ToMatchExpression(input) is { } match
            // bm25 is lower for a better match; Rank is higher for a better one.
            ? db.Database.SqlQueryRaw<ClaimSearchHit>(
                $$"""SELECT rowid AS "ClaimId", -bm25(ClaimSearch, {{Weights}}) AS "Rank" FROM ClaimSearch WHERE ClaimSearch MATCH {0}""", match)
            : null;

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

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’%.,-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    /// <summary>The FTS5 table and the triggers that keep it in step with claims and document titles.</summary>
    public static class Schema
    {
        public const string Create = """
            CREATE VIRTUAL TABLE ClaimSearch USING fts5(Text, Attribution, Title, tokenize='unicode61 remove_diacritics 2');
            INSERT INTO ClaimSearch(rowid, Text, Attribution, Title)
                SELECT c.Id, c.Text, c.Attribution, d.Title FROM Claims c JOIN Documents d ON d.Id = c.DocumentId;
            CREATE TRIGGER ClaimSearch_ClaimInsert AFTER INSERT ON Claims BEGIN
                INSERT INTO ClaimSearch(rowid, Text, Attribution, Title)
                    VALUES (new.Id, new.Text, new.Attribution, (SELECT Title FROM Documents WHERE Id = new.DocumentId));
            END;
            CREATE TRIGGER ClaimSearch_ClaimDelete AFTER DELETE ON Claims BEGIN
                DELETE FROM ClaimSearch WHERE rowid = old.Id;
            END;
            CREATE TRIGGER ClaimSearch_ClaimUpdate AFTER UPDATE OF Text, Attribution, DocumentId ON Claims BEGIN
                DELETE FROM ClaimSearch WHERE rowid = old.Id;
                INSERT INTO ClaimSearch(rowid, Text, Attribution, Title)
                    VALUES (new.Id, new.Text, new.Attribution, (SELECT Title FROM Documents WHERE Id = new.DocumentId));
            END;
            CREATE TRIGGER ClaimSearch_DocumentTitleUpdate AFTER UPDATE OF Title ON Documents BEGIN
                DELETE FROM ClaimSearch WHERE rowid IN (SELECT Id FROM Claims WHERE DocumentId = new.Id);
                INSERT INTO ClaimSearch(rowid, Text, Attribution, Title)
                    SELECT Id, Text, Attribution, new.Title FROM Claims WHERE DocumentId = new.Id;
            END;
            """;

        public const string Drop = """
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimInsert; DROP TRIGGER IF EXISTS ClaimSearch_ClaimDelete;
            DROP TRIGGER IF EXISTS ClaimSearch_ClaimUpdate; DROP TRIGGER IF EXISTS ClaimSearch_DocumentTitleUpdate;
            DROP TABLE IF EXISTS ClaimSearch;
            """;

        /// <summary>
        /// The tables of the ReviewWorkspace migration, which matched every claim of a document
        /// containing a word; dropped when <see cref="Create"/> replaces them.
        /// </summary>
        public const string DropDocumentWideSearch = """
            DROP TRIGGER IF EXISTS Claims_Search_Insert; DROP TRIGGER IF EXISTS Claims_Search_Delete; DROP TRIGGER IF EXISTS Claims_Search_Update;
            DROP TRIGGER IF EXISTS Documents_Search_Insert; DROP TRIGGER IF EXISTS Documents_Search_Delete; DROP TRIGGER IF EXISTS Documents_Search_Update;
            DROP TABLE IF EXISTS ClaimSearch; DROP TABLE IF EXISTS DocumentSearch;
            """;
    }
}
