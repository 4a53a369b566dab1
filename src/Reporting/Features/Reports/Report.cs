using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Notifications;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence.Records;

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

    /// <summary>
    /// The administration the report belongs to (a code of <c>Administrations</c>); null for the home
    /// administration, as every report stored before there were several. EF's query filter shows a
    /// coordinator their own administration's only (ADR 19).
    /// </summary>
    public string? Administration { get; private set; }

    /// <summary>The day the report was received, in the organisation's time zone; never the time.</summary>
    public DateOnly ReceivedOn { get; private set; }

    public ReportStatus Status { get; private set; } = ReportStatus.New;

    /// <summary>The day the report was closed (to the day), from which retention counts; null while open.</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Where the coordinator forwarded the report: codes of <see cref="ReportCodes.ForwardedTo"/>, in list order.</summary>
    public IReadOnlyList<string> ForwardedTo { get; private set; } = [];

    public string KeyId { get; private set; } = string.Empty;

    public byte[] WrappedKey { get; private set; } = [];

    public byte[] Content { get; private set; } = [];

    /// <summary>The codes and dates only (<see cref="ReportFacets"/>), sealed apart from the content so the index opens them cheaply.</summary>
    public byte[] Facets { get; private set; } = [];

    /// <summary>
    /// Persistence's stamp of the last change to this row, from one counter for all reports, so an
    /// index in any instance can ask for "what changed since" (ADR 9). Features never set it.
    /// </summary>
    public long Revision { get; private set; }

    /// <summary>HMAC of the receipt code; the code itself is never stored.</summary>
    public byte[] ReceiptHash { get; private set; } = [];

    /// <summary>Replies from the reporter that no coordinator has opened yet (the inbox marks the report).</summary>
    public int UnreadReplies { get; private set; }

    /// <summary>Gallringsstopp: while set, retention deletes nothing of the report, whatever its class's time.</summary>
    public bool RetentionHold { get; private set; }

    /// <summary>A closed report shows its status to the reporter but takes no more replies.</summary>
    public bool TakesReplies => Status != ReportStatus.Closed;

    /// <summary>
    /// A reporter's report is received: it starts as new, and an alert that says only "a report has
    /// arrived" goes into the outbox in the same transaction.
    /// </summary>
    public static (Report Report, OutboxMessage Alert) Submit(Guid id, DateOnly receivedOn, byte[] receiptHash, SealedReport sealedContent, string? administration = null)
    {
        var report = new Report
        {
            Id = id,
            Administration = administration,
            ReceivedOn = receivedOn,
            ReceiptHash = receiptHash,
            KeyId = sealedContent.KeyId,
            WrappedKey = sealedContent.WrappedKey,
            Content = sealedContent.Content,
            Facets = sealedContent.Facets,
        };
        return (report, OutboxMessage.New(OutboxMessage.ReportReceived, administration));
    }

    /// <summary>
    /// A coordinator registers a report that reached them another way (phone, meeting, letter,
    /// e-mail): the same content and checks as the form, its channel in the facets, a reference and
    /// no receipt. No alert: the coordinator who registered it is the one who would be told. Its
    /// receipt hash is random, a receipt no one holds: an empty one would say in clear what the
    /// sealed channel says (that it did not come through the form).
    /// </summary>
    public static Report Register(Guid id, DateOnly receivedOn, SealedReport sealedContent, string? administration = null) => new()
    {
        Id = id,
        Administration = administration,
        ReceivedOn = receivedOn,
        ReceiptHash = Infrastructure.Encryption.SecureRandom.GetBytes(32),
        KeyId = sealedContent.KeyId,
        WrappedKey = sealedContent.WrappedKey,
        Content = sealedContent.Content,
        Facets = sealedContent.Facets,
    };

    /// <summary>
    /// A message in the report's conversation. The reporter's raise an alert that says only "a reply
    /// has arrived" and mark the report unread; a closed report takes no replies. Messages carry the
    /// day, never the time (<paramref name="today"/>), and their place in the conversation.
    /// </summary>
    public (ReportMessage Message, OutboxMessage? Alert) Write(Guid messageId, int number, bool fromReporter, string? author, DateOnly today)
    {
        if (fromReporter && !TakesReplies)
        {
            throw new InvalidOperationException("A closed report takes no replies.");
        }

        var message = ReportMessage.New(messageId, Id, number, fromReporter, author, today);
        if (!fromReporter)
        {
            return (message, null);
        }

        UnreadReplies++;
        return (message, OutboxMessage.New(OutboxMessage.ReplyReceived, Administration));
    }

    /// <summary>
    /// A misrouted report moves to another administration (<paramref name="administration"/>: its
    /// stored code). Its reference, content and history stay; its coordinators are alerted that a
    /// report has arrived, and the sender's administration sees it no more (ADR 19).
    /// </summary>
    public OutboxMessage TransferTo(string? administration)
    {
        if (administration == Administration)
        {
            throw new ReportRuleException("administration", "Rapporten hör redan till den förvaltningen.");
        }

        Administration = administration;
        return OutboxMessage.New(OutboxMessage.ReportReceived, administration);
    }

    /// <summary>A coordinator has opened the report: its replies are read.</summary>
    public void MarkRepliesRead() => UnreadReplies = 0;

    /// <summary>New sealed facets (the coordinator's assessment or link changed, or an older report gets its first).</summary>
    public void ReplaceFacets(byte[] sealedFacets) => Facets = sealedFacets;

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
            throw new ReportRuleException("forwardedTo", "Välj vart rapporten har vidarebefordrats (\"Vidarebefordrad till\") när statusen är Vidarebefordrad.");
        }

        var change = new ReportChange(Id, Reference, ReportChange.StatusField, Status.Code, to.Code, at, actor);
        Status = to;
        ClosedOn = to == ReportStatus.Closed ? today : null;
        return change;
    }

    public ReportChange? Close(string actor, DateTimeOffset at, DateOnly today) => ChangeStatus(ReportStatus.Closed, actor, at, today);

    /// <summary>
    /// A coordinator's change of status and of where the report went, decided here: choosing
    /// "forwarded" forwards (to the given recipients, or those already set), otherwise the recipients
    /// are corrected and the status changed. Returns the changes that happened.
    /// </summary>
    public IReadOnlyList<ReportChange> Route(ReportStatus? status, IReadOnlyList<string>? forwardedTo, string actor, DateTimeOffset at, DateOnly today)
    {
        if (status == ReportStatus.Forwarded)
        {
            return Forward(forwardedTo ?? [.. ForwardedTo], actor, at, today);
        }

        var corrected = forwardedTo is null ? null : SetForwardedTo(forwardedTo, actor, at);
        var changed = status is null ? null : ChangeStatus(status, actor, at, today);
        return [.. new[] { corrected, changed }.OfType<ReportChange>()];
    }

    /// <summary>A coordinator's internal note; the caller seals its text with the report's key (the report cannot open its own envelope).</summary>
    public ReportNote AddNote(string author, DateTimeOffset at, Func<Guid, byte[]> seal)
    {
        var id = Guid.NewGuid();
        return new ReportNote { Id = id, ReportId = Id, WrittenAt = at.ToUnixTimeMilliseconds(), Author = author, Content = seal(id) };
    }

    /// <summary>A report's data key is wrapped with its administration's own key (null: the home one of a deployment with one: the master key).</summary>
    public string? KeyOwner => Administration;

    /// <summary>Key rotation or transfer: the same data key, wrapped by another key-encryption key.</summary>
    public void Rewrap(WrappedDataKey key)
    {
        KeyId = key.KeyId;
        WrappedKey = key.Wrapped;
    }

    /// <summary>Persistence stamps each change with the next revision of the report clock (ADR 9).</summary>
    internal void StampRevision(long revision) => Revision = revision;

    /// <summary>Forwarded to these recipients: the list is set and the status becomes forwarded.</summary>
    public IReadOnlyList<ReportChange> Forward(IEnumerable<string> targets, string actor, DateTimeOffset at, DateOnly today) =>
        [.. new[] { SetForwardedTo(targets, actor, at), ChangeStatus(ReportStatus.Forwarded, actor, at, today) }.OfType<ReportChange>()];

    /// <summary>
    /// The coordinator's assessment of the environment after handling (null clears it); the
    /// reporter's own choice stays in the content. Facets are given and returned: the report cannot
    /// open its own envelope.
    /// </summary>
    /// <summary>A hold on retention set or lifted (gallringsstopp); null when nothing changes.</summary>
    public ReportChange? Hold(bool hold, string actor, DateTimeOffset at)
    {
        if (hold == RetentionHold)
        {
            return null;
        }

        RetentionHold = hold;
        return new ReportChange(Id, Reference, ReportChange.HoldField, (!hold).ToString(), hold.ToString(), at, actor);
    }

    /// <summary>The secrecy marking set or removed (it lives in the sealed facets); no change when it is the same.</summary>
    public (ReportFacets Facets, ReportChange? Change) MarkSecrecy(ReportFacets facets, string? provision, string actor, DateTimeOffset at) =>
        facets.Secrecy == provision
            ? (facets, null)
            : (facets with { Secrecy = provision }, new ReportChange(Id, Reference, ReportChange.SecrecyField, facets.Secrecy, provision, at, actor));

    public (ReportFacets Facets, ReportChange? Change) Assess(ReportFacets facets, string? environment, string actor, DateTimeOffset at) =>
        facets.AssessedEnvironment == environment
            ? (facets, null)
            : (facets with { AssessedEnvironment = environment }, new ReportChange(Id, Reference, ReportChange.AssessedEnvironmentField, facets.AssessedEnvironment, environment, at, actor));

    /// <summary>
    /// Links the report to the one that stands for the same event (null unlinks). A report cannot
    /// stand for itself, and a link that would lead back to this report (a cycle) is refused;
    /// <paramref name="linkOf"/> says where a report links to.
    /// </summary>
    public (ReportFacets Facets, ReportChange? Change) LinkTo(
        ReportFacets facets, ReportReference? target, Func<ReportReference, ReportReference?> linkOf, string actor, DateTimeOffset at)
    {
        var text = target?.ToString();
        if (facets.LinkedTo == text)
        {
            return (facets, null);
        }

        if (target == Reference)
        {
            throw new ReportRuleException("linkedTo", "En rapport kan inte kopplas till sig själv.");
        }

        // Bounded: links are never allowed to form a cycle, so only a damaged row could make this long.
        var depth = 0;
        for (var next = target; next is { } step && depth < 256; next = linkOf(step), depth++)
        {
            if (step == Reference)
            {
                throw new ReportRuleException("linkedTo", $"{target} är redan kopplad till den här rapporten; en koppling åt andra hållet skulle bli en cirkel.", conflict: true);
            }
        }

        return (facets with { LinkedTo = text }, new ReportChange(Id, Reference, ReportChange.LinkedToField, facets.LinkedTo, text, at, actor));
    }

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
            throw new ReportRuleException("forwardedTo", "En vidarebefordrad rapport måste ange vart den har vidarebefordrats.");
        }

        var change = new ReportChange(Id, Reference, ReportChange.ForwardedToField, string.Join(',', ForwardedTo), string.Join(',', ordered), at, actor);
        ForwardedTo = ordered;
        return change;
    }
}

/// <summary>A sealed report as <see cref="ReportSealer"/> makes it: the wrapped data key, the content and the facets it sealed.</summary>
public sealed record SealedReport(string KeyId, byte[] WrappedKey, byte[] Content, byte[] Facets);

/// <summary>
/// One change of a report's handling, as data: which field, from what to what (codes), when and by
/// whom. The audit log shows it in words; statistics (the status at a quarter's end) read it as it is.
/// </summary>
public sealed record ReportChange(Guid ReportId, ReportReference Reference, string Field, string? From, string? To, DateTimeOffset At, string Actor)
{
    public const string StatusField = "status";
    public const string ForwardedToField = "forwarded-to";
    public const string AssessedEnvironmentField = "assessed-environment";
    public const string LinkedToField = "linked-to";
    public const string SecrecyField = "secrecy";
    public const string HoldField = "hold";

    /// <summary>A change of status is also kept as data for the statistics (<see cref="ReportStatusChange"/>); other changes are not.</summary>
    public ReportStatusChange? StatusRow => Field == StatusField ? ReportStatusChange.Of(this) : null;
}

/// <summary>How <see cref="Report"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.ToTable("Reports");
        report.HasKey(r => r.Id);
        report.Ignore(r => r.Reference);
        report.HasIndex(r => new { r.ReferenceYear, r.ReferenceNumber }).IsUnique();
        report.HasIndex(r => r.ReceiptHash).IsUnique();
        report.HasIndex(r => r.ReceivedOn);
        report.HasIndex(r => new { r.Status, r.ClosedOn });
        report.HasIndex(r => r.Revision);
        report.HasIndex(r => r.Administration);
        report.Property(r => r.Administration).HasMaxLength(40);
        report.Property(r => r.Status).HasConversion(status => status.Code, code => ReportStatus.FromCode(code)).HasMaxLength(20);
        report.Property(r => r.KeyId).HasMaxLength(64); // "master/administration" for an administration's own key
        // Workflow metadata in clear (ADR 3): the codes, comma-separated, in list order.
        report.Property(r => r.ForwardedTo)
            .HasConversion(
                codes => string.Join(',', codes),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, code) => HashCode.Combine(hash, code)), list => list.ToArray()))
            .HasMaxLength(100)
            .HasDefaultValue((IReadOnlyList<string>)Array.Empty<string>());
    }
}
