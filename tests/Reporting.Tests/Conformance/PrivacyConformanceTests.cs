using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Reports.Indexing;
using Reporting.Features.Retention;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Tests.Support;

namespace Reporting.Tests.Conformance;

/// <summary>
/// The privacy promises, checked for everything the service keeps rather than feature by feature:
/// every anonymous journey (a report by the API and by the form without script, the identifier check,
/// a follow-up read on the API and on the page, a reply, a survey answer) runs from one client address
/// and user agent with marker texts, and then the whole database is read schema-driven (every table,
/// every column, whatever its type) for a time within the journeys' seconds in any representation and
/// for anything the reporter typed, their receipt, their survey code, address or user agent; so are
/// the logs at Trace (scopes too), the mail (the pickup folder, or what a real SMTP server received),
/// the index's sealed copy opened with the key, and the file modes of everything under the data
/// directory. Telemetry is on (OTLP and Prometheus) with every span and metric also captured in
/// memory at full detail, and searched the same way. Key rotation and retention run inside it, and
/// everything is read again afterwards. A
/// feature that adds a table, a column, a log line or a file is covered without anyone remembering.
/// </summary>
[TestFixture("Sqlite", "pickup")]
[TestFixture("PostgreSQL", "smtp")]
[NonParallelizable]
public sealed partial class PrivacyConformanceTests(string provider, string mail)
{
    private const string ClientAddress = "203.0.113.77";
    private const string ProxyAddress = "198.51.100.23";
    private const string UserAgent = "KonformitetsAgent/7.3 (Qz-ua)";
    private const string Coordinator = "konformitet@kommun.example";

    /// <summary>What the reporter and the respondent typed, each with a token found nowhere else.</summary>
    private static readonly (string Where, string Text, string Marker)[] Typed =
    [
        ("description (API)", "Klistermärken Qx7Vörtblad vid lekplatsen, borttagna.", "Qx7Vörtblad"),
        ("contact (API)", "nås via receptionen Zq93Kaprifol", "Zq93Kaprifol"),
        ("description (form)", "Klotter Wq5Ljungsnår på gaveln vid entrén.", "Wq5Ljungsnår"),
        ("identifier check", "Jag skriver Hj4Nyponros i rutan.", "Hj4Nyponros"),
        ("reply", "Det var på morgonen, Pk2Blåklint.", "Pk2Blåklint"),
        ("survey comment", "Personalen frågar om Rt8Vallmo.", "Rt8Vallmo"),
    ];

    /// <summary>A comment the reporter's photo carries in its file (a JPEG COM segment), found nowhere afterwards.</summary>
    private const string PhotoMarker = "Ph6Kattfot";

    private TempFolder _folder = null!;
    private TestSmtpServer? _smtp;
    private ReportingHost _host = null!;
    private string _dataDirectory = null!;
    private DateTimeOffset _from;
    private DateTimeOffset _to;
    private readonly List<string> _secrets = [];
    private List<byte[]> _photosAfterJourneys = [];
    private List<string> _timesAfterJourneys = [];
    private List<string> _secretsAfterJourneys = [];
    private byte[]? _copyAfterJourneys;
    private List<string> _timesAfterRotationAndRetention = [];
    private List<string> _secretsAfterRotationAndRetention = [];
    private byte[]? _copyAfterRetention;
    private Guid _deleted;
    private bool _deletedKeyOnDisk;
    private readonly List<System.Diagnostics.Activity> _spans = [];
    private readonly List<OpenTelemetry.Metrics.Metric> _metrics = [];
    private string _scraped = string.Empty;

    private HttpClient Reporter() => Anonymous(_host);

    private static HttpClient Anonymous(ReportingHost host)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    [OneTimeSetUp]
    public async Task RunTheJourneys()
    {
        _folder = new TempFolder();
        _dataDirectory = Path.Combine(_folder.Path, "data"); // made by the service, so its mode is the service's
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["ReverseProxy:KnownProxies:0"] = ProxyAddress,
            ["Retention:DeleteClosedReportsAfterMonths"] = "1",
            ["Notifications:CoalesceSeconds"] = "0.2",
            ["FollowUp:FailedLookupsPerClient"] = "1000",
            // Telemetry on as an IT department would run it; nothing listens on the discard port, the in-memory exporters see everything.
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
            ["Telemetry:Prometheus"] = "true",
            ["Telemetry:ExportIntervalSeconds"] = "1",
        };
        if (mail == "smtp")
        {
            _smtp = new TestSmtpServer();
            _smtp.Start();
            settings["Smtp:Host"] = "127.0.0.1";
            settings["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
            settings["Smtp:Security"] = "None";
        }

        _host = new ReportingHost(_dataDirectory, await ReportingHost.SettingsForAsync(provider, settings), services: services =>
        {
            services.AddSingleton<IStartupFilter>(new FixedRemoteAddress(IPAddress.Parse(ProxyAddress)));
            OpenTelemetry.Trace.OpenTelemetryDependencyInjectionTracingServiceCollectionExtensions.ConfigureOpenTelemetryTracerProvider(
                services, tracing => OpenTelemetry.Trace.InMemoryExporterHelperExtensions.AddInMemoryExporter(tracing, _spans));
            OpenTelemetry.Metrics.OpenTelemetryDependencyInjectionMetricsServiceCollectionExtensions.ConfigureOpenTelemetryMeterProvider(
                services, metrics => OpenTelemetry.Metrics.InMemoryExporterMetricsExtensions.AddInMemoryExporter(metrics, _metrics));
        });

        // The coordinator's part comes first and is over before the journeys' window opens.
        using var signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, Coordinator));
        var (surveyId, codes) = await OpenSurveyAsync(signedIn);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        _from = DateTimeOffset.UtcNow;
        await JourneysAsync(surveyId, codes[0]);
        _to = DateTimeOffset.UtcNow;
        _secrets.Add(codes[0]);
        _secrets.Add(codes[0].Replace("-", string.Empty, StringComparison.Ordinal));

        Assert.That(await Eventually.TrueAsync(() => MailTexts().Count > 0, TimeSpan.FromSeconds(20)), Is.True, "the coordinator was alerted");
        OpenTelemetry.Trace.TracerProviderExtensions.ForceFlush(_host.Services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>());
        OpenTelemetry.Metrics.MeterProviderExtensions.ForceFlush(_host.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>());
        using (var scraper = _host.CreateClient())
        {
            _scraped = await scraper.GetStringAsync("/metrics");
        }

        await _host.Services.GetRequiredService<ReportIndex>().StoreCopyAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // what follows is outside the journeys' window

        _timesAfterJourneys = await FindInDatabaseAsync(TimeIn);
        _secretsAfterJourneys = await FindInDatabaseAsync(SecretIn);
        _copyAfterJourneys = await OpenIndexCopyAsync();
        _photosAfterJourneys = await OpenPhotosAsync();
        await RotateKeysAndExpireOneReportAsync();
        _timesAfterRotationAndRetention = await FindInDatabaseAsync(TimeIn);
        _secretsAfterRotationAndRetention = await FindInDatabaseAsync(SecretIn);
        _copyAfterRetention = await OpenIndexCopyAsync();
    }

    /// <summary>Key rotation, then retention of the API's report (closed long ago); the form's report stays.</summary>
    private async Task RotateKeysAndExpireOneReportAsync()
    {
        _deleted = await ReportIdWithReceiptAsync();
        var wrappedKey = await WrappedKeyAsync(_deleted);
        await using (var connection = _host.OpenRawConnection())
        {
            await ExecuteAsync(connection, _host.IsPostgreSql
                ? $"UPDATE \"Reports\" SET \"Status\" = 'closed', \"ClosedOn\" = DATE '2001-01-01' WHERE \"Id\" = '{_deleted}'"
                : $"PRAGMA secure_delete=ON; UPDATE Reports SET Status = 'closed', ClosedOn = '2001-01-01' WHERE Id = '{_deleted.ToString().ToUpperInvariant()}'");
        }

        await _host.Services.GetRequiredService<KeyRotation>().RotateAsync(100, null, CancellationToken.None);
        Assert.That(await _host.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None), Is.EqualTo(1), "retention deleted the expired report");
        _deletedKeyOnDisk = !_host.IsPostgreSql
            && Directory.GetFiles(_dataDirectory, "reporting.db*").Any(f => ReadShared(f).AsSpan().IndexOf(wrappedKey) >= 0);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _host?.Dispose();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        _folder?.Dispose();
    }

    private async Task<(string Id, string[] Codes)> OpenSurveyAsync(HttpClient signedIn)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/surveys")
        {
            Content = JsonContent.Create(new { year = DateTime.UtcNow.Year, closesOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), codes = 2 }),
        };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(signedIn);
        request.Headers.Add(header, token);
        using var response = await signedIn.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    /// <summary>Every anonymous journey once, with the markers; the receipts are kept as secrets to look for.</summary>
    private async Task JourneysAsync(string surveyId, string code)
    {
        using var reporter = Reporter();

        // The identifier check, as the form's script calls it while the reporter types.
        using (var checkedText = await reporter.PostAsJsonAsync("/api/identifier-check", new { text = Typed[3].Text }))
        {
            Assert.That(checkedText.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // A report by the API.
        var report = SampleReports.Valid(Typed[0].Text);
        report["reporterContact"] = Typed[1].Text;
        report["confirmNoIdentifiers"] = true;
        using (var submitted = await reporter.PostAsync("/api/reports", WithPhoto(report)))
        {
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync());
            AddReceipt((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!);
        }

        // A report by the form without script.
        var page = await reporter.GetStringAsync("/");
        var form = new Dictionary<string, string>
        {
            ["kind"] = "incident",
            ["occurredOn"] = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["unit"] = "grundskola",
            ["environment"] = "autonomous",
            ["observations"] = "graffiti",
            ["description"] = Typed[2].Text,
            ["confirmNoIdentifiers"] = "true",
            ["formToken"] = FormTokenField().Match(page).Groups[1].Value,
        };
        using (var posted = await reporter.PostAsync("/", CoordinatorAccess.Form(page, form)))
        {
            var receiptPage = await posted.Content.ReadAsStringAsync();
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), receiptPage);
            AddReceipt(ReceiptField().Match(receiptPage).Groups[1].Value);
        }

        var receipt = _secrets[0];

        // The follow-up: read on the API and on the page, then a reply.
        using (var read = await reporter.PostAsJsonAsync("/api/follow-up", new { receipt }))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var followUpPage = await reporter.GetStringAsync("/uppfoljning");
        using (var readOnPage = await reporter.PostAsync("/uppfoljning", CoordinatorAccess.Form(followUpPage, new() { ["receipt"] = receipt })))
        {
            Assert.That(readOnPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var replied = await reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = Typed[4].Text, confirmNoIdentifiers = true }))
        {
            Assert.That(replied.StatusCode, Is.EqualTo(HttpStatusCode.Created), await replied.Content.ReadAsStringAsync());
        }

        // A survey answer with a code and a comment.
        using (var answered = await reporter.PostAsJsonAsync($"/api/surveys/{surveyId}/answers", new
        {
            code,
            unit = "grundskola",
            observed = new Dictionary<string, string> { ["white-power"] = "once", ["autonomous"] = "never", ["islamist"] = "never" },
            observations = new[] { "stickers" },
            knowsWhereToTurn = "yes",
            trained = "no",
            comment = Typed[5].Text,
            confirmNoIdentifiers = true,
        }))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await answered.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The report as multipart with one photo whose file carries <see cref="PhotoMarker"/> in a comment segment.</summary>
    private static MultipartFormDataContent WithPhoto(Dictionary<string, object?> report)
    {
        var jpeg = Features.Photos.TestImages.Jpeg(320, 240);
        var comment = Encoding.UTF8.GetBytes($"{PhotoMarker} {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}");
        byte[] segment = [0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)((comment.Length + 2) & 0xFF), .. comment];
        var photo = new ByteArrayContent([.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)]);
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(report), Encoding.UTF8, "application/json"), "report" },
            { photo, "photos", "foto.jpg" },
        };
    }

    private void AddReceipt(string receipt)
    {
        Assert.That(receipt, Does.Match(@"^\d{4} \d{4} \d{4} \d{4}$"));
        _secrets.Add(receipt);
        _secrets.Add(receipt.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    /// <summary>What must be found nowhere: the markers, the receipts and code, the address and the user agent.</summary>
    private IEnumerable<(string What, string Text)> Forbidden() =>
        Typed.Select(t => (t.Where, t.Marker))
            .Append(("the photo's comment", PhotoMarker))
            .Concat(_secrets.Select(s => ("a receipt or survey code", s)))
            .Append(("the reporter's address", ClientAddress))
            .Append(("the reporter's user agent", "KonformitetsAgent"));

    [GeneratedRegex("name=\"formToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenField();

    [GeneratedRegex("id=\"receipt-code\">([0-9 ]+)<")]
    private static partial Regex ReceiptField();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitRun();

    // ---- the checks ----

    [Test]
    public void NoColumnOfAnyTableHoldsATimeOfTheJourneys() =>
        Assert.That(_timesAfterJourneys, Is.Empty, "a time within the journeys' seconds is stored");

    [Test]
    public void NoColumnOfAnyTableHoldsWhatWasTypedAReceiptTheAddressOrTheUserAgent() =>
        Assert.That(_secretsAfterJourneys, Is.Empty);

    [Test]
    public void TheLogsAtTraceHoldNoneOfIt()
    {
        var logs = _host.Logs.AllText;
        Assert.That(_host.Logs.Lines, Has.Some.StartsWith("Trace").Or.Some.StartsWith("Debug"), "the logs were captured in detail");
        Assert.Multiple(() =>
        {
            foreach (var (what, text) in Forbidden())
            {
                Assert.That(logs, Does.Not.Contain(text), $"{what} reached a log line");
            }
        });
    }

    [Test]
    public void TelemetryAtFullDetailHoldsNoneOfIt_AndNoSpanOrRequestMetricOfAnyonesRequests()
    {
        var text = TelemetryText();
        var anyonesSpans = _spans.Where(s => s.Source.Name == "Microsoft.AspNetCore" && s.StartTimeUtc >= _from.UtcDateTime && s.StartTimeUtc <= _to.UtcDateTime)
            .Select(s => s.DisplayName).ToList();
        var routes = RequestDurationRoutes();
        Assert.That(_spans.Select(s => s.DisplayName), Has.Some.EqualTo("POST /api/surveys/"), "the coordinator's requests are traced");
        Assert.That(_spans.Where(s => s.DisplayName == "POST /api/surveys/").Select(s => s.GetTagItem("url.path")), Has.All.EqualTo("/api/surveys/"), "paths as route templates");
        Assert.That(_scraped, Does.Contain("reporting_reports_received"), "the Prometheus endpoint answers");
        Assert.Multiple(() =>
        {
            foreach (var (what, secret) in Forbidden())
            {
                Assert.That(text, Does.Not.Contain(secret), $"{what} reached telemetry");
            }

            Assert.That(anyonesSpans, Is.Empty, "a reporter's or respondent's request left a span with its time");
            Assert.That(routes, Has.None.Contains("/api/reports").And.None.Contains("identifier-check").And.None.Contains("follow-up")
                .And.None.Contains("answers").And.None.EqualTo("/").And.None.EqualTo("uppfoljning"), "anyone's requests are not timed per request");
            Assert.That(CounterValue("reporting.reports.received"), Is.Zero, "today's reports are published after midnight, not as they arrive");
            Assert.That(text, Does.Not.Contain("?"), "no URL query");
        });
    }

    /// <summary>Every span's and metric's names, tags, events and links, and the Prometheus text, as one text to search.</summary>
    private string TelemetryText()
    {
        var text = new StringBuilder(_scraped);
        foreach (var span in _spans)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{span.Source.Name} {span.DisplayName} {span.OperationName} {span.StatusDescription}");
            foreach (var (key, value) in span.EnumerateTagObjects())
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{key}={value}");
            }

            foreach (var activityEvent in span.Events)
            {
                text.AppendLine(activityEvent.Name);
                foreach (var (key, value) in activityEvent.EnumerateTagObjects())
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{key}={value}");
                }
            }

            foreach (var (key, value) in span.Baggage)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{key}={value}");
            }
        }

        foreach (var metric in _metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{metric.MeterName} {metric.Name} {metric.Description} {metric.Unit}");
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var (key, value) in point.Tags)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{key}={value}");
                }
            }
        }

        return text.ToString();
    }

    private List<string> RequestDurationRoutes()
    {
        var routes = new List<string>();
        foreach (var metric in _metrics.Where(m => m.Name == "http.server.request.duration"))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var (key, value) in point.Tags)
                {
                    if (key == "http.route")
                    {
                        routes.Add(value?.ToString() ?? string.Empty);
                    }
                }
            }
        }

        return routes;
    }

    private long CounterValue(string name)
    {
        var value = 0L;
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                value = point.GetSumLong();
            }
        }

        return value;
    }

    [Test]
    public void TheMailHoldsNoneOfIt()
    {
        var texts = MailTexts();
        Assert.That(texts, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var text in texts)
            {
                foreach (var (what, secret) in Forbidden().Append(("a category", "Den autonoma miljön")).Append(("a category", "autonomous")))
                {
                    Assert.That(text, Does.Not.Contain(secret), $"{what} reached an e-mail");
                }
            }
        });
    }

    [Test]
    public void TheIndexsSealedCopyOpenedWithTheKeyHoldsNoTimeAndNoText()
    {
        Assert.That(_copyAfterJourneys, Is.Not.Null, "the index's copy was stored");
        var text = Encoding.UTF8.GetString(_copyAfterJourneys!);
        Assert.Multiple(() =>
        {
            Assert.That(TimeIn(_copyAfterJourneys!, null), Is.Null, "a time of the journeys in the copy");
            foreach (var (what, secret) in Forbidden())
            {
                Assert.That(text, Does.Not.Contain(secret), $"{what} in the copy");
            }
        });
    }

    [Test]
    public void EverythingUnderTheDataDirectoryIsTheServicesUsersAlone()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes.");
            return;
        }

        var entries = Directory.GetFileSystemEntries(_dataDirectory, "*", SearchOption.AllDirectories).Append(_dataDirectory).ToList();
        if (mail == "pickup")
        {
            Assert.That(entries, Has.Some.EndsWith(".eml"), "the pickup folder holds the alert");
        }

        var tooOpen = new List<string>();
        foreach (var entry in entries)
        {
            var allowed = Directory.Exists(entry) ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if ((File.GetUnixFileMode(entry) & ~allowed) != 0)
            {
                tooOpen.Add($"{Path.GetRelativePath(_folder.Path, entry)} ({File.GetUnixFileMode(entry)})");
            }
        }

        Assert.That(tooOpen, Is.Empty, "readable by others");
    }

    [Test]
    public void AfterKeyRotationAndRetentionNothingIsReadableBehindAndStillNoTimeOrText()
    {
        Assert.That(_timesAfterRotationAndRetention, Is.Empty, "a time of the journeys after rotation and retention");
        Assert.That(_secretsAfterRotationAndRetention, Is.Empty);
        Assert.That(_copyAfterRetention, Is.Not.Null, "the copy is sealed anew after retention");
        Assert.That(_copyAfterRetention!.AsSpan().IndexOf(_deleted.ToByteArray()), Is.EqualTo(-1), "the deleted report is not in the index's copy");
        Assert.That(_copyAfterJourneys!.AsSpan().IndexOf(_deleted.ToByteArray()), Is.GreaterThanOrEqualTo(0), "(it was before)");
        Assert.That(_deletedKeyOnDisk, Is.False, "the deleted report's key is gone from the database, its log and its shared memory");
    }

    [Test]
    public void TheSearchFindsEveryRepresentationItLooksFor_AndNotTheDay()
    {
        var inside = _from + ((_to - _from) / 2);
        var local = TimeZoneInfo.ConvertTime(inside, Local);
        Assert.Multiple(() =>
        {
            Assert.That(TimeIn(inside.ToUnixTimeMilliseconds(), null), Is.Not.Null, "Unix milliseconds");
            Assert.That(TimeIn(inside.ToUnixTimeSeconds(), null), Is.Not.Null, "Unix seconds");
            Assert.That(TimeIn(inside.UtcTicks, null), Is.Not.Null, "ticks");
            Assert.That(TimeIn(inside.UtcDateTime, null), Is.Not.Null, "a date and time");
            Assert.That(TimeIn(inside, null), Is.Not.Null, "an instant");
            Assert.That(TimeIn($"at {inside.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", null), Is.Not.Null, "ISO text in UTC");
            Assert.That(TimeIn($"{{\"at\":\"{local:yyyy-MM-ddTHH:mm:ss.fff}\"}}", null), Is.Not.Null, "ISO text in local time");
            Assert.That(TimeIn($"seen {inside.ToUnixTimeMilliseconds()}", null), Is.Not.Null, "digits in text");
            Assert.That(TimeIn(BitConverter.GetBytes(inside.ToUnixTimeMilliseconds()).Prepend((byte)7).ToArray(), null), Is.Not.Null, "8 bytes in a blob");
            Assert.That(TimeIn(new DateTimeOffset(local.Date, local.Offset).ToUnixTimeMilliseconds(), null), Is.Null, "the day's start is no time of the journeys");
            Assert.That(TimeIn(local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null), Is.Null, "nor the date");
            Assert.That(SecretIn(Encoding.UTF8.GetBytes("x" + Typed[0].Marker), null), Is.Not.Null, "a marker in UTF-8 bytes");
            Assert.That(SecretIn(Encoding.Unicode.GetBytes(Typed[4].Marker), null), Is.Not.Null, "a marker in UTF-16 bytes");
            Assert.That(SecretIn($"from {ClientAddress}", null), Is.Not.Null, "the address");
        });
    }

    // ---- reading everything ----

    /// <summary>Every value of every table (read from the database's own catalogue, not the model), given to <paramref name="find"/>.</summary>
    private async Task<List<string>> FindInDatabaseAsync(Func<object, string?, string?> find)
    {
        var found = new List<string>();
        await using var connection = _host.OpenRawConnection();
        var tables = await _host.ReadColumnAsync(_host.IsPostgreSql
            ? "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'");
        Assert.That(tables, Has.Member("Reports").And.Member("AuditLog").And.Member("ReporterActivity"));
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && find(reader.GetValue(i), reader.GetDataTypeName(i)) is { } what)
                    {
                        found.Add($"{table}.{reader.GetName(i)}: {what}");
                    }
                }
            }
        }

        return found;
    }

    private string? SecretIn(object value, string? type)
    {
        var texts = value switch
        {
            byte[] bytes => [Encoding.UTF8.GetString(bytes), Encoding.Unicode.GetString(bytes)],
            _ => new[] { Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty },
        };
        return Forbidden().Where(f => texts.Any(t => t.Contains(f.Text, StringComparison.Ordinal))).Select(f => f.What).FirstOrDefault();
    }

    /// <summary>A time within the journeys' window in any representation: a date and time, Unix seconds or milliseconds, .NET ticks, ISO text (UTC or local), or those as 8-byte numbers in binary.</summary>
    private string? TimeIn(object value, string? type)
    {
        var from = _from.AddSeconds(-1);
        var to = _to.AddSeconds(1);
        bool Within(DateTimeOffset at) => at >= from && at <= to;
        bool Number(long n) =>
            (n >= from.ToUnixTimeSeconds() && n <= to.ToUnixTimeSeconds())
            || (n >= from.ToUnixTimeMilliseconds() && n <= to.ToUnixTimeMilliseconds())
            || (n >= from.UtcTicks && n <= to.UtcTicks)
            || (n >= from.ToOffset(Local.GetUtcOffset(from)).Ticks && n <= to.ToOffset(Local.GetUtcOffset(to)).Ticks);
        switch (value)
        {
            case DateTime dateTime when Within(new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc))) || Within(new DateTimeOffset(dateTime, Local.GetUtcOffset(dateTime))):
                return $"the time {dateTime:O}";
            case DateTimeOffset offset when Within(offset):
                return $"the time {offset:O}";
            case long or int or double or decimal when Number(Convert.ToInt64(value, CultureInfo.InvariantCulture)):
                return $"the number {value}";
            case byte[] bytes:
                for (var i = 0; i + 8 <= bytes.Length; i++)
                {
                    if (Number(BitConverter.ToInt64(bytes, i)))
                    {
                        return $"an 8-byte time at offset {i}";
                    }
                }

                return InText(Encoding.UTF8.GetString(bytes)) ?? InText(Encoding.Unicode.GetString(bytes));
            default:
                return InText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        string? InText(string text)
        {
            foreach (Match match in IsoTime().Matches(text))
            {
                if (DateTime.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    && (Within(new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc))) || Within(new DateTimeOffset(parsed, Local.GetUtcOffset(parsed)))))
                {
                    return $"the text {match.Value}";
                }
            }

            foreach (Match match in DigitRun().Matches(text))
            {
                if (match.Length is 10 or 13 or 18 or 19 && long.TryParse(match.Value, CultureInfo.InvariantCulture, out var n) && Number(n))
                {
                    return $"the digits {match.Value}";
                }
            }

            return null;
        }
    }

    private static readonly TimeZoneInfo Local = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private List<string> MailTexts()
    {
        if (_smtp is not null)
        {
            return [.. _smtp.Accepted.Select(m => m.ToString())];
        }

        var folder = Path.Combine(_dataDirectory, "mail");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.eml").Select(f => Encoding.UTF8.GetString(ReadShared(f)))] : [];
    }

    /// <summary>Every stored photo, opened with the service's own key as the coordinator's page does.</summary>
    private async Task<List<byte[]>> OpenPhotosAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var sealer = scope.ServiceProvider.GetRequiredService<Reporting.Features.Reports.ReportSealer>();
        var opened = new List<byte[]>();
        foreach (var photo in await db.Photos.AsNoTracking().ToListAsync())
        {
            opened.Add(sealer.OpenPhoto(await db.Reports.AsNoTracking().SingleAsync(r => r.Id == photo.ReportId), photo));
        }

        return opened;
    }

    [Test]
    public void AStoredPhotoHoldsNothingOfTheFileButThePixels()
    {
        Assert.That(_photosAfterJourneys, Has.Count.EqualTo(1), "the API report's photo is stored");
        var photo = _photosAfterJourneys[0];
        Assert.That(photo.AsSpan().IndexOf(Encoding.UTF8.GetBytes(PhotoMarker)), Is.EqualTo(-1), "the file's comment is gone");
        Assert.That(photo.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xFE]), Is.EqualTo(-1), "no comment segment at all");
        Assert.That(photo.AsSpan().IndexOf("Exif"u8), Is.EqualTo(-1), "no EXIF block");
    }

    private async Task<byte[]?> OpenIndexCopyAsync()
    {
        await using var connection = _host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"KeyId\", \"WrappedKey\", \"Content\" FROM \"ReportIndexCopies\"";
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var cipher = _host.Services.GetRequiredService<EnvelopeCipher>();
        var dataKey = cipher.Unwrap(new WrappedDataKey(reader.GetString(0), (byte[])reader.GetValue(1)), StoredIndexCopy.RowId, StoredIndexCopy.KeyPurpose);
        return EnvelopeCipher.OpenContent(dataKey, StoredIndexCopy.RowId, (byte[])reader.GetValue(2), StoredIndexCopy.ContentPurpose);
    }

    /// <summary>The report whose receipt the reporter used (the API's).</summary>
    private async Task<Guid> ReportIdWithReceiptAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var receipts = scope.ServiceProvider.GetRequiredService<Reporting.Features.Reports.ReceiptCode>();
        var hash = receipts.Hash(Reporting.Features.Reports.ReceiptCode.Normalise(_secrets[0])!);
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return (await db.Reports.SingleAsync(r => r.ReceiptHash == hash)).Id;
    }

    private async Task<byte[]> WrappedKeyAsync(Guid id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var report = await db.Reports.SingleAsync(r => r.Id == id);
        return report.WrappedKey;
    }


    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
