using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Features.Retention;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

/// <summary>
/// The index of codes answers the inbox and the summaries without decrypting per request; these
/// tests hold it to the answers of opening every report: after each kind of change, after a key
/// rotation, from a second instance, and for arbitrary filters (property tests).
/// </summary>
[TestFixture]
public sealed class ReportIndexTests
{
    private const string Actor = "samordnare@kommun.example";
    private static readonly string[] Environments = ["white-power", "autonomous", "islamist", "other", "unknown"];
    private static readonly string[] Kinds = ["concern", "incident", "information"];
    private static readonly string[] Units = ["forskola", "grundskola", "fritidsgard"];
    private static readonly string[] Statuses = ["new", "in-review", "forwarded", "closed"];
    private static readonly string[] Channels = ["form", "phone", "meeting"];

    /// <summary>The service's day: Stockholm's (Organisation:TimeZone), not the test machine's.</summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);

    private static TempFolder _folder = null!;
    private static ReportingHost _host = null!;

    [OneTimeSetUp]
    public static async Task SeedVariedReports()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path);
        var random = new Random(17);
        for (var i = 0; i < 48; i++)
        {
            var report = SampleReports.Valid($"Rapport nummer {i} om klotter vid entrén.", occurredOn: "2026-11-0" + (1 + (i % 9)));
            report["environment"] = Environments[random.Next(Environments.Length)];
            report["kind"] = Kinds[random.Next(Kinds.Length)];
            report["unit"] = Units[random.Next(Units.Length)];
            using var response = await _host.SubmitAsync(report);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        // Handling, as coordinators do it, and the case-work facets (assessment, channel) on some.
        var ids = await IdsAsync(_host);
        await using var scope = _host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var id in ids)
        {
            var status = Statuses[random.Next(Statuses.Length)];
            if (status != "new")
            {
                await mediator.Send(new UpdateReportCommand(Actor, id, status, status == "forwarded" ? ["police"] : null, null));
            }
        }

        await ChangeFacetsAsync(_host, ids.Where((_, i) => i % 5 == 0), f => f with { AssessedEnvironment = Environments[(f.Environment.Length + 1) % Environments.Length] });
        await ChangeFacetsAsync(_host, ids.Where((_, i) => i % 7 == 0), f => f with { Channel = Channels[1 + (f.Unit.Length % 2)] });
    }

    [OneTimeTearDown]
    public static void Stop()
    {
        _host?.Dispose();
        _folder?.Dispose();
    }

    private static async Task<List<Guid>> IdsAsync(ReportingHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.Reports.OrderBy(r => r.ReferenceNumber).Select(r => r.Id).ToListAsync();
    }

    /// <summary>Changes sealed facets as a use case would: through the sealer and a tracked save (which stamps the revision).</summary>
    private static async Task ChangeFacetsAsync(ReportingHost host, IEnumerable<Guid> ids, Func<ReportFacets, ReportFacets> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var sealer = scope.ServiceProvider.GetRequiredService<ReportSealer>();
        var wanted = ids.ToHashSet();
        foreach (var report in await db.Reports.Where(r => wanted.Contains(r.Id)).ToListAsync())
        {
            sealer.ReplaceFacets(report, change(sealer.OpenFacets(report)));
        }

        await db.SaveChangesAsync();
    }

    private static async Task<ReportList> ListAsync(ReportingHost host, ListReportsQuery query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>The reference answer: every row read and opened, filtered and ordered here, independently of the index.</summary>
    private static async Task<(List<string> References, int Total)> DecryptEverythingAsync(ReportingHost host, ListReportsQuery query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var sealer = scope.ServiceProvider.GetRequiredService<ReportSealer>();
        var matching = new List<Report>();
        foreach (var report in await db.Reports.AsNoTracking().ToListAsync())
        {
            var content = sealer.Open(report);
            var facets = sealer.OpenFacets(report);
            var environment = facets.AssessedEnvironment ?? content.Environment;
            if ((query.Status is null || report.Status.Code == query.Status)
                && (query.From is null || report.ReceivedOn >= query.From)
                && (query.To is null || report.ReceivedOn <= query.To)
                && (query.Environment is null || environment == query.Environment)
                && (query.Kind is null || content.Kind == query.Kind)
                && (query.Unit is null || content.Unit == query.Unit)
                && (query.Channel is null || facets.Channel == query.Channel))
            {
                matching.Add(report);
            }
        }

        var ordered = matching.OrderByDescending(r => r.ReferenceYear).ThenByDescending(r => r.ReferenceNumber).Select(r => r.Reference.ToString()).ToList();
        return ([.. ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], ordered.Count);
    }

    private static Arbitrary<ListReportsQuery> Queries()
    {
        static Gen<string?> OneOf(string[] codes) => Gen.Elements([null, null, .. codes]);
        var today = Today;
        var days = Gen.Elements<DateOnly?>(null, null, today.AddDays(-1), today, today.AddDays(1));
        return (from status in OneOf(Statuses)
                from environment in OneOf(Environments)
                from kind in OneOf(Kinds)
                from unit in OneOf(Units)
                from channel in OneOf(Channels)
                from first in days
                from last in days
                from page in Gen.Choose(1, 4)
                from size in Gen.Elements(1, 5, 25)
                select new ListReportsQuery(Actor, status, first, last is { } t && first is { } f && t < f ? null : last, environment, kind, page, size, unit, channel))
            .ToArbitrary();
    }

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property AnyFilterGivesTheSameAnswerAsOpeningEveryReport() =>
        Prop.ForAll(Queries(), query =>
        {
            var fromIndex = ListAsync(_host, query).GetAwaiter().GetResult();
            var (references, total) = DecryptEverythingAsync(_host, query).GetAwaiter().GetResult();
            return (fromIndex.Total == total && fromIndex.Items.Select(i => i.Reference).SequenceEqual(references))
                .Label($"{query}: index {fromIndex.Total} [{string.Join(",", fromIndex.Items.Select(i => i.Reference))}], opened {total} [{string.Join(",", references)}]");
        });

    [FsCheck.NUnit.Property(MaxTest = 12)]
    public Property TheQuarterCountsAreTheSameAsOpeningEveryReport() =>
        Prop.ForAll(Gen.Elements(Environments).ToArbitrary(), environment =>
        {
            var quarter = Quarter.Of(Today);
            using var scope = _host.Services.CreateScope();
            var summary = scope.ServiceProvider.GetRequiredService<QuarterAggregation>().BuildAsync(quarter, false, CancellationToken.None).GetAwaiter().GetResult().Summary;
            var (_, opened) = DecryptEverythingAsync(_host, new ListReportsQuery(Actor, Environment: environment, From: quarter.FirstDay, To: quarter.LastDay)).GetAwaiter().GetResult();
            return (summary.ByEnvironment[environment] == opened).Label($"{environment}: summary {summary.ByEnvironment[environment]}, opened {opened}");
        });

    [Test]
    public async Task TheIndexFollowsSubmitStatusChangeReassessmentAndRetention()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Retention:DeleteClosedReportsAfterMonths"] = "1" }, clock);
        Assert.That((await ListAsync(host, new ListReportsQuery(Actor))).Total, Is.Zero);

        using (var response = await host.SubmitAsync(SampleReports.With("environment", "islamist")))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var listed = await ListAsync(host, new ListReportsQuery(Actor, Environment: "islamist"));
        Assert.That(listed.Total, Is.EqualTo(1), "a submitted report is in the index at once");
        var id = listed.Items[0].Id;

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new UpdateReportCommand(Actor, id, "closed", null, null));
        }

        Assert.That((await ListAsync(host, new ListReportsQuery(Actor, Status: "closed"))).Total, Is.EqualTo(1), "a status change is in the index at once");
        Assert.That((await ListAsync(host, new ListReportsQuery(Actor, Status: "new"))).Total, Is.Zero);

        await ChangeFacetsAsync(host, [id], f => f with { AssessedEnvironment = "autonomous" });
        Assert.That((await ListAsync(host, new ListReportsQuery(Actor, Environment: "autonomous"))).Items.Single().AssessedEnvironment, Is.EqualTo("autonomous"));
        Assert.That((await ListAsync(host, new ListReportsQuery(Actor, Environment: "islamist"))).Total, Is.Zero, "the assessment is what is filtered and counted");

        // Two months on, retention deletes it (its daily run may get there first, as it waits on the same clock).
        clock.Advance(TimeSpan.FromDays(62));
        await host.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);
        Assert.That(await host.ReadColumnAsync("SELECT Id FROM Reports"), Is.Empty);
        Assert.That((await ListAsync(host, new ListReportsQuery(Actor))).Total, Is.Zero, "a deleted report leaves the index");
    }

    [Test]
    public async Task AfterAKeyRotationTheIndexAndARebuiltOneStillAgree()
    {
        using var folder = new TempFolder();
        List<string> before;
        using (var host = new ReportingHost(folder.Path))
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await host.SubmitAsync(SampleReports.With("unit", Units[i % Units.Length]));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            before = [.. (await ListAsync(host, new ListReportsQuery(Actor, Unit: "forskola"))).Items.Select(i => i.Reference)];
            await host.Services.GetRequiredService<ReportIndex>().StoreCopyAsync(CancellationToken.None);
            Assert.That(await host.ReadColumnAsync("SELECT KeyId FROM ReportIndexCopies"), Has.Count.EqualTo(1));
            await host.Services.GetRequiredService<KeyRotation>().RotateAsync(2, null, CancellationToken.None);
            Assert.That(await host.ReadColumnAsync("SELECT KeyId FROM ReportIndexCopies"), Is.Empty, "the index's copy is dropped, not re-wrapped");
            Assert.That((await ListAsync(host, new ListReportsQuery(Actor, Unit: "forskola"))).Items.Select(i => i.Reference), Is.EqualTo(before));
        }

        // A fresh start builds the index from the re-wrapped keys.
        using var restarted = new ReportingHost(folder.Path);
        Assert.That((await ListAsync(restarted, new ListReportsQuery(Actor, Unit: "forskola"))).Items.Select(i => i.Reference), Is.EqualTo(before));
        Assert.That(before, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task AStartReadsTheSealedCopyAndCatchesUpOnWhatChangedSince()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?> { ["Retention:DeleteClosedReportsAfterMonths"] = "1" };
        using (var first = new ReportingHost(folder.Path, settings, clock))
        {
            for (var i = 0; i < 6; i++)
            {
                using var response = await first.SubmitAsync(SampleReports.With("environment", Environments[i % Environments.Length]));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            var ids = await IdsAsync(first);
            await using var scope = first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new UpdateReportCommand(Actor, ids[0], "closed", null, null));
        }

        // Stored at the stop, sealed: the codes are not in the stored bytes.
        using var second = new ReportingHost(folder.Path, settings, clock);
        Assert.That((await ListAsync(second, new ListReportsQuery(Actor))).Total, Is.EqualTo(6));
        Assert.That(second.Logs.AllText, Does.Contain("loaded from its sealed copy: 6 reports"));
        Assert.That(second.Logs.AllText, Does.Not.Contain("Report index built"));
        var sealedCopy = await second.ReadColumnAsync("SELECT hex(Content) FROM ReportIndexCopies");
        Assert.That(sealedCopy.Single(), Does.Not.Contain(Convert.ToHexString("white-power"u8)).And.Not.Contain(Convert.ToHexString("grundskola"u8)));

        // Changes after that copy: a new report, a status change, a reassessment and a deletion.
        using (var response = await second.SubmitAsync(SampleReports.With("environment", "islamist")))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var all = await IdsAsync(second);
        await using (var scope = second.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new UpdateReportCommand(Actor, all[1], "in-review", null, null));
        }

        await ChangeFacetsAsync(second, [all[2]], f => f with { AssessedEnvironment = "autonomous" });
        // The closed report expired by moving its closing date back, not the clock forward: a clock
        // moved a day starts retention's daily run too, which moves the report clock while the two
        // indexes below are read.
        ChangeDatabaseFile(folder, "UPDATE Reports SET ClosedOn = '2001-01-01' WHERE Status = 'closed'", expectedRows: 1);
        await second.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);

        // An index started from the now older copy agrees, report by report, with one built from every report.
        var services = second.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<ReportingDbContext>>();
        var sealer = services.GetRequiredService<ReportSealer>();
        var fromCopy = await new ReportIndex(contexts, sealer, services.GetRequiredService<ReportIndexCopies>(), NullLogger<ReportIndex>.Instance).CurrentAsync(CancellationToken.None);
        var built = await new ReportIndex(contexts, sealer, copies: null, NullLogger<ReportIndex>.Instance).CurrentAsync(CancellationToken.None);
        Assert.That(fromCopy.OldestFirst.Select(Describe), Is.EqualTo(built.OldestFirst.Select(Describe)));
        Assert.That(built.Count, Is.EqualTo(6), "one submitted, one deleted by retention");
        Assert.That(fromCopy.Clock, Is.EqualTo(built.Clock));
    }

    [Test]
    public async Task ADamagedCopyIsIgnoredAndTheIndexBuiltFromTheReports()
    {
        using var folder = new TempFolder();
        await SubmitOneConcernAndStopAsync(folder);
        ChangeDatabaseFile(folder, "UPDATE ReportIndexCopies SET Content = zeroblob(length(Content))", expectedRows: 1);

        using var restarted = new ReportingHost(folder.Path);
        Assert.That((await ListAsync(restarted, new ListReportsQuery(Actor, Kind: "concern"))).Total, Is.EqualTo(1));
        Assert.That(restarted.Logs.AllText, Does.Contain("stored copy could not be used (AuthenticationTagMismatchException)").And.Contain("Report index built: 1 reports"));
    }

    [Test]
    public async Task ACopyAheadOfTheDatabaseIsNamedInTheLogAndTheIndexBuiltFromTheReports()
    {
        using var folder = new TempFolder();
        await SubmitOneConcernAndStopAsync(folder);
        // As a hand-edited database would be: its clock, and the report's revision with it, earlier than the copy's.
        ChangeDatabaseFile(folder, "UPDATE ReportClock SET Revision = 0", expectedRows: 1);
        ChangeDatabaseFile(folder, "UPDATE Reports SET Revision = 0", expectedRows: 1);

        using var restarted = new ReportingHost(folder.Path);
        Assert.That((await ListAsync(restarted, new ListReportsQuery(Actor, Kind: "concern"))).Total, Is.EqualTo(1));
        Assert.That(restarted.Logs.AllText, Does.Contain("ahead of the database's 0; the index is built from the reports").And.Contain("Report index built: 1 reports"));
        Assert.That(restarted.Logs.AllText, Does.Not.Contain("loaded from its sealed copy"));
    }

    /// <summary>A service that took one report of kind "concern" and stopped (storing its index copy).</summary>
    private static async Task SubmitOneConcernAndStopAsync(TempFolder folder)
    {
        using var host = new ReportingHost(folder.Path);
        using var response = await host.SubmitAsync(SampleReports.With("kind", "concern"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    /// <summary>Changes the SQLite file behind the service's back, as an older version, damage or a hand edit would have (the service may be running).</summary>
    private static void ChangeDatabaseFile(TempFolder folder, string sql, int expectedRows)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.Path, "reporting.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.That(command.ExecuteNonQuery(), Is.EqualTo(expectedRows));
    }

    /// <summary>Every field of an indexed report, lists included, as one comparable line.</summary>
    private static string Describe(IndexedReport r) =>
        $"{r.Id} {r.Reference} {r.ReceivedOn} {r.Status.Code} {r.ClosedOn} [{string.Join(',', r.ForwardedTo)}] {r.Revision} {r.UnreadReplies} "
        + $"{r.Facets with { Observations = [], ActionsTaken = [], Symbols = [] }} [{string.Join(',', r.Facets.Observations)}] [{string.Join(',', r.Facets.ActionsTaken)}] [{string.Join(',', r.Facets.Symbols)}]";

    [Test]
    public async Task FacetsMissingFromOlderReportsAreFilledInAtStart()
    {
        using var folder = new TempFolder();
        await SubmitOneConcernAndStopAsync(folder);

        // As a database from before facets existed: the column empty.
        ChangeDatabaseFile(folder, "UPDATE Reports SET Facets = X''; DELETE FROM ServiceState WHERE Name = 'facets.backfilled'", expectedRows: 2);

        using var restarted = new ReportingHost(folder.Path);
        Assert.That((await ListAsync(restarted, new ListReportsQuery(Actor, Kind: "concern"))).Total, Is.EqualTo(1));
        Assert.That(await restarted.ReadColumnAsync("SELECT hex(Facets) FROM Reports"), Has.All.Not.Empty, "the facets were sealed and stored");
    }
}
