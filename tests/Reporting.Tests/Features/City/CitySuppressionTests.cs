using FsCheck;
using FsCheck.Fluent;
using Reporting.Features.City;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Administrations;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.City;

/// <summary>
/// The city's small-count suppression as a property: for generated years of reports over two to seven
/// administrations (many of them small), no count from 1 to <c>SuppressBelow − 1</c> is printed, and
/// none can be derived by subtraction: the test rebuilds every sum the printed tables show (each
/// administration's row in both tables, each column, the totals) from the printed structure alone,
/// derives every value it can by repeated subtraction, and finds no small count among them.
/// </summary>
[TestFixture]
public sealed class CitySuppressionTests
{
    private static readonly string[] Environments = [.. ReportCodes.Environment.Codes];

    private static Gen<(int Administrations, int SuppressBelow, (int Administration, int Environment, int Quarter)[] Reports)> Years() =>
        from administrations in Gen.Choose(2, 7)
        from suppressBelow in Gen.Elements(2, 3, 5)
        from reports in Gen.ArrayOf(
            from administration in Gen.Choose(0, administrations - 1)
            from environment in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(1, Environments.Length - 1)))
            from quarter in Gen.Choose(1, 4)
            select (administration, environment, quarter))
        select (administrations, suppressBelow, reports);

    [FsCheck.NUnit.Property(MaxTest = 400)]
    public Property NoSmallCountIsPrintedOrDerivable() =>
        Prop.ForAll(Years().ToArbitrary(), year =>
        {
            var rows = Enumerable.Range(0, year.Administrations).Select(i => ($"a{i}", $"Förvaltning {i}")).ToList();
            var summary = BuildCitySummaryHandler.Summarise(
                2026, rows, year.Reports.Select(r => ($"a{r.Administration}", Environments[r.Environment], $"2026-Q{r.Quarter}")), year.SuppressBelow);
            var truth = Truth(year.Administrations, year.Reports);
            var printed = Printed(summary);

            var smallPrinted = printed.Where(p => p.Value is int n && n > 0 && n < year.SuppressBelow).Select(p => p.Key).ToList();
            var derived = Derive(printed, Sums(summary));
            var smallDerived = derived.Where(key => truth[key] > 0 && truth[key] < year.SuppressBelow).ToList();
            var wrong = printed.Where(p => p.Value is int n && n != truth[p.Key]).Select(p => p.Key).ToList();
            var marked = printed.Where(p => p.Value is string text && text == $"<{year.SuppressBelow}").All(p => truth[p.Key] > 0 && truth[p.Key] < year.SuppressBelow);

            return (smallPrinted.Count == 0 && smallDerived.Count == 0 && wrong.Count == 0 && marked)
                .Label($"printed small: {string.Join(", ", smallPrinted)}; derivable small: {string.Join(", ", smallDerived)}; wrong: {string.Join(", ", wrong)}");
        });

    [Test]
    public void WithoutSmallCountsEverythingIsPrinted()
    {
        var reports = Enumerable.Range(0, 3).SelectMany(a => Enumerable.Range(1, 4).SelectMany(q => Enumerable.Repeat(($"a{a}", "white-power", $"2026-Q{q}"), 3)));
        var summary = BuildCitySummaryHandler.Summarise(2026, [("a0", "A"), ("a1", "B"), ("a2", "C")], reports, 3);

        Assert.That(summary.Total, Is.EqualTo(36));
        Assert.That(summary.Administrations.Select(a => a.Total), Is.EqualTo(new object[] { 12, 12, 12 }));
        Assert.That(summary.Administrations[0].ByEnvironment["islamist"], Is.EqualTo(0), "a zero is no small count");
        Assert.That(summary.ToJson()["byAdministration"]!["a1"]!.GetValue<int>(), Is.EqualTo(12));
    }

    [Test]
    public void ASmallAdministrationIsShownAsLessThanAndItsComplementHidden()
    {
        (string, string, string)[] reports = [("a0", "white-power", "2026-Q1"), .. Enumerable.Repeat(("a1", "white-power", "2026-Q1"), 9)];
        var summary = BuildCitySummaryHandler.Summarise(2026, [("a0", "A"), ("a1", "B")], reports, 3);
        var json = summary.ToJson();

        Assert.That(json["byAdministration"]!["a0"]!.GetValue<string>(), Is.EqualTo("<3"));
        Assert.That(json["byAdministration"]!["a1"]!.GetValue<string>(), Is.EqualTo("x"), "10 − 9 would give the 1 away");
        Assert.That(json["total"]!.GetValue<int>(), Is.EqualTo(10));
    }

    [Test]
    public void AReportOfAnAdministrationNoLongerConfiguredIsNoOnesNotTheHomes()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["Administrations:0:Code"] = "a0", ["Administrations:0:Name"] = "A",
            ["Administrations:1:Code"] = "a1", ["Administrations:1:Name"] = "B",
        });
        var catalogue = host.Services.GetRequiredService<AdministrationCatalogue>();
        IndexedReport Report(int number, string? administration) => new(
            Guid.NewGuid(), new ReportReference(2026, number), new DateOnly(2026, 3, 1), ReportStatus.New, null, [],
            new ReportFacets("incident", new DateOnly(2026, 3, 1), "grundskola", "unknown", "white-power", ["stickers"], "other", "unknown", "unknown", "unknown", [], "form"),
            Revision: number, Administration: administration);
        var snapshot = new ReportIndexSnapshot([.. Enumerable.Range(1, 4).Select(n => Report(n, null)), .. Enumerable.Range(5, 3).Select(n => Report(n, "a1")), Report(8, "removed")], default);

        var summary = BuildCitySummaryHandler.Of(snapshot, catalogue, 2026, 3);

        Assert.That(summary.Administrations.Select(a => a.Total), Is.EqualTo(new object[] { 4, 3 }), "the unstamped four are the home's; the removed one's is no one's");
        Assert.That(summary.Total, Is.EqualTo(7));
    }

    private static Dictionary<string, int> Truth(int administrations, (int Administration, int Environment, int Quarter)[] reports)
    {
        var truth = new Dictionary<string, int>(StringComparer.Ordinal) { ["total"] = reports.Length };
        foreach (var e in Environments)
        {
            truth[$"env:{e}"] = reports.Count(r => Environments[r.Environment] == e);
        }

        for (var q = 1; q <= 4; q++)
        {
            truth[$"q:2026-Q{q}"] = reports.Count(r => r.Quarter == q);
        }

        for (var a = 0; a < administrations; a++)
        {
            truth[$"a{a}"] = reports.Count(r => r.Administration == a);
            foreach (var e in Environments)
            {
                truth[$"a{a}:env:{e}"] = reports.Count(r => r.Administration == a && Environments[r.Environment] == e);
            }

            for (var q = 1; q <= 4; q++)
            {
                truth[$"a{a}:q:2026-Q{q}"] = reports.Count(r => r.Administration == a && r.Quarter == q);
            }
        }

        return truth;
    }

    private static Dictionary<string, object> Printed(CitySummary summary)
    {
        var printed = new Dictionary<string, object>(StringComparer.Ordinal) { ["total"] = summary.Total };
        foreach (var (e, cell) in summary.ByEnvironment)
        {
            printed[$"env:{e}"] = cell;
        }

        foreach (var (q, cell) in summary.ByQuarter)
        {
            printed[$"q:{q}"] = cell;
        }

        foreach (var row in summary.Administrations)
        {
            printed[row.Code] = row.Total;
            foreach (var (e, cell) in row.ByEnvironment)
            {
                printed[$"{row.Code}:env:{e}"] = cell;
            }

            foreach (var (q, cell) in row.ByQuarter)
            {
                printed[$"{row.Code}:q:{q}"] = cell;
            }
        }

        return printed;
    }

    /// <summary>Every sum a reader sees in the printed tables: (parts, total).</summary>
    private static List<(string[] Parts, string Total)> Sums(CitySummary summary)
    {
        var codes = summary.Administrations.Select(a => a.Code).ToList();
        var environments = summary.ByEnvironment.Keys.ToList();
        var quarters = summary.ByQuarter.Keys.ToList();
        var sums = new List<(string[], string)>
        {
            ([.. codes], "total"),
            ([.. environments.Select(e => $"env:{e}")], "total"),
            ([.. quarters.Select(q => $"q:{q}")], "total"),
        };
        foreach (var code in codes)
        {
            sums.Add(([.. environments.Select(e => $"{code}:env:{e}")], code));
            sums.Add(([.. quarters.Select(q => $"{code}:q:{q}")], code));
        }

        sums.AddRange(environments.Select(e => ((string[])[.. codes.Select(c => $"{c}:env:{e}")], $"env:{e}")));
        sums.AddRange(quarters.Select(q => ((string[])[.. codes.Select(c => $"{c}:q:{q}")], $"q:{q}")));
        return sums;
    }

    /// <summary>The hidden values a reader can work out: any sum with one unknown gives it, again and again.</summary>
    private static HashSet<string> Derive(Dictionary<string, object> printed, List<(string[] Parts, string Total)> sums)
    {
        var known = printed.Where(p => p.Value is int).ToDictionary(p => p.Key, p => (int)p.Value, StringComparer.Ordinal);
        var derived = new HashSet<string>(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (parts, total) in sums)
            {
                var unknown = parts.Append(total).Where(k => !known.ContainsKey(k)).ToList();
                if (unknown.Count != 1)
                {
                    continue;
                }

                var missing = unknown[0];
                known[missing] = missing == total ? parts.Sum(p => known[p]) : known[total] - parts.Where(p => p != missing).Sum(p => known[p]);
                derived.Add(missing);
                changed = true;
            }
        }

        return derived;
    }
}
