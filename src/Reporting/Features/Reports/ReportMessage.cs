using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Reports;

/// <summary>
/// One message of a report's conversation between the coordinator and the anonymous reporter. The
/// text is sealed with the report's data key, bound to the message's own id. Only the day is kept,
/// and the message's number in the conversation orders it (no time is stored about a report).
/// </summary>
public sealed class ReportMessage
{
    public const string Coordinator = "coordinator";
    public const string Reporter = "reporter";

    private ReportMessage()
    {
    }

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    /// <summary>1, 2, 3 … within the report.</summary>
    public int Number { get; private set; }

    public bool FromReporter { get; private set; }

    /// <summary>The coordinator who wrote it; null for the reporter, who has no name here.</summary>
    public string? Author { get; private set; }

    public DateOnly SentOn { get; private set; }

    public byte[] Content { get; set; } = [];

    public string From => FromReporter ? Reporter : Coordinator;

    internal static ReportMessage New(Guid id, Guid reportId, int number, bool fromReporter, string? author, DateOnly sentOn) => new()
    {
        Id = id,
        ReportId = reportId,
        Number = number,
        FromReporter = fromReporter,
        Author = fromReporter ? null : author,
        SentOn = sentOn,
    };
}

/// <summary>How <see cref="ReportMessage"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReportMessageConfiguration : IEntityTypeConfiguration<ReportMessage>
{
    public void Configure(EntityTypeBuilder<ReportMessage> message)
    {
        message.ToTable("ReportMessages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Author).HasMaxLength(256);
        message.Ignore(m => m.From);
        // Two messages written at once cannot take the same place in the conversation.
        message.HasIndex(m => new { m.ReportId, m.Number }).IsUnique();
        message.HasOne<Report>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
