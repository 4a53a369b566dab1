using Reporting.Features.Notifications;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

/// <summary>
/// A report and the rules of its handling. Only workflow metadata is in clear (id, reference,
/// received day, status, closed day, where it was forwarded); every field the reporter filled in
/// lives in <see cref="Content"/>, sealed with the report's own data key (ADR 3). Each change of
/// handling returns what happened as data (<see cref="ReportChange"/>), which the audit log shows
/// in words and the statistics read as it is.
/// </summary>
public sealed class Report : ISealedRecord
{
    private Report()
    {
    }

    public static string KeyPurpose => Infrastructure.Encryption.EnvelopeCipher.ReportKeyPurpose;

    public Guid Id { get; private set; }

    public int ReferenceYear { get; private set; }

    public int ReferenceNumber { get; private set; }

    public ReportReference Reference => new(ReferenceYear, ReferenceNumber);

    /// <summary>The day the report was received, in the organisation's time zone; never the time.</summary>
    public DateOnly ReceivedOn { get; private set; }

    public ReportStatus Status { get; private set; } = ReportStatus.New;

    /// <summary>The day the report was closed (to the day), from which retention counts; null while open.</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Where the coordinator forwarded the report: codes of <see cref="ReportCodes.ForwardedTo"/>, in list order.</summary>
    public IReadOnlyList<string> ForwardedTo { get; private set; } = [];

    public string KeyId { get; set; } = string.Empty;

    public byte[] WrappedKey { get; set; } = [];

    public byte[] Content { get; private set; } = [];

    /// <summary>HMAC of the receipt code; the code itself is never stored.</summary>
    public byte[] ReceiptHash { get; private set; } = [];

    /// <summary>
    /// A reporter's report is received: it starts as new, and an alert that says only "a report has
    /// arrived" goes into the outbox in the same transaction.
    /// </summary>
    public static (Report Report, OutboxMessage Alert) Submit(Guid id, DateOnly receivedOn, byte[] receiptHash, SealedReport sealedContent)
    {
        var report = new Report
        {
            Id = id,
            ReceivedOn = receivedOn,
            ReceiptHash = receiptHash,
            KeyId = sealedContent.KeyId,
            WrappedKey = sealedContent.WrappedKey,
            Content = sealedContent.Content,
        };
        return (report, OutboxMessage.New(OutboxMessage.ReportReceived));
    }

    /// <summary>Persistence hands out the next number of the year's counter (<see cref="ReportReference.CounterYearFor"/>).</summary>
    public void AssignReference(ReportReference reference)
    {
        if (reference.Year != ReportReference.CounterYearFor(ReceivedOn) || reference.Number < 1)
        {
            throw new InvalidOperationException($"A report received on {ReceivedOn:yyyy-MM-dd} is numbered in {ReportReference.CounterYearFor(ReceivedOn)}.");
        }

        ReferenceYear = reference.Year;
        ReferenceNumber = reference.Number;
    }

    /// <summary>
    /// A new status. A forwarded report must say where it went; closing sets the day retention
    /// counts from, and reopening stops that clock. Returns null when nothing changes.
    /// </summary>
    public ReportChange? ChangeStatus(ReportStatus to, string actor, DateTimeOffset at, DateOnly today)
    {
        if (to == Status)
        {
            return null;
        }

        if (to == ReportStatus.Forwarded && ForwardedTo.Count == 0)
        {
            throw RequestValidationException.For("forwardedTo", "Ange vart rapporten har vidarebefordrats (forwardedTo) när statusen är vidarebefordrad.");
        }

        var change = new ReportChange(Id, Reference, ReportChange.StatusField, Status.Code, to.Code, at, actor);
        Status = to;
        ClosedOn = to == ReportStatus.Closed ? today : null;
        return change;
    }

    public ReportChange? Close(string actor, DateTimeOffset at, DateOnly today) => ChangeStatus(ReportStatus.Closed, actor, at, today);

    /// <summary>Forwarded to these recipients: the list is set and the status becomes forwarded.</summary>
    public IReadOnlyList<ReportChange> Forward(IEnumerable<string> targets, string actor, DateTimeOffset at, DateOnly today) =>
        [.. new[] { SetForwardedTo(targets, actor, at), ChangeStatus(ReportStatus.Forwarded, actor, at, today) }.OfType<ReportChange>()];

    /// <summary>Corrects where the report was forwarded, without changing its status; unknown codes are refused by the caller's validator.</summary>
    public ReportChange? SetForwardedTo(IEnumerable<string> targets, string actor, DateTimeOffset at)
    {
        var chosen = targets.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> ordered = [.. ReportCodes.ForwardedTo.Codes.Where(chosen.Contains)];
        if (ordered.SequenceEqual(ForwardedTo))
        {
            return null;
        }

        if (ordered.Count == 0 && Status == ReportStatus.Forwarded)
        {
            throw RequestValidationException.For("forwardedTo", "En vidarebefordrad rapport måste ange vart den har vidarebefordrats.");
        }

        var change = new ReportChange(Id, Reference, ReportChange.ForwardedToField, string.Join(',', ForwardedTo), string.Join(',', ordered), at, actor);
        ForwardedTo = ordered;
        return change;
    }
}

/// <summary>A sealed report as <see cref="ReportSealer"/> makes it: the wrapped data key and the content it sealed.</summary>
public sealed record SealedReport(string KeyId, byte[] WrappedKey, byte[] Content);

/// <summary>
/// One change of a report's handling, as data: which field, from what to what (codes), when and by
/// whom. The audit log shows it in words; statistics (the status at a quarter's end) read it as it is.
/// </summary>
public sealed record ReportChange(Guid ReportId, ReportReference Reference, string Field, string? From, string? To, DateTimeOffset At, string Actor)
{
    public const string StatusField = "status";
    public const string ForwardedToField = "forwarded-to";
}
