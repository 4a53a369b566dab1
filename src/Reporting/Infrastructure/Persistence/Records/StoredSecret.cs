using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// A database-wide secret wrapped by a key-encryption key. Unwrapping it at start-up is also the
/// check that the configured key belongs to this database.
/// </summary>
public sealed class StoredSecret
{
    public const string ReceiptKey = "receipt-key";
    public const string RecoveryCodeKey = "recovery-code-key";
    public const string SurveyCodeKey = "survey-code-key";

    /// <summary>Every secret a database has; a missing one is created (wrapped by the current key) at start-up.</summary>
    public static readonly IReadOnlyList<string> All = [ReceiptKey, RecoveryCodeKey, SurveyCodeKey];

    public string Name { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public byte[] Value { get; set; } = [];
}

/// <summary>How <see cref="StoredSecret"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class StoredSecretConfiguration : IEntityTypeConfiguration<StoredSecret>
{
    public void Configure(EntityTypeBuilder<StoredSecret> secret)
    {
        secret.ToTable("Secrets");
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(40);
        secret.Property(s => s.KeyId).HasMaxLength(32);
    }
}
