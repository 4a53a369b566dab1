using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Reporting.Features.Notifications;

/// <summary>
/// Writes the alert. E-mail is not a safe channel, so it says only that reports have arrived and
/// links to the inbox: no content, no category, no receipt, no reference.
/// </summary>
public sealed class AlertComposer(IOptions<NotificationOptions> options, Organisation.Organisation organisation, TimeProvider time)
{
    public MimeMessage Compose(string messageId, int reportCount, IReadOnlyList<string> recipients)
    {
        var settings = options.Value;
        var inbox = new Uri(new Uri(settings.PublicBaseUrl.TrimEnd('/') + "/"), "samordnare").ToString();
        var subject = reportCount == 1 ? "Ny rapport har kommit in" : $"{reportCount} nya rapporter har kommit in";
        var arrived = reportCount == 1 ? "En ny rapport har kommit in" : $"{reportCount} nya rapporter har kommit in";
        var text =
            $"Hej!\n\n{arrived} till {organisation.Name}.\n\n" +
            $"Logga in i inkorgen för att läsa: {inbox}\n\n" +
            "Meddelandet innehåller inga uppgifter om rapporterna. Svara inte på det här meddelandet.\n";
        var html =
            $"<!DOCTYPE html><html lang=\"sv\"><body><p>Hej!</p><p>{WebUtility.HtmlEncode(arrived)} till {WebUtility.HtmlEncode(organisation.Name)}.</p>" +
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
        foreach (var recipient in recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        // Ask auto-responders (out-of-office) not to answer a machine.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        return message;
    }
}
