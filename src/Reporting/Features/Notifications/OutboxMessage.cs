using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Notifications;

/// <summary>
/// Something to tell the coordinators about, written in the same transaction as what caused it, so
/// it cannot be lost. It names no report and holds no content or time: it only says that something
/// happened. Pending until an alert takes it (<see cref="BatchId"/>); deleted with that alert once
/// every recipient's mail server has accepted it, so it is never counted twice.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>A report has arrived (the form, or registered by a coordinator).</summary>
    public const string ReportReceived = "report-received";

    /// <summary>A reporter has answered through the follow-up page.</summary>
    public const string ReplyReceived = "reply-received";

    public static IReadOnlyList<string> Types { get; } = [ReportReceived, ReplyReceived];

    /// <summary>
    /// A number the database counts up: the index grows at its end (one page written per batch of
    /// reports, not one random page per report). It orders messages as references already order
    /// reports, and dates nothing.
    /// </summary>
    public long Id { get; set; }

    /// <summary>One of <see cref="Types"/>: what happened, which the alert counts.</summary>
    public string Type { get; set; } = ReportReceived;

    /// <summary>The alert that counts this message; null while it waits for one.</summary>
    public Guid? BatchId { get; set; }

    /// <summary>The administration whose coordinators the alert goes to (null: the home administration).</summary>
    public string? Administration { get; set; }

    /// <summary>A new message; the database numbers it.</summary>
    public static OutboxMessage New(string type, string? administration = null) => new() { Type = type, Administration = administration };
}

/// <summary>
/// One alert: the counts of the outbox messages it took, fixed when it was made, so a retry says
/// the same. It holds no time and no content.
/// </summary>
public sealed class AlertBatch
{
    public Guid Id { get; set; }

    /// <summary>"report-received=3;reply-received=1": counts per message type.</summary>
    public string Counts { get; set; } = string.Empty;

    public IReadOnlyDictionary<string, int> CountsByType() =>
        Counts.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .ToDictionary(kv => kv[0], kv => int.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public static string Format(IEnumerable<KeyValuePair<string, int>> counts) =>
        string.Join(';', counts.Where(c => c.Value > 0).Select(c => $"{c.Key}={c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// One recipient's copy of an alert: sent and retried on its own, with a Message-ID of its own that
/// stays the same across retries (so a resend after an unknown outcome is recognisably the same mail)
/// and is random (so it dates nothing). When to try a failed one again is held by the sender in memory,
/// not here: a retry time follows the failure, which follows the alert, which (without the daily
/// schedule) follows the report by seconds.
/// </summary>
public sealed class AlertDelivery
{
    public Guid Id { get; set; }

    public Guid BatchId { get; set; }

    public string Recipient { get; set; } = string.Empty;

    public string MessageId { get; set; } = string.Empty;

    public int Attempts { get; set; }

    /// <summary>The kind of the last failure (an exception type or SMTP status), never content.</summary>
    public string? LastError { get; set; }
}

/// <summary>How <see cref="OutboxMessage"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> outbox)
    {
        outbox.ToTable("Outbox");
        outbox.HasKey(o => o.Id);
        outbox.Property(o => o.Type).HasMaxLength(40);
        outbox.Property(o => o.Administration).HasMaxLength(40);
        outbox.HasIndex(o => o.BatchId);
    }
}

/// <summary>How <see cref="AlertBatch"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class AlertBatchConfiguration : IEntityTypeConfiguration<AlertBatch>
{
    public void Configure(EntityTypeBuilder<AlertBatch> batch)
    {
        batch.ToTable("AlertBatches");
        batch.HasKey(b => b.Id);
        batch.Property(b => b.Counts).HasMaxLength(400);
    }
}

/// <summary>How <see cref="AlertDelivery"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> delivery)
    {
        delivery.ToTable("AlertDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Recipient).HasMaxLength(320);
        delivery.Property(d => d.MessageId).HasMaxLength(200);
        delivery.Property(d => d.LastError).HasMaxLength(200);
        delivery.HasIndex(d => d.BatchId);
    }
}
