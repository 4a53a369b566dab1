using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Audit;

/// <summary>What an audit line records; codes in the API, Swedish labels in the inbox.</summary>
public static class AuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInLockedOut = "sign-in-locked-out";
    public const string SignedOut = "signed-out";
    public const string CoordinatorInvited = "coordinator-invited";
    public const string CoordinatorEnrolled = "coordinator-enrolled";
    public const string CoordinatorRemoved = "coordinator-removed";
    public const string CoordinatorReset = "coordinator-reset";
    public const string SingleSignOnAllowed = "single-sign-on-allowed";
    public const string ReportsListed = "reports-listed";
    public const string ReportRead = "report-read";
    public const string ReceiptLookedUp = "receipt-looked-up";
    public const string StatusChanged = "status-changed";
    public const string ForwardedToChanged = "forwarded-to-changed";
    public const string ReportChanged = "report-changed";
    public const string NoteAdded = "note-added";
    public const string SummaryExported = "summary-exported";
    public const string SummaryViewed = "summary-viewed";
    public const string RetentionDeleted = "retention-deleted";
    public const string AuditLogRead = "audit-log-read";
    public const string ReportRegistered = "report-registered";
    public const string MessageSent = "message-sent";
    public const string ReplyReceived = "reply-received";
    public const string FollowUpRead = "follow-up-read";
    public const string EnvironmentAssessed = "environment-assessed";
    public const string LinkChanged = "link-changed";
    public const string RemindersSent = "reminders-sent";
    public const string SituationPictureSaved = "situation-picture-saved";
    public const string SituationPictureRead = "situation-picture-read";
    public const string SituationPictureExported = "situation-picture-exported";
    public const string SurveyOpened = "survey-opened";
    public const string SurveyClosed = "survey-closed";
    public const string SurveyExported = "survey-exported";
    public const string PhotoViewed = "photo-viewed";
    public const string PhotoRedacted = "photo-redacted";
    public const string SecrecyMarked = "secrecy-marked";
    public const string RetentionHoldChanged = "retention-hold-changed";
    public const string RegisterExported = "register-exported";
    public const string RedactedCopyMade = "redacted-copy-made";
    public const string DisclosureRecorded = "disclosure-recorded";
    public const string DisclosuresRead = "disclosures-read";
    public const string ArchivePackaged = "archive-packaged";
    public const string PasskeyAdded = "passkey-added";
    public const string PasskeyRemoved = "passkey-removed";
    public const string ReportTransferred = "report-transferred";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [SignedIn] = "Inloggning",
        [SignInFailed] = "Misslyckad inloggning",
        [SignInLockedOut] = "Inloggning spärrad",
        [SignedOut] = "Utloggning",
        [CoordinatorInvited] = "Samordnare inbjuden",
        [CoordinatorEnrolled] = "Konto aktiverat",
        [CoordinatorRemoved] = "Samordnare borttagen",
        [CoordinatorReset] = "Inloggning återställd",
        [SingleSignOnAllowed] = "Kommunens konto tillåtet",
        [ReportsListed] = "Inkorgen visad",
        [ReportRead] = "Rapport läst",
        [ReceiptLookedUp] = "Sökning på kvittokod",
        [StatusChanged] = "Status ändrad",
        [ForwardedToChanged] = "Vidarebefordran ändrad",
        [ReportChanged] = "Rapport ändrad",
        [NoteAdded] = "Anteckning tillagd",
        [SummaryExported] = "Sammanställning exporterad",
        [SummaryViewed] = "Sammanställning visad",
        [RetentionDeleted] = "Gallring",
        [AuditLogRead] = "Loggen visad",
        [ReportRegistered] = "Rapport registrerad",
        [MessageSent] = "Meddelande till rapportören",
        [ReplyReceived] = "Svar från rapportören",
        [FollowUpRead] = "Rapportören följde upp",
        [EnvironmentAssessed] = "Miljö bedömd",
        [LinkChanged] = "Koppling ändrad",
        [RemindersSent] = "Påminnelser",
        [SituationPictureSaved] = "Lägesbild sparad",
        [SituationPictureRead] = "Lägesbild läst",
        [SituationPictureExported] = "Lägesbild exporterad",
        [SurveyOpened] = "Enkät öppnad",
        [SurveyClosed] = "Enkät stängd",
        [SurveyExported] = "Enkät exporterad",
        [PhotoViewed] = "Foto visat",
        [PhotoRedacted] = "Maskerad kopia av foto",
        [SecrecyMarked] = "Sekretessmarkering",
        [RetentionHoldChanged] = "Gallringsstopp",
        [RegisterExported] = "Registerutdrag",
        [RedactedCopyMade] = "Maskerad kopia för utlämnande",
        [DisclosureRecorded] = "Utlämnande registrerat",
        [DisclosuresRead] = "Utlämnanden visade",
        [ArchivePackaged] = "Arkivpaket",
        [PasskeyAdded] = "Passkey tillagd",
        [PasskeyRemoved] = "Passkey borttagen",
        [ReportTransferred] = "Rapport överförd",
    };

    public static IReadOnlyCollection<string> All => Labels.Keys;

    /// <summary>Lines about what a reporter did: dated to the day only, and shown with the date only.</summary>
    public static bool IsDayOnly(string action) => action is FollowUpRead or ReplyReceived;

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}

/// <summary>Who did something, as the audit log names them.</summary>
public static class AuditActors
{
    public const string System = "system";
    public const string CommandLine = "kommandoraden";
    public const string UnknownAccount = "okänt konto";
}

/// <summary>
/// Appends lines to the audit log inside the caller's unit of work, so a change and its audit line
/// are committed together. There is deliberately no method to change or remove a line.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    /// <summary>
    /// A line now. It belongs to the report's administration when it is about a report, else to
    /// <paramref name="administration"/> when given (a line about an account: the account's), else to
    /// the acting coordinator's (stamped by the context from the request's scope; ADR 19).
    /// </summary>
    public void Append(ReportingDbContext db, string actor, string action, Report? report = null, string? detail = null, string? administration = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Actor = actor,
            Action = action,
            ReportId = report?.Id,
            Reference = report?.Reference.ToString(),
            Detail = detail,
            Administration = report?.Administration ?? administration,
        });

    /// <summary>
    /// A line about something that happened on a local day, dated to that day's start only: a reporter's
    /// activity (<see cref="ReporterActivity"/>) is never given a time finer than the day.
    /// </summary>
    public static void AppendForDay(ReportingDbContext db, long startOfDay, string actor, string action, Guid reportId, string reference, string detail, string? administration) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = startOfDay,
            Actor = actor,
            Action = action,
            ReportId = reportId,
            Reference = reference,
            Detail = detail,
            Administration = administration,
        });

    /// <summary>A change of a report's handling, in words for people ("Ny → Avslutad"); the statistics read the change itself, never this line.</summary>
    public void Record(ReportingDbContext db, ReportChange change) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = change.At.ToUnixTimeMilliseconds(),
            Actor = change.Actor,
            Action = change.Field switch
            {
                ReportChange.StatusField => AuditActions.StatusChanged,
                ReportChange.ForwardedToField => AuditActions.ForwardedToChanged,
                ReportChange.AssessedEnvironmentField => AuditActions.EnvironmentAssessed,
                ReportChange.LinkedToField => AuditActions.LinkChanged,
                ReportChange.SecrecyField => AuditActions.SecrecyMarked,
                ReportChange.HoldField => AuditActions.RetentionHoldChanged,
                _ => AuditActions.ReportChanged,
            },
            ReportId = change.ReportId,
            Reference = change.Reference.ToString(),
            Detail = InWords(change),
        });

    private static string InWords(ReportChange change) => change.Field switch
    {
        ReportChange.StatusField => $"{ReportStatus.FromCode(change.From!).Label} → {ReportStatus.FromCode(change.To!).Label}",
        ReportChange.ForwardedToField => string.IsNullOrEmpty(change.To)
            ? "ingen"
            : string.Join(", ", change.To.Split(',').Select(ReportCodes.ForwardedTo.Label)),
        // A category is content (ADR 3): the line says that the environment was assessed, never which.
        ReportChange.AssessedEnvironmentField => change.To is null ? "bedömningen borttagen" : "bedömd",
        ReportChange.LinkedToField => change.To is null ? "ingen koppling" : $"samma händelse som {change.To}",
        // Like the environment, the provision tells what kind of unit the report came from: the line says only that it changed.
        ReportChange.SecrecyField => change.To is null ? "borttagen" : "satt",
        ReportChange.HoldField => change.To == bool.TrueString ? "satt: rapporten gallras inte" : "hävt",
        _ => change.Field,
    };

    /// <summary>Appends one line and commits it (reads and sign-ins have nothing else to commit).</summary>
    public async Task AppendNowAsync(
        ReportingDbContext db, string actor, string action, Report? report = null, string? detail = null, string? administration = null, CancellationToken cancellationToken = default)
    {
        Append(db, actor, action, report, detail, administration);
        await db.SaveChangesAsync(cancellationToken);
    }
}
