namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// A stored report. Only workflow metadata is in clear; every form field lives in
/// <see cref="Content"/>, sealed with the report's own data key.
/// </summary>
public sealed class ReportRecord : ISealedRecord
{
    public static string KeyPurpose => "report-key";

    public Guid Id { get; set; }

    public int ReferenceYear { get; set; }

    public int ReferenceNumber { get; set; }

    /// <summary>The day the report was received, in the organisation's time zone; never the time.</summary>
    public DateOnly ReceivedOn { get; set; }

    public string Status { get; set; } = "new";

    /// <summary>The day the report was closed (to the day), from which retention counts; null while open.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>Where the coordinator forwarded the report: comma-separated codes (workflow metadata, see ADR 0003).</summary>
    public string ForwardedTo { get; set; } = string.Empty;

    /// <summary>Id of the key-encryption key that wrapped <see cref="WrappedKey"/>.</summary>
    public string KeyId { get; set; } = string.Empty;

    public byte[] WrappedKey { get; set; } = [];

    public byte[] Content { get; set; } = [];

    /// <summary>HMAC of the receipt code; the code itself is never stored.</summary>
    public byte[] ReceiptHash { get; set; } = [];

    public string Reference => FormatReference(ReferenceYear, ReferenceNumber);

    public static string FormatReference(int year, int number) => $"{year}-{number:000}";
}
