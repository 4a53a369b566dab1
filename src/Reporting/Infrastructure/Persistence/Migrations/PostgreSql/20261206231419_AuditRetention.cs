using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reporting.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AuditRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Gallring of the class "audit" is the one deletion the audit log allows: only of lines older
            // than a permit the retention job writes and removes inside its own transaction, so no other
            // connection ever sees a permit and every other deletion is still refused.
            migrationBuilder.Sql("CREATE TABLE \"AuditRetentionPermits\" (\"Before\" bigint NOT NULL);");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM "AuditRetentionPermits" WHERE OLD."At" < "Before") THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'the audit log is append-only';
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit log is append-only';
                END;
                $$;
                """);
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"AuditRetentionPermits\";");
        }
    }
}
