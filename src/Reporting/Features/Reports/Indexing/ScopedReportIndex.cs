namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// The report index as a request sees it: the part of the snapshot its administration owns
/// (<see cref="ReportIndexSnapshot.For"/>). Use cases take this, never <see cref="ReportIndex"/>
/// itself, so no handler can forget the administration (a test holds them to it); the index's own
/// jobs (warm-up, reminders, telemetry) read the whole.
/// </summary>
public sealed class ScopedReportIndex(ReportIndex index, Administrations.AdministrationScope scope)
{
    public async ValueTask<ReportIndexSnapshot> CurrentAsync(CancellationToken cancellationToken) =>
        (await index.CurrentAsync(cancellationToken)).For(scope);
}
