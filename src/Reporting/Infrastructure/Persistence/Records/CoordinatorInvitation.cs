namespace Reporting.Infrastructure.Persistence.Records;

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
