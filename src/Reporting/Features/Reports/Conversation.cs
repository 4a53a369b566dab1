using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Identifiers;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports;

/// <summary>
/// What both sides of a report's conversation share: the rules for a message's text, the identifier
/// check with the description's rules (blocking kinds refused, warnings need confirming), and adding
/// the next message sealed, with the alert a reporter's reply raises.
/// </summary>
public static class Conversation
{
    public const int MessageMaxLength = 4000;

    public static IRuleBuilderOptions<T, string?> MessageText<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage("Skriv ett meddelande.")
            .MaximumLength(MessageMaxLength).WithMessage($"Meddelandet får vara högst {MessageMaxLength} tecken.")
            .CleanText("Meddelandet");

    /// <summary>Adds the report's next message (sealed) and, for a reporter's reply, its alert, to the caller's unit of work.</summary>
    public static async Task<ReportMessage> AddAsync(
        ReportingDbContext db, ReportSealer sealer, Report report, bool fromReporter, string? author, string text, DateOnly today, CancellationToken cancellationToken)
    {
        var number = 1 + (await db.Messages.Where(m => m.ReportId == report.Id).MaxAsync(m => (int?)m.Number, cancellationToken) ?? 0);
        var (message, alert) = report.Write(RandomIds.NewGuid(), number, fromReporter, author, today);
        message.Content = sealer.SealMessage(report, message.Id, FreeTextRules.Normalise(text));
        db.Messages.Add(message);
        if (alert is not null)
        {
            db.Outbox.Add(alert);
        }

        return message;
    }
}
