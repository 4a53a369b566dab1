using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Persistence;

/// <summary>The built service under concurrent load, killed with SIGKILL at an arbitrary moment.</summary>
[TestFixture]
public sealed class CrashSafetyTests
{
    [Test]
    public async Task AKillDuringConcurrentIntakeLosesNoAcknowledgedReport()
    {
        using var folder = new TempFolder();
        var port = TestSmtpServer.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = folder.Path,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["RateLimiting__Enabled"] = "false",
        };
        var acknowledged = new ConcurrentBag<string>();
        var body = JsonSerializer.Serialize(SampleReports.Valid());

        await using (var service = await ServiceProcess.StartAsync(environment, port))
        {
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var content = new StringContent(body, Encoding.UTF8, "application/json");
                        var response = await service.Client.PostAsync("/api/reports", content, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
                            acknowledged.Add(json.RootElement.GetProperty("receipt").GetString()!);
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                    {
                        // the process is gone mid-request: not acknowledged, so no promise was made
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(2));
            service.Kill(); // SIGKILL while requests are in flight
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        Assert.That(acknowledged, Is.Not.Empty, "the load ran before the kill");
        var database = folder.File("reporting.db");
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        Assert.That(Scalar(connection, "PRAGMA integrity_check"), Is.EqualTo("ok"));

        var receiptKey = ReceiptKey(connection, folder.File("keys", "reporting.key"));
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT ReceiptHash FROM Reports";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(Convert.ToHexString((byte[])reader[0]));
            }
        }

        var missing = acknowledged.Where(r => !stored.Contains(Convert.ToHexString(HMACSHA256.HashData(receiptKey, Encoding.ASCII.GetBytes(r.Replace(" ", "", StringComparison.Ordinal)))))).ToList();
        Assert.That(missing, Is.Empty, $"{missing.Count} of {acknowledged.Count} acknowledged reports are missing");
        Assert.That(Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM Outbox")), Is.EqualTo(stored.Count), "every stored report kept its alert");

        await using var restarted = await ServiceProcess.StartAsync(environment, port);
        using var again = new StringContent(body, Encoding.UTF8, "application/json");
        Assert.That((await restarted.Client.PostAsync("/api/reports", again)).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the service starts again and takes reports");
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The receipt HMAC key, unwrapped the way the service does at start-up.</summary>
    private static byte[] ReceiptKey(SqliteConnection connection, string keyFile)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT KeyId, Value FROM Secrets WHERE Name = $name";
        command.Parameters.AddWithValue("$name", StoredSecret.ReceiptKey);
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        var keyId = reader.GetString(0);
        var kek = KeyFile.Read(keyFile).Single(k => k.Id == keyId);
        return EnvelopeCipher.OpenSecret(kek, StoredSecret.ReceiptKey, (byte[])reader[1]);
    }
}
