using FactCheck.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClaimSearchByOwnWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The claim's own words and its document's title, not every claim of a matching document.
            migrationBuilder.Sql(SqliteClaimSearch.Schema.DropDocumentWideSearch);
            migrationBuilder.Sql(SqliteClaimSearch.Schema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteClaimSearch.Schema.Drop);
        }
    }
}
