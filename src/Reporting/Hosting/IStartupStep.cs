namespace Reporting.Hosting;

/// <summary>
/// Work a feature needs done after the database is ready and before anything is served (or an
/// admin verb runs). Registered as a service; run once, in registration order, by PrepareAsync.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
