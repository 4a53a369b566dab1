using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reporting.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Administrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "Reports",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "Outbox",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "Coordinators",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "Coordinators",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "coordinator");

            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "AuditLog",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Administration",
                table: "Reports",
                column: "Administration");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_Administration",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "Coordinators");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "Coordinators");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "AuditLog");
        }
    }
}
