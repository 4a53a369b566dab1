using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;

namespace Reporting.Tests.Support;

/// <summary>Reads what an alert counts from its subject ("Ny rapport har kommit in", "3 nya rapporter har kommit in").</summary>
public static partial class AlertMail
{
    [GeneratedRegex(@"(\d+) nya rapporter")]
    private static partial Regex Reports();

    public static int ReportsIn(MimeMessage message)
    {
        var subject = message.Subject ?? string.Empty;
        if (Reports().Match(subject) is { Success: true } match)
        {
            return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return subject.StartsWith("Ny rapport", StringComparison.Ordinal) || subject.Contains("ny rapport", StringComparison.Ordinal) ? 1 : 0;
    }

    /// <summary>Reports counted by the alerts one recipient received.</summary>
    public static int ReportsFor(IEnumerable<MimeMessage> messages, string recipient) =>
        messages.Where(m => m.To.Mailboxes.Any(b => b.Address == recipient)).Sum(ReportsIn);
}
