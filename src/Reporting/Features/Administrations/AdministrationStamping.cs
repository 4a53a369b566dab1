using Microsoft.EntityFrameworkCore;
using Reporting.Hosting;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Administrations;

/// <summary>
/// At start with several administrations configured: surveys and situation pictures made while there
/// was one (their administration empty) become the home administration's. Reports, messages and
/// audit lines need no such step: their empty administration already means the home one.
/// Idempotent, and a no-op with one administration.
/// </summary>
public sealed class AdministrationStamping(IDbContextFactory<ReportingDbContext> contexts, AdministrationCatalogue administrations) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!administrations.AreSeveral)
        {
            return;
        }

        var home = administrations.Home.Code;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Surveys.Where(s => s.Administration == string.Empty).ExecuteUpdateAsync(s => s.SetProperty(x => x.Administration, home), cancellationToken);
        await db.SituationPictures.Where(p => p.Administration == string.Empty).ExecuteUpdateAsync(p => p.SetProperty(x => x.Administration, home), cancellationToken);
    }
}
