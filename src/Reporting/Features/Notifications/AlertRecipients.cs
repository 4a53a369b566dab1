using Reporting.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Notifications;

/// <summary>
/// Who is alerted: every coordinator account's e-mail address (so a fresh install alerts its first
/// coordinator with no extra setting) and any extra address in Notifications:Recipients. A deputy
/// whose last day has passed is alerted no more.
/// </summary>
public sealed class AlertRecipients(IOptions<NotificationOptions> options, IDbContextFactory<ReportingDbContext> contexts, OrganisationProfile organisation)
{
    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = organisation.Today();
        var coordinators = await db.Users.AsNoTracking()
            .Where(u => u.Email != null)
            .Where(u => u.AccessUntil == null || u.AccessUntil >= today)
            .OrderBy(u => u.Email)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        return [.. coordinators.Concat(options.Value.Recipients).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
