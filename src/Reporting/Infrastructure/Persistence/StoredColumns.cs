namespace Reporting.Infrastructure.Persistence;

/// <summary>What a stored column may hold. Every column of the model is declared as one of these.</summary>
public enum ColumnHolds
{
    /// <summary>A random id, a row's own name, or a reference to another row: dates nothing.</summary>
    Id,

    /// <summary>Ciphertext under a row's data key (content, facets, notes, messages, answers, copies).</summary>
    Sealed,

    /// <summary>Key ids, wrapped keys, sealed secrets, password hashes, security stamps, sealed Data Protection keys.</summary>
    KeyMaterial,

    /// <summary>A keyed hash of something a person holds (a receipt, a survey code, a form token, a setup link).</summary>
    KeyedHash,

    /// <summary>A workflow code in clear (a status, where a report was forwarded, an action, a message type, a state value).</summary>
    WorkflowCode,

    /// <summary>A day without a time of day.</summary>
    Day,

    /// <summary>
    /// A time of a coordinator's, an administrator's or the service's own action: a sign-in, a note, a
    /// status change, a lock-out, a setup link's expiry. Never a time of anything a reporter or survey
    /// respondent did (their activity is written as the day's start; see ReporterActivity).
    /// </summary>
    ActionTime,

    /// <summary>A number: a count, a counter, a version, a year, a revision of the report clock, a reference's number.</summary>
    Number,

    /// <summary>A coordinator's account: the address, its normalised forms, flags, a provider's subject.</summary>
    Account,

    /// <summary>Words for people built from codes and counts only (an audit line's detail, an alert's counts, a failure's kind).</summary>
    Words,
}

/// <summary>
/// The one registry of what each stored column may hold, table by table. A test fails when the model
/// has a column this does not name (or names one the model does not have), so a feature that adds a
/// table or a column must decide here what it holds; the privacy conformance suite reads the whole
/// database beside it, and key rotation, retention and the suite find the sealed columns here.
/// </summary>
public static class StoredColumns
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ColumnHolds>> Tables { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, ColumnHolds>>(StringComparer.Ordinal)
        {
            ["Reports"] = Columns(
                ("Id", ColumnHolds.Id), ("ReferenceYear", ColumnHolds.Number), ("ReferenceNumber", ColumnHolds.Number),
                ("ReceivedOn", ColumnHolds.Day), ("Status", ColumnHolds.WorkflowCode), ("ClosedOn", ColumnHolds.Day),
                ("ForwardedTo", ColumnHolds.WorkflowCode), ("ReceiptHash", ColumnHolds.KeyedHash), ("KeyId", ColumnHolds.KeyMaterial),
                ("WrappedKey", ColumnHolds.KeyMaterial), ("Content", ColumnHolds.Sealed), ("Facets", ColumnHolds.Sealed),
                ("Revision", ColumnHolds.Number), ("UnreadReplies", ColumnHolds.Number), ("RetentionHold", ColumnHolds.WorkflowCode),
                ("Administration", ColumnHolds.WorkflowCode)),
            ["ReportStatusChanges"] = Columns(
                ("Id", ColumnHolds.Id), ("ReportId", ColumnHolds.Id), ("At", ColumnHolds.ActionTime), ("Actor", ColumnHolds.Account),
                ("From", ColumnHolds.WorkflowCode), ("To", ColumnHolds.WorkflowCode), ("Administration", ColumnHolds.WorkflowCode)),
            ["ReportNotes"] = Columns(
                ("Id", ColumnHolds.Id), ("ReportId", ColumnHolds.Id), ("Author", ColumnHolds.Account), ("WrittenAt", ColumnHolds.ActionTime),
                ("Content", ColumnHolds.Sealed)),
            ["ReportMessages"] = Columns(
                ("Id", ColumnHolds.Id), ("ReportId", ColumnHolds.Id), ("Number", ColumnHolds.Number), ("FromReporter", ColumnHolds.WorkflowCode),
                ("Author", ColumnHolds.Account), ("SentOn", ColumnHolds.Day), ("Content", ColumnHolds.Sealed)),
            ["ReportPhotos"] = Columns(
                ("Id", ColumnHolds.Id), ("ReportId", ColumnHolds.Id), ("Number", ColumnHolds.Number), ("Width", ColumnHolds.Number),
                ("Height", ColumnHolds.Number), ("RedactedFrom", ColumnHolds.Id), ("Content", ColumnHolds.Sealed)),
            ["Disclosures"] = Columns(
                ("Id", ColumnHolds.Id), ("ReportId", ColumnHolds.Id), ("RequestedOn", ColumnHolds.Day), ("Content", ColumnHolds.Sealed)),
            ["RetentionLog"] = Columns(
                ("Id", ColumnHolds.Id), ("Day", ColumnHolds.Day), ("Records", ColumnHolds.WorkflowCode), ("Count", ColumnHolds.Number),
                ("Decision", ColumnHolds.Words), ("Administration", ColumnHolds.WorkflowCode)),
            ["ReporterActivity"] = Columns(
                ("ReportId", ColumnHolds.Id), ("Day", ColumnHolds.Day), ("Action", ColumnHolds.WorkflowCode), ("Count", ColumnHolds.Number)),
            ["SpentFormTokens"] = Columns(("Hash", ColumnHolds.KeyedHash), ("SpentOn", ColumnHolds.Day)),
            ["ReportIndexCopies"] = Columns(
                ("Id", ColumnHolds.Id), ("KeyId", ColumnHolds.KeyMaterial), ("WrappedKey", ColumnHolds.KeyMaterial), ("Content", ColumnHolds.Sealed)),
            ["ReportClock"] = Columns(("Id", ColumnHolds.Id), ("Revision", ColumnHolds.Number), ("Deletions", ColumnHolds.Number)),
            ["ReferenceCounters"] = Columns(("Year", ColumnHolds.Number), ("LastNumber", ColumnHolds.Number)),
            ["Outbox"] = Columns(("Id", ColumnHolds.Number), ("Type", ColumnHolds.WorkflowCode), ("BatchId", ColumnHolds.Id), ("Administration", ColumnHolds.WorkflowCode)),
            ["AlertBatches"] = Columns(("Id", ColumnHolds.Id), ("Counts", ColumnHolds.Words)),
            ["AlertDeliveries"] = Columns(
                ("Id", ColumnHolds.Id), ("BatchId", ColumnHolds.Id), ("Recipient", ColumnHolds.Account), ("MessageId", ColumnHolds.Id),
                ("Attempts", ColumnHolds.Number), ("LastError", ColumnHolds.Words)),
            ["AuditLog"] = Columns(
                ("Id", ColumnHolds.Number), ("At", ColumnHolds.ActionTime), ("Actor", ColumnHolds.Account), ("Action", ColumnHolds.WorkflowCode),
                ("ReportId", ColumnHolds.Id), ("Reference", ColumnHolds.WorkflowCode), ("Detail", ColumnHolds.Words), ("Administration", ColumnHolds.WorkflowCode)),
            ["SituationPictures"] = Columns(
                ("Year", ColumnHolds.Number), ("Id", ColumnHolds.Id), ("Version", ColumnHolds.Number), ("KeyId", ColumnHolds.KeyMaterial),
                ("WrappedKey", ColumnHolds.KeyMaterial), ("Content", ColumnHolds.Sealed), ("Administration", ColumnHolds.WorkflowCode)),
            ["Surveys"] = Columns(
                ("Id", ColumnHolds.Id), ("Year", ColumnHolds.Number), ("OpenedOn", ColumnHolds.Day), ("ClosesOn", ColumnHolds.Day),
                ("ClosedOn", ColumnHolds.Day), ("CodesIssued", ColumnHolds.Number), ("KeyId", ColumnHolds.KeyMaterial), ("WrappedKey", ColumnHolds.KeyMaterial),
                ("Administration", ColumnHolds.WorkflowCode)),
            ["SurveyCodes"] = Columns(("Hash", ColumnHolds.KeyedHash), ("SurveyId", ColumnHolds.Id)),
            ["SurveyAnswers"] = Columns(("Id", ColumnHolds.Id), ("SurveyId", ColumnHolds.Id), ("Content", ColumnHolds.Sealed)),
            ["Secrets"] = Columns(("Name", ColumnHolds.Id), ("KeyId", ColumnHolds.KeyMaterial), ("Value", ColumnHolds.KeyMaterial)),
            ["ServiceState"] = Columns(("Name", ColumnHolds.Id), ("Value", ColumnHolds.WorkflowCode)),
            ["Coordinators"] = Columns(
                ("Id", ColumnHolds.Id), ("UserName", ColumnHolds.Account), ("NormalizedUserName", ColumnHolds.Account), ("Email", ColumnHolds.Account),
                ("NormalizedEmail", ColumnHolds.Account), ("EmailConfirmed", ColumnHolds.Account), ("PasswordHash", ColumnHolds.KeyMaterial),
                ("SecurityStamp", ColumnHolds.KeyMaterial), ("ConcurrencyStamp", ColumnHolds.KeyMaterial), ("PhoneNumber", ColumnHolds.Account),
                ("PhoneNumberConfirmed", ColumnHolds.Account), ("TwoFactorEnabled", ColumnHolds.Account), ("LockoutEnd", ColumnHolds.ActionTime),
                ("LockoutEnabled", ColumnHolds.Account), ("AccessFailedCount", ColumnHolds.Number), ("CreatedOn", ColumnHolds.Day),
                ("IsEnrolled", ColumnHolds.Account), ("SingleSignOnAllowed", ColumnHolds.Account), ("AccessUntil", ColumnHolds.Day),
                ("Administration", ColumnHolds.Account), ("Role", ColumnHolds.Account)),
            ["CoordinatorClaims"] = Columns(("Id", ColumnHolds.Number), ("UserId", ColumnHolds.Id), ("ClaimType", ColumnHolds.Account), ("ClaimValue", ColumnHolds.Account)),
            ["CoordinatorLogins"] = Columns(
                ("LoginProvider", ColumnHolds.Account), ("ProviderKey", ColumnHolds.Account), ("ProviderDisplayName", ColumnHolds.Account), ("UserId", ColumnHolds.Id)),
            ["CoordinatorTokens"] = Columns(("UserId", ColumnHolds.Id), ("LoginProvider", ColumnHolds.Account), ("Name", ColumnHolds.Account), ("Value", ColumnHolds.KeyMaterial)),
            ["CoordinatorInvitations"] = Columns(
                ("Id", ColumnHolds.Id), ("AccountId", ColumnHolds.Id), ("TokenHash", ColumnHolds.KeyedHash), ("ExpiresAt", ColumnHolds.ActionTime)),
            ["CoordinatorPasskeys"] = Columns(
                ("Id", ColumnHolds.Id), ("AccountId", ColumnHolds.Id), ("CredentialId", ColumnHolds.KeyMaterial), ("PublicKey", ColumnHolds.KeyMaterial),
                ("SignCount", ColumnHolds.Number), ("Number", ColumnHolds.Number), ("AddedOn", ColumnHolds.Day), ("LastUsedOn", ColumnHolds.Day)),
            ["DataProtectionKeys"] = Columns(("Id", ColumnHolds.Number), ("FriendlyName", ColumnHolds.Id), ("Xml", ColumnHolds.KeyMaterial)),
        };

    /// <summary>Every (table, column) declared to hold <paramref name="holds"/>.</summary>
    public static IEnumerable<(string Table, string Column)> Holding(ColumnHolds holds) =>
        Tables.SelectMany(t => t.Value.Where(c => c.Value == holds).Select(c => (t.Key, c.Key)));

    private static IReadOnlyDictionary<string, ColumnHolds> Columns(params (string Column, ColumnHolds Holds)[] columns) =>
        columns.ToDictionary(c => c.Column, c => c.Holds, StringComparer.Ordinal);
}
