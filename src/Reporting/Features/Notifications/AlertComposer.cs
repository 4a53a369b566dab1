using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using Reporting.Features.Organisation;

namespace Reporting.Features.Notifications;

/// <summary>
/// Writes an alert for one recipient. E-mail is not a safe channel, so it says only how many reports
/// (and replies) have arrived and links to the inbox: no content, no category, no receipt, no reference.
/// </summary>
public sealed class AlertComposer(IOptions<NotificationOptions> options, OrganisationProfile organisation, TimeProvider time)
{
    public MimeMessage Compose(string messageId, IReadOnlyDictionary<string, int> counts, string recipient)
    {
        var settings = options.Value;
        var inbox = new Uri(new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/"), "samordnare").ToString();
        var lines = Lines(counts, settings).ToList();
        var subject = lines.Count == 1 ? lines[0] : "Nytt i rapporteringen: " + string.Join(", ", lines.Select(l => char.ToLower(l[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + l[1..]));
        var text =
            $"Hej!\n\n{string.Join("\n", lines.Select(l => $"{l} ({organisation.Name})."))}\n\n" +
            $"Logga in i inkorgen för att läsa: {inbox}\n\n" +
            "Meddelandet innehåller inga uppgifter om rapporterna. Svara inte på det här meddelandet.\n";
        var html =
            $"<!DOCTYPE html><html lang=\"sv\"><body><p>Hej!</p>{string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)} ({WebUtility.HtmlEncode(organisation.Name)}).</p>"))}" +
            $"<p><a href=\"{WebUtility.HtmlEncode(inbox)}\">Logga in i inkorgen för att läsa</a></p>" +
            "<p>Meddelandet innehåller inga uppgifter om rapporterna. Svara inte på det här meddelandet.</p></body></html>";

        var message = new MimeMessage
        {
            MessageId = messageId,
            Subject = subject,
            Date = time.GetUtcNow(),
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(recipient));

        // Ask auto-responders (out-of-office) not to answer a machine.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        return message;
    }

    /// <summary>One sentence per kind of news, in a fixed order; counts only.</summary>
    private static IEnumerable<string> Lines(IReadOnlyDictionary<string, int> counts, NotificationOptions settings)
    {
        if (counts.GetValueOrDefault(OutboxMessage.ReportReceived) is var reports and > 0)
        {
            yield return reports == 1 ? "Ny rapport har kommit in" : $"{reports} nya rapporter har kommit in";
        }

        if (counts.GetValueOrDefault(OutboxMessage.ReplyReceived) is var replies and > 0)
        {
            yield return replies == 1 ? "Ett svar på en rapport har kommit in" : $"{replies} svar på rapporter har kommit in";
        }

        foreach (var line in Reminders.Describe(counts, settings))
        {
            yield return line;
        }
    }
}
