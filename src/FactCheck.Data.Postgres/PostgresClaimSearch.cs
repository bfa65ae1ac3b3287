using System.Text.RegularExpressions;
using FactCheck.Core.Persistence;
using FactCheck.Core.Review;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Postgres;

/// <summary>
/// PostgreSQL full-text search over claims: a trigger-maintained tsvector column on Claims (the
/// claim's text weighted A, its attribution B, its document's title C) with a GIN index, ranked by
/// ts_rank. The column, triggers and index are <see cref="Schema"/>, created by the migrations.
/// </summary>
public sealed partial class PostgresClaimSearch : IClaimSearch
{
    /// <summary>Stemming for English, the language of the extraction model.</summary>
    public const string TextSearchConfiguration = "english";

    public IQueryable<ClaimSearchHit>? Match(FactCheckDbContext db, string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        // Web-search syntax ("a phrase", or, -word) when the input uses it; otherwise every word
        // must appear, as a prefix, as on SQLite ("hospit destr" finds "hospitals destroyed").
        if (WebSearchSyntaxRegex().IsMatch(input))
            return db.Database.SqlQueryRaw<ClaimSearchHit>(HitsSql("websearch_to_tsquery"), input.Trim());
        var words = WordRegex().Matches(input).Select(m => m.Value).Take(12).ToList();
        if (words.Count == 0) return null;
        return db.Database.SqlQueryRaw<ClaimSearchHit>(HitsSql("to_tsquery"), string.Join(" & ", words.Select(w => w + ":*")));
    }

    private static string HitsSql(string parser) => $$"""
        SELECT c."Id" AS "ClaimId", ts_rank(c."SearchVector", q)::double precision AS "Rank"
        FROM "Claims" c, {{parser}}('{{TextSearchConfiguration}}', {0}) q
        WHERE c."SearchVector" @@ q
        """;

    [GeneratedRegex(@"[""]|(^|\s)-\w|\s(or|OR)\s", RegexOptions.CultureInvariant)]
    private static partial Regex WebSearchSyntaxRegex();

    /// <summary>Letters and digits only: nothing a user types can be tsquery syntax.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    /// <summary>The search column, the triggers that keep it in step and its GIN index.</summary>
    public static class Schema
    {
        public const string Create = $$"""
            ALTER TABLE "Claims" ADD COLUMN "SearchVector" tsvector;
            CREATE FUNCTION claim_search_vector(claim_text text, attribution text, title text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE AS $$
                SELECT setweight(to_tsvector('{{TextSearchConfiguration}}'::regconfig, coalesce(claim_text, '')), 'A')
                    || setweight(to_tsvector('{{TextSearchConfiguration}}'::regconfig, coalesce(attribution, '')), 'B')
                    || setweight(to_tsvector('{{TextSearchConfiguration}}'::regconfig, coalesce(title, '')), 'C')
                $$;
            CREATE FUNCTION claims_search_vector_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW."SearchVector" := claim_search_vector(NEW."Text", NEW."Attribution",
                    (SELECT d."Title" FROM "Documents" d WHERE d."Id" = NEW."DocumentId"));
                RETURN NEW;
            END $$;
            CREATE TRIGGER claims_search_vector BEFORE INSERT OR UPDATE OF "Text", "Attribution", "DocumentId" ON "Claims"
                FOR EACH ROW EXECUTE FUNCTION claims_search_vector_refresh();
            CREATE FUNCTION documents_title_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "Claims" SET "SearchVector" = claim_search_vector("Text", "Attribution", NEW."Title") WHERE "DocumentId" = NEW."Id";
                RETURN NULL;
            END $$;
            CREATE TRIGGER documents_title_search AFTER UPDATE OF "Title" ON "Documents"
                FOR EACH ROW WHEN (OLD."Title" IS DISTINCT FROM NEW."Title") EXECUTE FUNCTION documents_title_search_refresh();
            UPDATE "Claims" c SET "SearchVector" = claim_search_vector(c."Text", c."Attribution", d."Title")
                FROM "Documents" d WHERE d."Id" = c."DocumentId";
            CREATE INDEX "IX_Claims_SearchVector" ON "Claims" USING GIN ("SearchVector");
            """;

        public const string Drop = """
            DROP TRIGGER IF EXISTS documents_title_search ON "Documents";
            DROP TRIGGER IF EXISTS claims_search_vector ON "Claims";
            DROP FUNCTION IF EXISTS documents_title_search_refresh();
            DROP FUNCTION IF EXISTS claims_search_vector_refresh();
            DROP FUNCTION IF EXISTS claim_search_vector(text, text, text);
            ALTER TABLE "Claims" DROP COLUMN IF EXISTS "SearchVector";
            """;
    }
}
