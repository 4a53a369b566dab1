using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// The report index's sealed copy (one row; see ReportIndexCopies). Sealed like a report: its own
/// data key, wrapped by a key-encryption key; nothing in it is readable without that key.
/// </summary>
public sealed class StoredIndexCopy
{
    public const string TableName = "ReportIndexCopies";

    /// <summary>The one row's id, which the data key and the content are bound to.</summary>
    public static readonly Guid RowId = new("5d1f0c5e-7a43-4c8e-9a55-0b7e3a2f6c11");

    public const string KeyPurpose = "index-copy-key";

    public const string ContentPurpose = "index-copy";

    public Guid Id { get; set; } = RowId;

    public string KeyId { get; set; } = string.Empty;

    public byte[] WrappedKey { get; set; } = [];

    public byte[] Content { get; set; } = [];
}

/// <summary>How <see cref="StoredIndexCopy"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class StoredIndexCopyConfiguration : IEntityTypeConfiguration<StoredIndexCopy>
{
    public void Configure(EntityTypeBuilder<StoredIndexCopy> copy)
    {
        copy.ToTable(StoredIndexCopy.TableName);
        copy.HasKey(c => c.Id);
    }
}
