using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Notifications;

/// <summary>Degraded while alerts keep failing, so an operator sees it; counts only, never content.</summary>
public sealed class AlertHealthCheck(IDbContextFactory<ReportingDbContext> contexts, IOptions<NotificationOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var threshold = options.Value.FailingAfterAttempts;
        var failing = await db.AlertDeliveries.CountAsync(d => d.Attempts >= threshold, cancellationToken);
        var data = new Dictionary<string, object> { ["failingAlerts"] = failing };
        return failing == 0
            ? HealthCheckResult.Healthy("Alerts are being delivered.", data)
            : HealthCheckResult.Degraded($"{failing} alerts have failed {threshold} or more times and are still being retried.", data: data);
    }
}
