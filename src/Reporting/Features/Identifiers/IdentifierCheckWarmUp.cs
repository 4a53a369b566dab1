namespace Reporting.Features.Identifiers;

/// <summary>
/// Loads the check's word lists (the Swedish lexicon takes a few hundred milliseconds) when the
/// service starts, in the background, so the first person to type or submit does not wait for them.
/// Only the shipped lists: the scanner itself is left to whoever asks for it first.
/// </summary>
public sealed class IdentifierCheckWarmUp : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => (SwedishWords.Shipped.Count, NameLexicon.Shipped.FirstNameCount), CancellationToken.None);
}
