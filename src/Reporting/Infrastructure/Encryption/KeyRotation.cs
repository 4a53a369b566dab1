using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Coordinators;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// Key rotation and retirement. Rotation re-wraps, under the current key-encryption key, everything
/// an older key wrapped: every sealed record's data key (reports, and the second wave's sealed
/// records), the database secrets, coordinators' authenticator keys and the Data Protection keys
/// that sign sessions. The sealed records are those <see cref="SealedRecords"/> declares. Content is not re-encrypted. Batches are their own transactions; interrupted,
/// the next run resumes. With a key file it first adds a new key; with <c>Encryption:Key</c> the
/// operator has already put the new key in place (the replaced one in <c>Encryption:PreviousKeys</c>).
/// Retiring a key version removes it from the key file, and is refused while anything still names it.
/// </summary>
public sealed class KeyRotation(IDbContextFactory<ReportingDbContext> contexts, KeyRing ring)
{
    /// <summary>What a rotation did: the target key, whether it was added now, and how much of each kind it re-wrapped.</summary>
    public sealed record Outcome(string KeyId, bool AddedKey, IReadOnlyDictionary<string, int> Rewrapped, IReadOnlyDictionary<string, int> ReportsByKey)
    {
        public int Total => Rewrapped.Values.Sum();

        public string Describe() => string.Join(", ", Rewrapped.Select(r => $"{r.Value} {r.Key}"));
    }

    public sealed record Retirement(string KeyId, int Version, bool RemovedFromFile);

    /// <summary>Rotates, or resumes a rotation; <c>afterBatch</c> gets (done, total) after each committed batch (tests interrupt there).</summary>
    public async Task<Outcome> RotateAsync(int batchSize, Action<int, int>? afterBatch, CancellationToken cancellationToken)
    {
        var keys = ring.FilePath is { } path ? KeyFile.Read(path).ToList() : [.. ring.Keys];
        var added = false;
        if (ring.FilePath is { } file && await CountUnderAsync(k => k != keys[^1].Id, cancellationToken) == 0)
        {
            // Nothing under an older key: a new rotation (rather than the resumption of an interrupted one).
            keys.Add(KeyEncryptionKey.Generate());
            KeyFile.Write(file, keys); // the new key is current from here on; the old ones stay readable
            added = true;
        }

        var target = keys[^1];
        var byId = keys.Concat(ring.Keys).DistinctBy(k => k.Id).ToDictionary(k => k.Id, StringComparer.Ordinal);
        // An administration's key ("master/code") is derived again from its master key.
        KeyEncryptionKey Old(string id) =>
            byId.TryGetValue(KeyEncryptionKey.MasterIdOf(id), out var key)
                ? id.Split(KeyEncryptionKey.AdministrationSeparator) is [_, var code] ? key.ForAdministration(code) : key
                : throw new KeyNotAvailableException($"The key {id} is not in {ring.Source}.");

        var total = await CountUnderAsync(k => k != target.Id, cancellationToken);
        var rewrapped = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        foreach (var sealedRecord in SealedRecords.All)
        {
            var after = await sealedRecord.RewrapAsync(this, target, Old, batchSize, done, progress => afterBatch?.Invoke(progress, total), cancellationToken);
            rewrapped[$"{sealedRecord.Label} keys"] = after - done;
            done = after;
        }
        foreach (var (label, rewrap) in SmallSets())
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var count = await rewrap(db, target, Old, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            rewrapped[label] = count;
            done += count;
            afterBatch?.Invoke(done, total);
        }

        await using var summary = await contexts.CreateDbContextAsync(cancellationToken);
        await Features.Reports.Indexing.ReportIndexCopies.DeleteAsync(summary, keyId: null, cancellationToken);
        var byKey = await summary.Reports.GroupBy(r => r.KeyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new Outcome(target.Id, added, rewrapped, byKey);
    }

    /// <summary>How much each kind of stored data still names the key (empty when nothing does).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReferencesAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var references = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sealedRecord in SealedRecords.All)
        {
            references[sealedRecord.Words + "s"] = await sealedRecord.CountUnderAsync(db, keyId, cancellationToken);
        }

        foreach (var (label, count) in new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["database secrets"] = await db.Secrets.CountAsync(s => s.KeyId == keyId, cancellationToken),
            ["authenticator keys"] = await AuthenticatorKeys(db).CountAsync(t => t.Value!.StartsWith(keyId + ":"), cancellationToken),
            ["session keys"] = (await db.DataProtectionKeys.AsNoTracking().ToListAsync(cancellationToken)).Count(k => SealedKeyId(k.Xml) == keyId),
        })
        {
            references[label] = count;
        }

        return references.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Retires a key version (1 = the oldest; a key id works too): refused for the current key and
    /// while anything names it. From a key file it is then removed; with <c>Encryption:PreviousKeys</c>
    /// the operator removes it from the configuration.
    /// </summary>
    public async Task<Retirement> RetireAsync(string version, CancellationToken cancellationToken)
    {
        var keys = ring.FilePath is { } path ? KeyFile.Read(path).ToList() : [.. ring.Keys];
        var index = int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number - 1
            : keys.FindIndex(k => k.Id == version);
        if (index < 0 || index >= keys.Count)
        {
            throw new InvalidOperationException($"There is no key version {version}; the versions are 1 to {keys.Count} ({string.Join(", ", keys.Select((k, i) => $"{i + 1} = {k.Id}"))}).");
        }

        var key = keys[index];
        if (index == keys.Count - 1)
        {
            throw new InvalidOperationException($"Key version {index + 1} ({key.Id}) is the current key; rotate first (keys rotate), then retire the older one.");
        }

        var references = await ReferencesAsync(key.Id, cancellationToken);
        if (references.Count > 0)
        {
            throw new InvalidOperationException(
                $"Key version {index + 1} ({key.Id}) is still used by {string.Join(", ", references.Select(r => $"{r.Value} {r.Key}"))}; run keys rotate, then retire it.");
        }

        // A running instance may have sealed the index's copy under the old key since the rotation.
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await Features.Reports.Indexing.ReportIndexCopies.DeleteAsync(db, key.Id, cancellationToken);
        }

        if (ring.FilePath is { } file)
        {
            keys.RemoveAt(index);
            KeyFile.Write(file, keys);
            return new Retirement(key.Id, index + 1, RemovedFromFile: true);
        }

        return new Retirement(key.Id, index + 1, RemovedFromFile: false);
    }

    /// <summary>Re-wraps one kind of sealed record in batches; returns <paramref name="done"/> plus what it re-wrapped.</summary>
    internal async Task<int> RewrapAsync<T>(
        KeyEncryptionKey target, Func<string, KeyEncryptionKey> old, int batchSize,
        int done, Action<int> afterBatch, CancellationToken cancellationToken)
        where T : class, ISealedRecord
    {
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Under the target already: its own id, or an administration's key derived from it.
            var derived = target.Id + KeyEncryptionKey.AdministrationSeparator;
            var batch = await db.Set<T>().Where(r => r.KeyId != target.Id && !r.KeyId.StartsWith(derived)).OrderBy(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return done;
            }

            foreach (var record in batch)
            {
                var dataKey = EnvelopeCipher.OpenSecretKey(old(record.KeyId), record.WrappedKey, record.Id, T.KeyPurpose);
                var wrapped = EnvelopeCipher.Wrap(dataKey, record.Id, record.KeyOwner is { } owner ? target.ForAdministration(owner) : target, T.KeyPurpose);
                record.Rewrap(wrapped);
            }

            await db.SaveChangesAsync(cancellationToken);
            done += batch.Count;
            afterBatch(done);
        }
    }

    /// <summary>The kinds of wrapped data small enough for one transaction each.</summary>
    private static IEnumerable<(string Label, Func<ReportingDbContext, KeyEncryptionKey, Func<string, KeyEncryptionKey>, CancellationToken, Task<int>> Rewrap)> SmallSets()
    {
        yield return ("database secrets", async (db, target, old, cancellationToken) =>
        {
            var secrets = await db.Secrets.Where(s => s.KeyId != target.Id).ToListAsync(cancellationToken);
            foreach (var secret in secrets)
            {
                var value = EnvelopeCipher.OpenSecret(old(secret.KeyId), secret.Name, secret.Value);
                secret.Value = EnvelopeCipher.SealSecret(target, secret.Name, value);
                secret.KeyId = target.Id;
            }

            return secrets.Count;
        });
        yield return ("authenticator keys", async (db, target, old, cancellationToken) =>
        {
            var tokens = await AuthenticatorKeys(db).Where(t => !t.Value!.StartsWith(target.Id + ":")).ToListAsync(cancellationToken);
            foreach (var token in tokens)
            {
                token.Value = CoordinatorStore.Reseal(token.UserId, token.Value!, old, target);
            }

            return tokens.Count;
        });
        yield return ("session keys", async (db, target, old, cancellationToken) =>
        {
            var resealed = 0;
            foreach (var key in await db.DataProtectionKeys.ToListAsync(cancellationToken))
            {
                if (key.Xml is null || SealedKeyId(key.Xml) is not { } keyId || keyId == target.Id)
                {
                    continue;
                }

                key.Xml = KeyRingXmlEncryptor.Reseal(key.Xml, old(keyId), target);
                resealed++;
            }

            return resealed;
        });
    }

    private static IQueryable<Microsoft.AspNetCore.Identity.IdentityUserToken<string>> AuthenticatorKeys(ReportingDbContext db) =>
        db.UserTokens.Where(t => t.LoginProvider == CoordinatorStore.Provider && t.Name == CoordinatorStore.AuthenticatorKeyName && t.Value != null);

    private static string? SealedKeyId(string? xml)
    {
        if (string.IsNullOrEmpty(xml))
        {
            return null;
        }

        var sealedKey = XElement.Parse(xml).Descendants().FirstOrDefault(e => e.Name.LocalName == "sealedKey");
        return (string?)sealedKey?.Attribute("keyId");
    }

    /// <summary>Everything that still names a key other than the current one, counted per row or token.</summary>
    private async Task<int> CountUnderAsync(Func<string, bool> isOld, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sealedKeys = new List<(string Key, int Count)>();
        foreach (var sealedRecord in SealedRecords.All)
        {
            sealedKeys.AddRange(await sealedRecord.KeysAsync(db, cancellationToken));
        }

        var secretKeys = await db.Secrets.Select(s => s.KeyId).ToListAsync(cancellationToken);
        var tokens = await AuthenticatorKeys(db).Select(t => t.Value!).ToListAsync(cancellationToken);
        var sessionKeys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(cancellationToken);
        // An administration's key counts as its master key.
        return sealedKeys.Where(r => isOld(KeyEncryptionKey.MasterIdOf(r.Key))).Sum(r => r.Count)
            + secretKeys.Count(isOld)
            + tokens.Count(t => isOld(t.Split(':', 2)[0]))
            + sessionKeys.Count(x => SealedKeyId(x) is { } id && isOld(id));
    }
}
