namespace Reporting.Features.Identifiers;

/// <summary>
/// Loads the check's word lists (the Swedish lexicon takes a few hundred milliseconds) when the
/// service starts, in the background, so the first person to type or submit does not wait for them.
/// </summary>
public sealed class IdentifierCheckWarmUp(IdentifierScanner scanner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => scanner.Scan("Eleven Abdi sa att han bor på Storgatan 1."), stoppingToken);
}
