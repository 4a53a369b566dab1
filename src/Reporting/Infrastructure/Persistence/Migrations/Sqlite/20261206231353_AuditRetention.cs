using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reporting.Infrastructure.Persistence.Migrations.Sqlite
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
            migrationBuilder.Sql("CREATE TABLE \"AuditRetentionPermits\" (\"Before\" INTEGER NOT NULL);");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_NoDelete;");
            migrationBuilder.Sql("CREATE TRIGGER AuditLog_NoDelete BEFORE DELETE ON AuditLog WHEN NOT EXISTS (SELECT 1 FROM AuditRetentionPermits WHERE OLD.At < Before) BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_NoDelete;");
            migrationBuilder.Sql("CREATE TRIGGER AuditLog_NoDelete BEFORE DELETE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"AuditRetentionPermits\";");
        }
    }
}
