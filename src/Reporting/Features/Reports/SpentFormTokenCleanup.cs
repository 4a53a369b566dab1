using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Jobs;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports;

/// <summary>
/// Every hour: forgets the spent form tokens no form can still carry (<see cref="FormToken.ValidDays"/>
/// days and one more for a form rendered just before midnight), so the table holds a few days of
/// hashes and never grows with the years.
/// </summary>
public sealed class SpentFormTokenCleanup(
    IDbContextFactory<ReportingDbContext> contexts,
    OrganisationProfile organisation,
    TimeProvider time,
    ILogger<SpentFormTokenCleanup> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken);

    /// <summary>Deletes the tokens spent before the oldest day a form may still be sent from; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = organisation.Today().AddDays(-(FormToken.ValidDays + 1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SpentFormTokens.Where(t => t.SpentOn < before).ExecuteDeleteAsync(cancellationToken);
    }
}
