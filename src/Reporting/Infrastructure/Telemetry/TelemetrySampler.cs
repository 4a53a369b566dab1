using Reporting.Features.Organisation;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Jobs;

namespace Reporting.Infrastructure.Telemetry;

/// <summary>Every hour, the index's size as the metrics publish it: the reports received before today.</summary>
public sealed class TelemetrySampler(
    ReportIndex index,
    ReportingMetrics metrics,
    OrganisationProfile organisation,
    Microsoft.Extensions.Options.IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<TelemetrySampler> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool IsEnabled => options.Value.Enabled;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var today = organisation.Today();
        metrics.IndexSize(snapshot.OldestFirst.Count(r => r.ReceivedOn < today));
    }
}
