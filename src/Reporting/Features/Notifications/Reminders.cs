namespace Reporting.Features.Notifications;

/// <summary>
/// The reminders' kinds of news and how an alert says them: counts of reports left unassessed or
/// open too long, nothing else (which reports, the inbox shows).
/// </summary>
public static class Reminders
{
    /// <summary>Reports still new after <c>Notifications:RemindNewAfterDays</c>.</summary>
    public const string StillNew = "reminder-new";

    /// <summary>Reports not closed after <c>Notifications:RemindOpenAfterDays</c>.</summary>
    public const string StillOpen = "reminder-open";

    public static IEnumerable<string> Describe(IReadOnlyDictionary<string, int> counts, NotificationOptions settings)
    {
        if (counts.GetValueOrDefault(StillNew) is var unassessed and > 0)
        {
            yield return unassessed == 1
                ? $"1 rapport har inte bedömts på {settings.RemindNewAfterDays} dagar"
                : $"{unassessed} rapporter har inte bedömts på {settings.RemindNewAfterDays} dagar";
        }

        if (counts.GetValueOrDefault(StillOpen) is var open and > 0)
        {
            yield return open == 1
                ? $"1 rapport har varit öppen i mer än {settings.RemindOpenAfterDays} dagar"
                : $"{open} rapporter har varit öppna i mer än {settings.RemindOpenAfterDays} dagar";
        }
    }
}
