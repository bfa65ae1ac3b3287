using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewWorkspace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search (SQLite FTS5): external-content tables over claims and documents,
            // kept in step by triggers, so search never scans the whole table.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ClaimSearch USING fts5(Text, Attribution, content='Claims', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                CREATE VIRTUAL TABLE DocumentSearch USING fts5(Title, Text, content='Documents', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO ClaimSearch(rowid, Text, Attribution) SELECT Id, Text, Attribution FROM Claims;
                INSERT INTO DocumentSearch(rowid, Title, Text) SELECT Id, Title, Text FROM Documents;
                CREATE TRIGGER Claims_Search_Insert AFTER INSERT ON Claims BEGIN
                    INSERT INTO ClaimSearch(rowid, Text, Attribution) VALUES (new.Id, new.Text, new.Attribution);
                END;
                CREATE TRIGGER Claims_Search_Delete AFTER DELETE ON Claims BEGIN
                    INSERT INTO ClaimSearch(ClaimSearch, rowid, Text, Attribution) VALUES ('delete', old.Id, old.Text, old.Attribution);
                END;
                CREATE TRIGGER Claims_Search_Update AFTER UPDATE OF Text, Attribution ON Claims BEGIN
                    INSERT INTO ClaimSearch(ClaimSearch, rowid, Text, Attribution) VALUES ('delete', old.Id, old.Text, old.Attribution);
                    INSERT INTO ClaimSearch(rowid, Text, Attribution) VALUES (new.Id, new.Text, new.Attribution);
                END;
                CREATE TRIGGER Documents_Search_Insert AFTER INSERT ON Documents BEGIN
                    INSERT INTO DocumentSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                CREATE TRIGGER Documents_Search_Delete AFTER DELETE ON Documents BEGIN
                    INSERT INTO DocumentSearch(DocumentSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                END;
                CREATE TRIGGER Documents_Search_Update AFTER UPDATE OF Title, Text ON Documents BEGIN
                    INSERT INTO DocumentSearch(DocumentSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                    INSERT INTO DocumentSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);

            migrationBuilder.CreateTable(
                name: "SavedFilters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QueryJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedFilters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedFilters_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SavedFilters_UserId_Name",
                table: "SavedFilters",
                columns: new[] { "UserId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS Claims_Search_Insert; DROP TRIGGER IF EXISTS Claims_Search_Delete; DROP TRIGGER IF EXISTS Claims_Search_Update;
                DROP TRIGGER IF EXISTS Documents_Search_Insert; DROP TRIGGER IF EXISTS Documents_Search_Delete; DROP TRIGGER IF EXISTS Documents_Search_Update;
                DROP TABLE IF EXISTS ClaimSearch; DROP TABLE IF EXISTS DocumentSearch;
                """);

            migrationBuilder.DropTable(
                name: "SavedFilters");
        }
    }
}
