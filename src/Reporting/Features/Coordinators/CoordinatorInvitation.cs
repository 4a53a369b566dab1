using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Coordinators;

/// <summary>A one-time setup link: only a hash of its token is kept; it is deleted when used.</summary>
public sealed class CoordinatorInvitation
{
    public Guid Id { get; set; }

    public string AccountId { get; set; } = string.Empty;

    /// <summary>SHA-256 of the token in the link.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>Unix seconds (a number, so SQLite can compare it).</summary>
    public long ExpiresAt { get; set; }
}

/// <summary>How <see cref="CoordinatorInvitation"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class CoordinatorInvitationConfiguration : IEntityTypeConfiguration<CoordinatorInvitation>
{
    public void Configure(EntityTypeBuilder<CoordinatorInvitation> invitation)
    {
        invitation.ToTable("CoordinatorInvitations");
        invitation.HasKey(i => i.Id);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasOne<CoordinatorAccount>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
