using System.Buffers.Binary;
using Reporting.Infrastructure.Encryption;

namespace Reporting.Features.Reports;

/// <summary>
/// A report's id: the day it was received, then random bits from the cryptographic generator
/// (ADR 3). The day is in a clear column already; the rest says nothing, not even the order within
/// the day. Ordered by day, a day's new reports land side by side in the id's index instead of one
/// random page each, which was a fifth of what the single writer wrote per report.
/// </summary>
public static class ReportIds
{
    public static Guid New(DateOnly receivedOn)
    {
        Span<byte> bytes = stackalloc byte[16]; // in the order the id is written and sorted (RFC 9562)
        SecureRandom.Fill(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes, receivedOn.DayNumber);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: laid out by the application
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
