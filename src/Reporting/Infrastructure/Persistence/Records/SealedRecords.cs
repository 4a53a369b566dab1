using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Encryption;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// The one declaration of the sealed records: every class that implements <see cref="ISealedRecord"/>.
/// Key rotation re-wraps them, retirement counts them, and a test holds the list against the model
/// (every table with a wrapped key is one of them), so a new sealed table cannot be left off and let
/// <c>keys retire</c> remove a key its rows still need.
/// </summary>
public static partial class SealedRecords
{
    public static IReadOnlyList<SealedRecordKind> All { get; } =
    [
        .. typeof(ISealedRecord).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISealedRecord).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (SealedRecordKind)Activator.CreateInstance(typeof(SealedRecordKind<>).MakeGenericType(t), Words(t.Name))!),
    ];

    /// <summary>"SituationPicture" → "situation picture".</summary>
    private static string Words(string typeName) => CapitalInside().Replace(typeName, " $1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalInside();
}

/// <summary>One kind of sealed record, with what key rotation and retirement do to it.</summary>
public abstract class SealedRecordKind(string words)
{
    /// <summary>The kind in words ("situation picture"); "situation-picture keys" in a rotation's outcome.</summary>
    public string Words { get; } = words;

    public string Label => Words.Replace(' ', '-');

    public abstract Type Type { get; }

    /// <summary>Re-wraps every row not under <paramref name="target"/>; returns <paramref name="done"/> plus the rows re-wrapped.</summary>
    public abstract Task<int> RewrapAsync(KeyRotation rotation, KeyEncryptionKey target, Func<string, KeyEncryptionKey> old, int batchSize, int done, Action<int> afterBatch, CancellationToken cancellationToken);

    public abstract Task<int> CountUnderAsync(ReportingDbContext db, string keyId, CancellationToken cancellationToken);

    /// <summary>How many rows each key wraps.</summary>
    public abstract Task<List<(string Key, int Count)>> KeysAsync(ReportingDbContext db, CancellationToken cancellationToken);
}

public sealed class SealedRecordKind<T>(string words) : SealedRecordKind(words)
    where T : class, ISealedRecord
{
    public override Type Type => typeof(T);

    public override Task<int> RewrapAsync(KeyRotation rotation, KeyEncryptionKey target, Func<string, KeyEncryptionKey> old, int batchSize, int done, Action<int> afterBatch, CancellationToken cancellationToken) =>
        rotation.RewrapAsync<T>(target, old, batchSize, done, afterBatch, cancellationToken);

    /// <summary>Rows under the key or under an administration's key derived from it.</summary>
    public override Task<int> CountUnderAsync(ReportingDbContext db, string keyId, CancellationToken cancellationToken)
    {
        var derived = keyId + KeyEncryptionKey.AdministrationSeparator;
        return db.Set<T>().CountAsync(r => r.KeyId == keyId || r.KeyId.StartsWith(derived), cancellationToken);
    }

    public override async Task<List<(string Key, int Count)>> KeysAsync(ReportingDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Set<T>().GroupBy(r => r.KeyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).Select(g => (g.Key, g.Count))];
}
