namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>A coordinator's internal note on a report, sealed with the report's own data key.</summary>
public sealed class ReportNote
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    /// <summary>Unix milliseconds, UTC: a timestamp of handling, not of the report.</summary>
    public long WrittenAt { get; set; }

    public string Author { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];
}
