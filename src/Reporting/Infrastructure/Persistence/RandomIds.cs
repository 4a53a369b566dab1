using Reporting.Infrastructure.Encryption;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// Random (version 4) ids from the cryptographic generator (SecureRandom). Report ids must not be time-ordered
/// (ADR 3); this is what Guid.NewGuid gives too, at a lower cost under load.
/// </summary>
public static class RandomIds
{
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        SecureRandom.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
