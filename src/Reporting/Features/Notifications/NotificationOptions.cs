using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Reporting.Features.Notifications;

public sealed class NotificationOptions : IValidatableObject
{
    public const string SectionName = "Notifications";

    public string From { get; set; } = "Rapportering <no-reply@localhost>";

    /// <summary>Extra addresses for alerts; every coordinator account gets them anyway.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>0 = one alert per report; otherwise at most one alert per this many minutes.</summary>
    public int DigestMinutes { get; set; }

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
            yield return new ValidationResult("Notifications:DigestMinutes must be 0 (one alert per report) or more.");
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
