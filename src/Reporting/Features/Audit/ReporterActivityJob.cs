using Reporting.Infrastructure.Jobs;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Audit;

/// <summary>
/// Every hour: the reporters' activity of the days that are over becomes audit lines dated to the day
/// (<see cref="ReporterActivity"/>). Once for all instances (an exclusive job). Logs the count only.
/// </summary>
public sealed partial class ReporterActivityJob(
    Microsoft.EntityFrameworkCore.IDbContextFactory<ReportingDbContext> contexts,
    ReporterActivity activity,
    TimeProvider time,
    ILogger<ReporterActivityJob> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken);

    /// <summary>Writes what ended days hold; returns how many audit lines.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var job = await db.BeginExclusiveJobAsync(ExclusiveJob.ReporterActivity, cancellationToken);
        if (job is null)
        {
            return 0;
        }

        var written = await activity.WriteEndedDaysAsync(db, cancellationToken);
        await job.CompleteAsync(cancellationToken);
        if (written > 0)
        {
            LogWritten(logger, written);
        }

        return written;
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "The reporters' activity of ended days: {Lines} audit lines")]
    private static partial void LogWritten(ILogger logger, int lines);
}
