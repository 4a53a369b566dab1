using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.SituationPictures;

/// <summary>
/// A year's situation picture as stored: one row per year, its content sealed with its own data key
/// (like a report's), and a version that every save raises. A save names the version it started
/// from; when someone else saved in between, the version no longer matches and the save is refused
/// rather than overwriting their work (the column is a concurrency token).
/// </summary>
public sealed class SituationPicture : ISealedRecord, Administrations.IOwnedByAdministration
{
    public const string TableName = "SituationPictures";

    public static string KeyPurpose => "situation-picture-key";

    public int Year { get; private set; }

    /// <summary>The administration's code; empty in a deployment with one (ADR 19).</summary>
    public string Administration { get; set; } = string.Empty;

    /// <summary>The data key is wrapped with the administration's own key; with one administration, the master key.</summary>
    public string? KeyOwner => Administration.Length == 0 ? null : Administration;

    public Guid Id { get; private set; }

    public int Version { get; private set; }

    public string KeyId { get; private set; } = string.Empty;

    public byte[] WrappedKey { get; private set; } = [];

    public void Rewrap(Infrastructure.Encryption.WrappedDataKey key)
    {
        KeyId = key.KeyId;
        WrappedKey = key.Wrapped;
    }

    public byte[] Content { get; private set; } = [];

    private SituationPicture()
    {
    }

    /// <summary>A new picture of the saving coordinator's administration (as stored, <see cref="Administrations.AdministrationScope.Owned"/>): set here, because its key is wrapped with that administration's before the row is saved.</summary>
    public static SituationPicture Start(int year, Guid id, string administration) => new() { Year = year, Id = id, Administration = administration };

    /// <summary>The next version's sealed content.</summary>
    public void Replace(byte[] sealedContent)
    {
        Content = sealedContent;
        Version++;
    }
}

/// <summary>How <see cref="SituationPicture"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class SituationPictureConfiguration : IEntityTypeConfiguration<SituationPicture>
{
    public void Configure(EntityTypeBuilder<SituationPicture> picture)
    {
        picture.ToTable(Features.SituationPictures.SituationPicture.TableName);
        picture.HasKey(p => p.Id);
        picture.Property(p => p.Id).ValueGeneratedNever();
        picture.HasIndex(p => new { p.Administration, p.Year }).IsUnique(); // one picture per administration and year
        picture.Property(p => p.Administration).HasMaxLength(40).HasDefaultValue(string.Empty);
        picture.Property(p => p.KeyId).HasMaxLength(64); // "master/administration" for an administration's own key
        // Two coordinators saving from the same version: the second update matches no row.
        picture.Property(p => p.Version).IsConcurrencyToken();
    }
}
