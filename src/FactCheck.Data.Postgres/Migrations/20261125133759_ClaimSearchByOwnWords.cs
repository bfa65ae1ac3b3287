using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClaimSearchByOwnWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tsvector column, its triggers and GIN index (raw SQL kept in PostgresClaimSearch.Schema).
            migrationBuilder.Sql(PostgresClaimSearch.Schema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresClaimSearch.Schema.Drop);
        }
    }
}
