using Microsoft.Extensions.Options;

namespace Reporting.Features.Notifications;

/// <summary>Who is alerted: every address in Notifications:Recipients (coordinator accounts join when they exist).</summary>
public sealed class AlertRecipients(IOptions<NotificationOptions> options)
{
    public Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> recipients = [.. options.Value.Recipients.Distinct(StringComparer.OrdinalIgnoreCase)];
        return Task.FromResult(recipients);
    }
}
