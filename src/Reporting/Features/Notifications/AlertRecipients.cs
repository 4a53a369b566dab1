using Reporting.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Notifications;

/// <summary>
/// Who is alerted about an administration's reports: every coordinator account of that administration
/// (so a fresh install alerts its first coordinator with no extra setting) and its extra addresses
/// (<c>Administrations:N:Recipients</c>; for the home administration also Notifications:Recipients).
/// A deputy whose last day has passed is alerted no more, and a city coordinator never (they see no
/// report).
/// </summary>
public sealed class AlertRecipients(
    IOptions<NotificationOptions> options, IDbContextFactory<ReportingDbContext> contexts, OrganisationProfile organisation, Administrations.AdministrationCatalogue administrations)
{
    /// <summary>The home administration's recipients (the only ones of a deployment with one).</summary>
    public Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken) => GetAsync(administrations.Home, cancellationToken);

    public async Task<IReadOnlyList<string>> GetAsync(Administrations.Administration administration, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = organisation.Today();
        var code = administration.Code;
        var home = administration.IsHome;
        var coordinators = await db.Users.AsNoTracking()
            .Where(u => u.Email != null)
            .Where(u => u.AccessUntil == null || u.AccessUntil >= today)
            .Where(u => u.Role == Coordinators.CoordinatorRoles.Coordinator)
            .Where(u => u.Administration == code || (home && u.Administration == null))
            .OrderBy(u => u.Email)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        var extra = home ? [.. administration.Recipients, .. options.Value.Recipients] : administration.Recipients;
        return [.. coordinators.Concat(extra).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
