using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// A city after a few years: N reports spread evenly over the ten quarters 2024-Q2 to 2026-Q3 (so
/// the 100,000-report database has 10,000 in a quarter and 40,000 in 2025), sealed by the service's
/// own sealer with its own key, with status changes as coordinators make them (most older reports
/// closed, some forwarded), a few reassessed and a few linked as the same event. Written through
/// EF in batches, as the service's model stores them (reference counters and clock included).
/// </summary>
public static class ScaleSeeder
{
    public static readonly DateOnly FirstDay = new(2024, 4, 1);
    public static readonly DateOnly LastDay = new(2026, 9, 30);

    private static readonly string[] Environments = ["white-power", "autonomous", "islamist", "other", "unknown"];
    private static readonly string[] Kinds = ["concern", "incident", "information"];
    private static readonly string[] Observations = ["symbols", "propaganda", "stickers", "graffiti", "statements", "online", "threats"];
    private static readonly string[] Places = ["premises", "schoolyard", "public-space", "online", "other"];
    private static readonly string[] Ages = ["under-13", "13-15", "16-17", "18-24", "unknown"];
    private static readonly string[] Channels = ["phone", "meeting", "email"];
    private const string Sentence = "Klistermärken med symboler hittades vid entrén och togs bort av personalen samma dag. ";

    /// <summary>Seeds <paramref name="count"/> reports; with <paramref name="oneQuarter"/> all in 2026-Q3 (the internal PDF's own target: 10,000 reports in one quarter).</summary>
    public static async Task<int> RunAsync(ScaleDatabase database, int count, bool oneQuarter)
    {
        var watch = Stopwatch.StartNew();
        await using var host = new BenchHost(database);
        var services = host.Services;
        var sealer = services.GetRequiredService<ReportSealer>();
        var contexts = services.GetRequiredService<IDbContextFactory<ReportingDbContext>>();
        var units = services.GetRequiredService<Reporting.Features.Organisation.OrganisationProfile>().Units.Select(u => u.Code).ToArray();
        // A city's reports go round its administrations (each holds count / administrations, spread over the same days).
        var administrations = database.AdministrationCodes;
        var random = new Random(2026);
        var firstDay = oneQuarter ? new DateOnly(2026, 7, 1) : FirstDay;
        var days = LastDay.DayNumber - firstDay.DayNumber + 1;
        var numbers = new Dictionary<int, int>();
        const int Batch = 2000;
        for (var start = 0; start < count; start += Batch)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var n = Math.Min(Batch, count - start);
            // Spread evenly: report i is received on day i × days / count, so every quarter holds its share.
            for (var i = start; i < start + n; i++)
            {
                var received = firstDay.AddDays((int)((long)i * days / count));
                var id = Guid.NewGuid();
                var channel = random.Next(10) == 0 ? Channels[random.Next(Channels.Length)] : ReportCodes.FormChannel;
                var content = new ReportContent(
                    Kinds[random.Next(Kinds.Length)], received.AddDays(-random.Next(5)), units[random.Next(units.Length)], ReportCodes.Unknown,
                    Environments[random.Next(Environments.Length)], [.. new[] { Observations[random.Next(Observations.Length)], Observations[random.Next(Observations.Length)] }.Distinct()],
                    Places[random.Next(Places.Length)], Ages[random.Next(Ages.Length)], "unknown", "one", ["manager"],
                    string.Concat(Enumerable.Repeat(Sentence, 1 + random.Next(4))), null);
                var administration = administrations.Count == 0 ? null : administrations[i % administrations.Count];
                var (report, _) = Report.Submit(id, received, Guid.NewGuid().ToByteArray(), sealer.Seal(id, content, channel, administration: administration), administration);
                var year = ReportReference.CounterYearFor(received);
                numbers[year] = numbers.GetValueOrDefault(year) + 1;
                report.AssignReference(new ReportReference(year, numbers[year]));
                if (random.Next(20) == 0)
                {
                    sealer.ReplaceFacets(report, sealer.OpenFacets(report) with { AssessedEnvironment = Environments[random.Next(Environments.Length)] });
                }

                if (random.Next(25) == 0 && numbers[year] > 1)
                {
                    sealer.ReplaceFacets(report, sealer.OpenFacets(report) with { LinkedTo = new ReportReference(year, numbers[year] - 1).ToString() });
                }

                db.Reports.Add(report);
                AddHandling(db, report, received, random);
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            foreach (var (year, last) in numbers)
            {
                db.ReferenceCounters.Add(new ReferenceCounter { Year = year, LastNumber = last });
            }

            await db.SaveChangesAsync();
        }

        Console.Error.WriteLine($"  seeded {count:N0} reports ({database.Provider}) in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>What coordinators did: older reports mostly closed within weeks, some forwarded first, the newest still open.</summary>
    private static void AddHandling(ReportingDbContext db, Report report, DateOnly received, Random random)
    {
        var age = LastDay.DayNumber - received.DayNumber;
        var roll = random.Next(100);
        var steps = age > 60 ? (roll < 80 ? new[] { ReportStatus.InReview, ReportStatus.Closed } : roll < 90 ? [ReportStatus.InReview, ReportStatus.Forwarded] : [ReportStatus.InReview])
            : roll < 50 ? [ReportStatus.InReview] : [];
        var day = received;
        foreach (var step in steps)
        {
            day = day.AddDays(1 + random.Next(20));
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            if (step == ReportStatus.Forwarded)
            {
                foreach (var change in report.Forward(["police"], "samordnare@kommun.example", at, day))
                {
                    if (change.Field == ReportChange.StatusField)
                    {
                        db.StatusChanges.Add(ReportStatusChange.Of(change));
                    }
                }

                continue;
            }

            if (report.ChangeStatus(step, "samordnare@kommun.example", at, day) is { } statusChange)
            {
                db.StatusChanges.Add(ReportStatusChange.Of(statusChange));
            }
        }
    }
}
