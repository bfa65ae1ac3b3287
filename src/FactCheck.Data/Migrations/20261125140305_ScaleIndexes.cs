using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.CreatePublicationSearch);

            migrationBuilder.DropIndex(
                name: "IX_Assignments_ReviewerId_RemovedAt",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Publications_PublishedAt_Id_IsCurrent",
                table: "Publications",
                columns: new[] { "PublishedAt", "Id", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_DueAt_Id_Status",
                table: "Claims",
                columns: new[] { "DueAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Kind_Score",
                table: "Claims",
                columns: new[] { "Kind", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ScoreOrder",
                table: "Claims",
                columns: new[] { "Score", "Id", "Status", "DueAt", "Kind", "Tags" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status_ScoreDescending",
                table: "Claims",
                columns: new[] { "Status", "Score", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_At",
                table: "AuditEvents",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorName",
                table: "AuditEvents",
                column: "ActorName");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ReviewerId_RemovedAt_ClaimId",
                table: "Assignments",
                columns: new[] { "ReviewerId", "RemovedAt", "ClaimId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.DropPublicationSearch);

            migrationBuilder.DropIndex(
                name: "IX_Publications_PublishedAt_Id_IsCurrent",
                table: "Publications");

            migrationBuilder.DropIndex(
                name: "IX_Claims_DueAt_Id_Status",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Kind_Score",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_ScoreOrder",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Status_ScoreDescending",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_At",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ActorName",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_ReviewerId_RemovedAt_ClaimId",
                table: "Assignments");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ReviewerId_RemovedAt",
                table: "Assignments",
                columns: new[] { "ReviewerId", "RemovedAt" });
        }
    }
}
