namespace Reporting.Infrastructure.Jobs;

/// <summary>
/// A background job that runs once at start and then every <see cref="Interval"/> on the service's
/// clock (so tests move it with the clock). A failed run is logged by its exception type only (an
/// exception message may quote data) and the job runs again at the next tick.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>False keeps the job from starting at all (a feature switched off); said once in the log by the job.</summary>
    protected virtual bool IsEnabled => true;

    /// <summary>One run; the job decides itself whether there is anything to do now.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                using var span = Telemetry.ReportingMetrics.Jobs.StartActivity(GetType().Name);
                await RunAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, GetType().Name, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Error, Message = "{Job} failed a run ({ExceptionType}); it runs again at its next time")]
    private static partial void LogFailed(ILogger logger, string job, string exceptionType);
}
