using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Reports;

namespace Reporting.Features.Records;

/// <summary>
/// A request for a report under the principle of public access, and what was decided: released in
/// full, in part, or refused, on which ground, to whom. Everything typed is sealed with the report's
/// data key (bound to the row's id); the day asked is the coordinator's record of a request, not
/// anything a reporter did. Goes with its report at retention.
/// </summary>
public sealed class Disclosure
{
    public const string TableName = "Disclosures";

    private Disclosure()
    {
    }

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    /// <summary>The day the request came in, as the coordinator gave it.</summary>
    public DateOnly RequestedOn { get; private set; }

    public byte[] Content { get; set; } = [];

    public static Disclosure New(Guid id, Guid reportId, DateOnly requestedOn) => new() { Id = id, ReportId = reportId, RequestedOn = requestedOn };
}

/// <summary>What a disclosure records, as sealed.</summary>
public sealed record DisclosureContent(string Requester, string Decision, string? Ground, string? Recipient, string Actor, DateOnly DecidedOn);

/// <summary>The decisions on a request for a public document.</summary>
public static class DisclosureDecisions
{
    public const string Released = "released";
    public const string Partly = "partly";
    public const string Refused = "refused";

    public static IReadOnlyList<string> All { get; } = [Released, Partly, Refused];

    public static string Label(string decision) => decision switch
    {
        Released => "Lämnas ut",
        Partly => "Lämnas ut delvis",
        Refused => "Avslag",
        _ => decision,
    };

    /// <summary>A refusal in whole or in part can be appealed, and the decision must say how.</summary>
    public static bool IsAppealable(string decision) => decision is Partly or Refused;
}

/// <summary>How <see cref="Disclosure"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> disclosure)
    {
        disclosure.ToTable(Features.Records.Disclosure.TableName);
        disclosure.HasKey(d => d.Id);
        disclosure.HasIndex(d => d.RequestedOn);
        disclosure.HasOne<Report>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
