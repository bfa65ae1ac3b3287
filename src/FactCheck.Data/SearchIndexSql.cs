namespace FactCheck.Data;

/// <summary>
/// SQLite full-text indexes that migrations create, kept here so a regenerated migration can call
/// them again. PublicationSearch indexes published summaries for the public /verdicts search
/// (claims themselves are in ClaimSearch, created by the ReviewWorkspace migration); triggers keep
/// it in step with every insert, update and delete, so bulk writers stay consistent too.
/// </summary>
public static class SearchIndexSql
{
    public const string CreatePublicationSearch = """
        CREATE VIRTUAL TABLE PublicationSearch USING fts5(Summary, content='Publications', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
        INSERT INTO PublicationSearch(rowid, Summary) SELECT Id, Summary FROM Publications;
        CREATE TRIGGER Publications_Search_Insert AFTER INSERT ON Publications BEGIN
            INSERT INTO PublicationSearch(rowid, Summary) VALUES (new.Id, new.Summary);
        END;
        CREATE TRIGGER Publications_Search_Delete AFTER DELETE ON Publications BEGIN
            INSERT INTO PublicationSearch(PublicationSearch, rowid, Summary) VALUES ('delete', old.Id, old.Summary);
        END;
        CREATE TRIGGER Publications_Search_Update AFTER UPDATE OF Summary ON Publications BEGIN
            INSERT INTO PublicationSearch(PublicationSearch, rowid, Summary) VALUES ('delete', old.Id, old.Summary);
            INSERT INTO PublicationSearch(rowid, Summary) VALUES (new.Id, new.Summary);
        END;
        """;

    public const string DropPublicationSearch = """
        DROP TRIGGER IF EXISTS Publications_Search_Insert; DROP TRIGGER IF EXISTS Publications_Search_Delete; DROP TRIGGER IF EXISTS Publications_Search_Update;
        DROP TABLE IF EXISTS PublicationSearch;
        """;
}
