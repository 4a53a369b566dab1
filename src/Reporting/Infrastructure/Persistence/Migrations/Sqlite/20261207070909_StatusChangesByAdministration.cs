using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reporting.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatusChangesByAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "ReportStatusChanges",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            // Existing changes take their report's administration (null, the home one, for a deployment that had one).
            migrationBuilder.Sql("""
                UPDATE "ReportStatusChanges" SET "Administration" =
                    (SELECT "Reports"."Administration" FROM "Reports" WHERE "Reports"."Id" = "ReportStatusChanges"."ReportId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ReportStatusChanges_Administration_At",
                table: "ReportStatusChanges",
                columns: new[] { "Administration", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportStatusChanges_Administration_At",
                table: "ReportStatusChanges");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "ReportStatusChanges");
        }
    }
}
