using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Reporting.Features.Notifications;

public sealed class NotificationOptions : IValidatableObject
{
    public const string SectionName = "Notifications";

    public string From { get; set; } = "Rapportering <no-reply@localhost>";

    /// <summary>Extra addresses for alerts; every coordinator account gets them anyway.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>
    /// Deprecated (kept working): at most one alert e-mail per this many minutes. Alerts coalesce
    /// anyway (<see cref="CoalesceSeconds"/>); use <see cref="Schedule"/> "daily" for fewer e-mails.
    /// </summary>
    public int DigestMinutes { get; set; }

    /// <summary>Alerts due within this many seconds go out as one e-mail per recipient that counts them (a backlog too).</summary>
    public double CoalesceSeconds { get; set; } = 30;

    /// <summary>"immediate" (after the coalescing window) or "daily" (at most one e-mail a day, at <see cref="DailyAt"/>).</summary>
    public string Schedule { get; set; } = Immediate;

    /// <summary>With the daily schedule: the local time (Organisation:TimeZone) the day's e-mail goes out, "HH:mm".</summary>
    public string DailyAt { get; set; } = "08:00";

    /// <summary>A content-free reminder when reports are still new after this many days (0 = off).</summary>
    public int RemindNewAfterDays { get; set; } = 7;

    /// <summary>A content-free reminder when reports are not closed after this many days (0 = off).</summary>
    public int RemindOpenAfterDays { get; set; } = 90;

    public const string Immediate = "immediate";
    public const string Daily = "daily";

    public bool IsDaily => string.Equals(Schedule, Daily, StringComparison.OrdinalIgnoreCase);

    /// <summary>The daily time as parsed (validated at start).</summary>
    public TimeOnly DailyTime => TimeOnly.ParseExact(DailyAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string PickupDirectory { get; set; } = "{DataDirectory}/mail";

    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>First retry delay after a failed send; doubles per attempt (with jitter) up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryInitialSeconds { get; set; } = 10;

    public double RetryMaxSeconds { get; set; } = 1800;

    /// <summary>After this many failed attempts an alert shows as failing in health (it is still retried).</summary>
    public int FailingAfterAttempts { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("Notifications:From is not an e-mail address (for example: Rapportering <no-reply@kommun.se>).");
        }

        for (var i = 0; i < Recipients.Count; i++)
        {
            if (!MailboxAddress.TryParse(Recipients[i], out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                yield return new ValidationResult($"Notifications:Recipients:{i} is not an e-mail address.");
            }
        }

        if (DigestMinutes < 0)
        {
            yield return new ValidationResult("Notifications:DigestMinutes must be 0 (off) or more.");
        }

        if (CoalesceSeconds is < 0 or > 86_400)
        {
            yield return new ValidationResult("Notifications:CoalesceSeconds must be between 0 and 86400.");
        }

        if (!string.Equals(Schedule, Immediate, StringComparison.OrdinalIgnoreCase) && !IsDaily)
        {
            yield return new ValidationResult("Notifications:Schedule must be 'immediate' or 'daily'.");
        }

        if (!TimeOnly.TryParseExact(DailyAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            yield return new ValidationResult("Notifications:DailyAt must be a time of day like 08:00.");
        }

        if (RemindNewAfterDays is < 0 or > 3650 || RemindOpenAfterDays is < 0 or > 3650)
        {
            yield return new ValidationResult("Notifications:RemindNewAfterDays and Notifications:RemindOpenAfterDays must be between 0 (off) and 3650.");
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Notifications:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(PickupDirectory))
        {
            yield return new ValidationResult("Notifications:PickupDirectory must not be empty.");
        }

        if (RetryInitialSeconds <= 0 || RetryMaxSeconds < RetryInitialSeconds)
        {
            yield return new ValidationResult("Notifications:RetryInitialSeconds must be above 0 and at most Notifications:RetryMaxSeconds.");
        }
    }
}
