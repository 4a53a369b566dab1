namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// Builds the index while the service starts, before it listens, so the first inbox request and
/// /health/ready find it built. Hosted services do not run for admin verbs: a verb that needs the
/// index builds it on first use. At a graceful stop it stores the index's sealed copy, so the next
/// start reads that and only what changed since.
/// </summary>
public sealed class ReportIndexWarmUp(ReportIndex index) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await index.CurrentAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => index.StoreCopyAsync(cancellationToken);
}
