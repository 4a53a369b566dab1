using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>
/// A coordinator's passkey (a WebAuthn credential): its id and public key as the authenticator gave
/// them, the signature counter it last showed, and the days it was added and last used. It stands in
/// for the authenticator code at sign-in; it is named by its number, so nothing typed is stored.
/// </summary>
public sealed class CoordinatorPasskey
{
    public const string TableName = "CoordinatorPasskeys";

    public Guid Id { get; set; }

    public string AccountId { get; set; } = string.Empty;

    public byte[] CredentialId { get; set; } = [];

    /// <summary>The credential's public key (COSE): key material, though not secret.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The authenticator's signature counter; one that goes backwards is refused (a cloned key).</summary>
    public long SignCount { get; set; }

    public int Number { get; set; }

    public DateOnly AddedOn { get; set; }

    public DateOnly? LastUsedOn { get; set; }
}

public sealed class CoordinatorPasskeyConfiguration : IEntityTypeConfiguration<CoordinatorPasskey>
{
    public void Configure(EntityTypeBuilder<CoordinatorPasskey> passkey)
    {
        passkey.ToTable(CoordinatorPasskey.TableName);
        passkey.HasKey(p => p.Id);
        passkey.HasIndex(p => p.CredentialId).IsUnique();
        passkey.HasIndex(p => p.AccountId);
        passkey.Property(p => p.CredentialId).HasMaxLength(1023);
        passkey.HasOne<CoordinatorAccount>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
