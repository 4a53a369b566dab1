using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Storage;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// Key rotation: adds a new key-encryption key to the key file and re-wraps every report's data
/// key (and the database secrets) under it, in batches, each batch its own transaction. Content is
/// not re-encrypted. Interrupted, it resumes where it stopped on the next run, and every older key
/// stays in the key file, so nothing is ever unreadable half-way.
/// </summary>
public sealed class KeyRotation(IDbContextFactory<ReportingDbContext> contexts, IOptions<EncryptionOptions> options, DataPaths paths)
{
    public sealed record Outcome(string KeyId, bool Resumed, int Rewrapped, IReadOnlyDictionary<string, int> ReportsByKey);

    /// <summary>Rotates, or resumes a rotation; <c>afterBatch</c> gets (done, total) after each committed batch (tests interrupt there).</summary>
    public async Task<Outcome> RotateAsync(int batchSize, Action<int, int>? afterBatch, CancellationToken cancellationToken)
    {
        var path = KeyFilePath();
        var keys = KeyFile.Read(path).ToList();
        bool resumed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Data still under an older key means an earlier rotation stopped half-way: finish it.
            var current = keys[^1].Id;
            resumed = await db.Reports.AnyAsync(r => r.KeyId != current, cancellationToken)
                || await db.Secrets.AnyAsync(s => s.KeyId != current, cancellationToken);
            if (!resumed)
            {
                keys.Add(KeyEncryptionKey.Generate());
                KeyFile.Write(path, keys); // the new key is current from here on; the old ones stay readable
            }
        }

        var ring = new KeyRing(keys, $"Encryption:KeyFile ({path})");
        var cipher = new EnvelopeCipher(ring);
        var newKey = ring.Current;
        var total = await CountPendingAsync(newKey.Id, cancellationToken);
        var done = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.Reports.Where(r => r.KeyId != newKey.Id).OrderBy(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
            var secrets = batch.Count == 0 ? await db.Secrets.Where(s => s.KeyId != newKey.Id).ToListAsync(cancellationToken) : [];
            if (batch.Count == 0 && secrets.Count == 0)
            {
                break;
            }

            foreach (var report in batch)
            {
                var dataKey = cipher.Unwrap(new WrappedDataKey(report.KeyId, report.WrappedKey), report.Id);
                var wrapped = cipher.Wrap(dataKey, report.Id, newKey);
                report.KeyId = wrapped.KeyId;
                report.WrappedKey = wrapped.Wrapped;
            }

            foreach (var secret in secrets)
            {
                var value = EnvelopeCipher.OpenSecret(ring.Get(secret.KeyId), secret.Name, secret.Value);
                secret.Value = EnvelopeCipher.SealSecret(newKey, secret.Name, value);
                secret.KeyId = newKey.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
            done += batch.Count;
            afterBatch?.Invoke(done, total);
        }

        await using var summaryDb = await contexts.CreateDbContextAsync(cancellationToken);
        var byKey = await summaryDb.Reports.GroupBy(r => r.KeyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new Outcome(newKey.Id, resumed, done, byKey);
    }

    private async Task<int> CountPendingAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reports.CountAsync(r => r.KeyId != keyId, cancellationToken);
    }

    private string KeyFilePath()
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.Key))
        {
            throw new InvalidOperationException(
                "keys rotate works on Encryption:KeyFile. With Encryption:Key set, keep the key in a key file instead (one base64 key per line) and rotate that.");
        }

        return paths.Resolve(settings.KeyFile);
    }
}
