using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Notifications;

/// <summary>
/// Who is alerted: every coordinator account's e-mail address (so a fresh install alerts its first
/// coordinator with no extra setting) and any extra address in Notifications:Recipients.
/// </summary>
public sealed class AlertRecipients(IOptions<NotificationOptions> options, IDbContextFactory<ReportingDbContext> contexts)
{
    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var coordinators = await db.Users.AsNoTracking()
            .Where(u => u.Email != null)
            .OrderBy(u => u.Email)
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        return [.. coordinators.Concat(options.Value.Recipients).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
