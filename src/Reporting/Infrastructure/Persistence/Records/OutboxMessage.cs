namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// A message to send, written in the same transaction as what caused it, so it cannot be lost.
/// It names no report and holds no content: an alert only says that something arrived.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string Type { get; set; } = OutboxMessageTypes.ReportReceived;

    /// <summary>Stable across retries, so a resend after an unknown outcome is recognisably the same mail.</summary>
    public string MessageId { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The kind of the last failure (an exception type or SMTP status), never content.</summary>
    public string? LastError { get; set; }
}

public static class OutboxMessageTypes
{
    public const string ReportReceived = "report-received";
}
