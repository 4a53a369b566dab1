using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Notifications;
using Reporting.Features.Reports;
using Reporting.Pipeline;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Persistence;

/// <summary>The single writer that commits intake in batches: exactly once, isolated failures, bounded memory.</summary>
[TestFixture]
public sealed class GroupCommitTests
{
    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static (Report Report, OutboxMessage Alert) Record(Guid? id = null, int contentBytes = 3) =>
        Report.Submit(id ?? Guid.NewGuid(), new DateOnly(2026, 11, 27), Guid.NewGuid().ToByteArray(), new SealedReport("test", [1, 2, 3], new byte[contentBytes], [7, 8, 9]));

    [Test]
    public async Task OneBadReportFailsOnlyItselfAndIsNeverAcknowledged()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        var writer = host.Services.GetRequiredService<ReportWriter>();
        var duplicateId = Guid.NewGuid();
        var records = Enumerable.Range(0, 20).Select(_ => Record()).ToList();
        records.Insert(10, Record(duplicateId));
        records.Insert(15, Record(duplicateId)); // violates the primary key

        var outcomes = await Task.WhenAll(records.Select(async record =>
        {
            try
            {
                return (Reference: (await writer.StoreAsync(record.Report, record.Alert)).ToString(), Failure: (Exception?)null);
            }
            catch (Exception exception)
            {
                return (Reference: (string?)null, Failure: exception);
            }
        }));

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o.Failure is null), Is.EqualTo(21), "every good report is stored");
            Assert.That(outcomes.Single(o => o.Failure is not null).Failure, Is.TypeOf<ServiceBusyException>(), "the bad one is refused with a retryable 503");
            Assert.That(Count(host.DatabasePath, "SELECT COUNT(*) FROM Reports"), Is.EqualTo(21), "nothing unacknowledged is stored, nothing acknowledged is missing");
            Assert.That(outcomes.Where(o => o.Reference is not null).Select(o => o.Reference).Distinct().Count(), Is.EqualTo(21), "unique references");
        });
    }

    [Test]
    public async Task AFullQueueAnswers503WithRetryAfterAndLosesNothingAccepted()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Intake:QueueCapacity"] = "4", ["Intake:MaxBatchSize"] = "2" });
        using var client = host.CreateClient();
        Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        // Another process holds SQLite's write lock, so the writer cannot commit and the queue fills.
        using var blocker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var responses = new ConcurrentBag<HttpResponseMessage>();
        var submits = Enumerable.Range(0, 30).Select(async _ => responses.Add(await client.PostAsJsonAsync("/api/reports", SampleReports.Valid()))).ToList();
        Assert.That(await Eventually.TrueAsync(() => responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable) >= 20), Is.True, "refused at once while the queue is full");

        using (var commit = blocker.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        await Task.WhenAll(submits);
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(accepted + refused.Count, Is.EqualTo(30), "every answer is 201 or 503");
            Assert.That(accepted, Is.GreaterThan(0), "queued work is stored once the lock is gone");
            Assert.That(refused.All(r => r.Headers.RetryAfter is not null), Is.True, "503 says when to retry");
            Assert.That(Count(host.DatabasePath, "SELECT COUNT(*) FROM Reports"), Is.EqualTo(accepted + 1), "exactly the acknowledged reports are stored");
        });
    }

    [Test]
    public async Task ManyConcurrentSubmitsAreEachStoredExactlyOnce()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        using var client = host.CreateClient();
        var created = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, ct) =>
        {
            var response = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid(), ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref created);
            }
        });

        Assert.That(created, Is.EqualTo(1000));
        Assert.That(Count(host.DatabasePath, "SELECT COUNT(*) FROM Reports"), Is.EqualTo(1000));
        Assert.That(Count(host.DatabasePath, "SELECT MAX(ReferenceNumber) FROM Reports"), Is.EqualTo(1000), "references 1..1000 without gaps");
    }

    [Test]
    public async Task TheLogIsCopiedIntoTheDatabaseFileByTheCheckpointerAndNothingIsLost()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        var writer = host.Services.GetRequiredService<ReportWriter>();
        // Reports of about 3 KB, so the log passes SQLite's own checkpoint size (1,000 pages) several times.
        var stored = await Task.WhenAll(Enumerable.Range(0, 600).Select(_ => Record(contentBytes: 3000)).Select(r => writer.StoreAsync(r.Report, r.Alert)));

        // The checkpointer's line after the last commit says how much of the log is in the file.
        (long Copied, long Pages) Latest() => host.Logs.Lines
            .Where(l => l.Contains(nameof(WalCheckpointer), StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"Copied=(\d+) Pages=(\d+)"))
            .Where(m => m.Success)
            .Select(m => (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .LastOrDefault();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Latest() is var (copied, pages) && (pages == 0 || copied < pages) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var (finalCopied, finalPages) = Latest();
        Assert.Multiple(() =>
        {
            Assert.That(stored.Distinct().Count(), Is.EqualTo(600), "every report acknowledged with its own reference");
            Assert.That(finalPages, Is.GreaterThan(0), "the checkpointer ran after the commits");
            Assert.That(finalCopied, Is.EqualTo(finalPages), "once the commits stop, all of the log is in the database file");
            Assert.That(Count(host.DatabasePath, "SELECT COUNT(*) FROM Reports"), Is.EqualTo(600));
        });

        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
    }
}
