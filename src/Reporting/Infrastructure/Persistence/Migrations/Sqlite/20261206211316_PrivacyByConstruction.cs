using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reporting.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivacyByConstruction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_NextAttemptAt",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "AlertDeliveries");

            migrationBuilder.AddColumn<bool>(
                name: "SingleSignOnAllowed",
                table: "Coordinators",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ReporterActivity",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReporterActivity", x => new { x.ReportId, x.Day, x.Action });
                    table.ForeignKey(
                        name: "FK_ReporterActivity_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpentFormTokens",
                columns: table => new
                {
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SpentOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpentFormTokens", x => x.Hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SpentFormTokens_SpentOn",
                table: "SpentFormTokens",
                column: "SpentOn");

            // Accounts already bound to the provider keep using it (they were allowed before allow-sso existed).
            migrationBuilder.Sql("UPDATE Coordinators SET SingleSignOnAllowed = 1 WHERE Id IN (SELECT UserId FROM CoordinatorLogins WHERE LoginProvider = 'oidc');");
            // The old digest kept the last alert's time: forgotten (it is held in memory now).
            migrationBuilder.Sql("DELETE FROM ServiceState WHERE Name = 'alerts.last-sent-at';");
            // Reporters' look-ups and replies were audited to the millisecond: cut to the (UTC) day. The
            // append-only trigger is lifted for this one statement, in the migration's transaction.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_NoUpdate;");
            migrationBuilder.Sql("UPDATE AuditLog SET At = (At / 86400000) * 86400000 WHERE Action IN ('follow-up-read', 'reply-received');");
            migrationBuilder.Sql("CREATE TRIGGER AuditLog_NoUpdate BEFORE UPDATE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReporterActivity");

            migrationBuilder.DropTable(
                name: "SpentFormTokens");

            migrationBuilder.DropColumn(
                name: "SingleSignOnAllowed",
                table: "Coordinators");

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "AlertDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_NextAttemptAt",
                table: "AlertDeliveries",
                column: "NextAttemptAt");
        }
    }
}
