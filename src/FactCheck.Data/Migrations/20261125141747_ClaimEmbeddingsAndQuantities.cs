using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClaimEmbeddingsAndQuantities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClaimEmbeddings",
                columns: table => new
                {
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false),
                    Vector = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimEmbeddings", x => x.ClaimId);
                    table.ForeignKey(
                        name: "FK_ClaimEmbeddings_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClaimQuantities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Date = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimQuantities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimQuantities_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimEmbeddings_CreatedAt",
                table: "ClaimEmbeddings",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimQuantities_ClaimId",
                table: "ClaimQuantities",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimQuantities_Measure_Unit",
                table: "ClaimQuantities",
                columns: new[] { "Measure", "Unit" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimEmbeddings");

            migrationBuilder.DropTable(
                name: "ClaimQuantities");
        }
    }
}
