namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// A database-wide secret wrapped by a key-encryption key. Unwrapping it at start-up is also the
/// check that the configured key belongs to this database.
/// </summary>
public sealed class StoredSecret
{
    public const string ReceiptKey = "receipt-key";
    public const string RecoveryCodeKey = "recovery-code-key";
    public const string SurveyCodeKey = "survey-code-key";

    /// <summary>Every secret a database has; a missing one is created (wrapped by the current key) at start-up.</summary>
    public static readonly IReadOnlyList<string> All = [ReceiptKey, RecoveryCodeKey, SurveyCodeKey];

    public string Name { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public byte[] Value { get; set; } = [];
}
