using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Retention;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Retention;

[TestFixture]
public sealed class RetentionTests
{
    private static async Task<List<string>> SubmitAsync(ReportingHost host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var connection = Open(host);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Reports ORDER BY ReferenceNumber";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// The test's own connection stands in for the service's writes, so it overwrites what it frees
    /// as the service's connections do; without it, a row the test moves leaves its old image in the
    /// page and the no-trace check would find the test's copy, not the service's.
    /// </summary>
    private static SqliteConnection Open(ReportingHost host)
    {
        var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA secure_delete=ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static byte[] WrappedKeyOf(ReportingHost host, string id)
    {
        using var connection = Open(host);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT WrappedKey FROM Reports WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (byte[])command.ExecuteScalar()!;
    }

    /// <summary>Whether the database file, its log or its shared memory still hold <paramref name="bytes"/>.</summary>
    private static bool OnDisk(TempFolder folder, byte[] bytes) =>
        Directory.GetFiles(folder.Path, "reporting.db*").Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(bytes) >= 0);

    private static void Execute(ReportingHost host, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open(host);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    [Test]
    public async Task DeletesOnlyClosedReportsPastTheLimitAndLeavesNoTraceOnDisk()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Retention:DeleteClosedReportsAfterMonths"] = "24" }, clock);
        var ids = await SubmitAsync(host, 4);
        var expiredKey = WrappedKeyOf(host, ids[0]);

        Execute(host, "UPDATE Reports SET Status = 'closed', ClosedOn = '2024-11-01' WHERE Id = $id", ("$id", ids[0])); // expired
        Execute(host, "UPDATE Reports SET Status = 'closed', ClosedOn = '2025-06-01' WHERE Id = $id", ("$id", ids[1])); // closed, not yet expired
        Execute(host, "UPDATE Reports SET Status = 'in-review' WHERE Id = $id", ("$id", ids[2])); // open: never deleted
        var job = host.Services.GetRequiredService<RetentionJob>();

        var deleted = await job.RunOnceAsync(CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1));
        using (var connection = Open(host))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM Reports WHERE Id = $id";
            command.Parameters.AddWithValue("$id", ids[0]);
            Assert.That((long)command.ExecuteScalar()!, Is.Zero);
        }

        Assert.That(OnDisk(folder, expiredKey), Is.False, "the deleted report's wrapped key is gone from the database and its WAL");
        Assert.That(host.Logs.AllText, Does.Contain("deleted 1 closed reports"));

        // A day later the daily job runs by itself (it waits on the service's clock), and by then the
        // second closed report has expired too.
        clock.Advance(TimeSpan.FromDays(400));
        Assert.That(await Eventually.TrueAsync(() => CountReports(host) == 2), Is.True, "the daily run deleted the second closed report");
        Assert.That(await job.RunOnceAsync(CancellationToken.None), Is.Zero, "open reports are never deleted");
    }

    [Test]
    public async Task LeavesNoTraceInTheLogWhenAReaderHoldsItAtTheMomentOfDeletion()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Retention:DeleteClosedReportsAfterMonths"] = "24" });
        var ids = await SubmitAsync(host, 2);
        Execute(host, "UPDATE Reports SET Status = 'closed', ClosedOn = '2001-01-01' WHERE Id = $id", ("$id", ids[0]));
        var expiredKey = WrappedKeyOf(host, ids[0]);

        // A reader's snapshot pins the log: the truncating checkpoint has to wait for it to end.
        var reader = Open(host);
        var snapshot = reader.BeginTransaction(deferred: true);
        using (var read = reader.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT COUNT(*) FROM Reports";
            read.ExecuteScalar();
        }

        // On a thread of its own: SQLite's calls run synchronously even behind async methods.
        var job = host.Services.GetRequiredService<RetentionJob>();
        var run = Task.Run(() => job.RunOnceAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        snapshot.Commit();
        reader.Dispose();

        Assert.That(await run, Is.EqualTo(1));
        Assert.That(OnDisk(folder, expiredKey), Is.False, "the checkpoint waited for the reader and then emptied the log");
        Assert.That(host.Logs.AllText, Does.Not.Contain("could not be emptied"));
    }

    [Test]
    public async Task DeletesTheReportsNotesTooAndRecordsTheRunInTheAuditLog()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Retention:DeleteClosedReportsAfterMonths"] = "12" }, clock);
        var ids = await SubmitAsync(host, 1);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            await mediator.Send(new Reporting.Features.Reports.UpdateReportCommand("samordnare@kommun.example", Guid.Parse(ids[0]), "closed", null, "Avslutad."));
        }

        clock.Advance(TimeSpan.FromDays(400)); // the daily job runs by itself

        Assert.That(await Eventually.TrueAsync(() => CountReports(host) == 0), Is.True, "the daily run deleted the closed report");
        using var connection = Open(host);
        using var notes = connection.CreateCommand();
        notes.CommandText = "SELECT COUNT(*) FROM ReportNotes";
        Assert.That((long)notes.ExecuteScalar()!, Is.Zero, "notes go with their report");
        using var audit = connection.CreateCommand();
        audit.CommandText = "SELECT Actor || ' ' || Detail FROM AuditLog WHERE Action = 'retention-deleted'";
        Assert.That((string)audit.ExecuteScalar()!, Does.StartWith("system 1 "));
    }

    private static long CountReports(ReportingHost host)
    {
        using var connection = Open(host);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Reports";
        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task IsOffUntilConfigured()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        var ids = await SubmitAsync(host, 1);
        Execute(host, "UPDATE Reports SET Status = 'closed', ClosedOn = '2001-01-01' WHERE Id = $id", ("$id", ids[0]));

        var deleted = await host.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);

        Assert.That(deleted, Is.Zero);
    }
}
