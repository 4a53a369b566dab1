using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reporting.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AdministrationsOwnSurveysAndPictures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Surveys_Year",
                table: "Surveys");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SituationPictures",
                table: "SituationPictures");

            migrationBuilder.DropIndex(
                name: "IX_SituationPictures_Id",
                table: "SituationPictures");

            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "Surveys",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Administration",
                table: "SituationPictures",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SituationPictures",
                table: "SituationPictures",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_Administration_Year",
                table: "Surveys",
                columns: new[] { "Administration", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SituationPictures_Administration_Year",
                table: "SituationPictures",
                columns: new[] { "Administration", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Surveys_Administration_Year",
                table: "Surveys");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SituationPictures",
                table: "SituationPictures");

            migrationBuilder.DropIndex(
                name: "IX_SituationPictures_Administration_Year",
                table: "SituationPictures");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Administration",
                table: "SituationPictures");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SituationPictures",
                table: "SituationPictures",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_Year",
                table: "Surveys",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SituationPictures_Id",
                table: "SituationPictures",
                column: "Id",
                unique: true);
        }
    }
}
