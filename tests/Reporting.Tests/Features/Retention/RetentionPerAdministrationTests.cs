using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Features.Retention;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Retention;

/// <summary>
/// Each förvaltning's nämnd takes its own gallringsbeslut: an administration's own rule for a class
/// replaces the deployment's for its records only, a class it does not name follows the deployment's,
/// and each administration's coordinators read their own lines of the gallringslogg and audit log.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RetentionPerAdministrationTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Administrations:0:Code"] = "kungsholmen",
        ["Administrations:0:Name"] = "Kungsholmens stadsdelsförvaltning",
        ["Administrations:1:Code"] = "norrmalm",
        ["Administrations:1:Name"] = "Norrmalms stadsdelsförvaltning",
        ["Administrations:1:Retention:0:Records"] = "reports",
        ["Administrations:1:Retention:0:Months"] = "6",
        ["Administrations:1:Retention:0:Decision"] = "Norrmalms SDN 2026/41, rapporter",
        ["Administrations:2:Code"] = "sodermalm",
        ["Administrations:2:Name"] = "Södermalms stadsdelsförvaltning",
        ["Retention:Classes:0:Records"] = "reports",
        ["Retention:Classes:0:Months"] = "24",
        ["Retention:Classes:0:Decision"] = "Stadens gallringsbeslut 2026:3, rapporter",
        ["Retention:Classes:1:Records"] = "messages",
        ["Retention:Classes:1:Months"] = "3",
        ["Retention:Classes:1:Decision"] = "Stadens gallringsbeslut 2026:3, meddelanden",
    };

    [Test]
    public async Task AnAdministrationsOwnDecisionReachesItsRecordsOnly()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Settings);
        var today = host.Services.GetRequiredService<Reporting.Features.Organisation.OrganisationProfile>().Today();
        var reports = new Dictionary<string, string>();
        foreach (var code in new[] { "kungsholmen", "norrmalm", "sodermalm" })
        {
            var report = SampleReports.Valid();
            report["administration"] = code;
            using var response = await host.SubmitAsync(report);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            reports[code] = Scalar(host, "SELECT Id FROM Reports WHERE Administration = $code", ("$code", code))!;
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new Reporting.Features.Reports.SendMessageCommand("samordnare@kommun.example", Guid.Parse(reports[code]), "Tack, vi tittar på det.", null));
            Scalar(host, "UPDATE Reports SET Status = 'closed', ClosedOn = $day WHERE Id = $id",
                ("$day", today.AddMonths(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$id", reports[code]));
        }

        var job = host.Services.GetRequiredService<RetentionJob>();
        var preview = await job.PreviewAsync(CancellationToken.None);
        var deleted = await job.RunOnceAsync(CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1), "closed a year ago: only norrmalm deletes reports after 6 months; the others keep them 24");
        Assert.That(Count(host, "SELECT COUNT(*) FROM Reports WHERE Id = $id", ("$id", reports["norrmalm"])), Is.Zero);
        Assert.That(Count(host, "SELECT COUNT(*) FROM Reports"), Is.EqualTo(2));
        Assert.That(Count(host, "SELECT COUNT(*) FROM ReportMessages"), Is.Zero, "messages follow the deployment's 3 months in every administration");
        Assert.That(preview.Where(l => l.Records == "reports").Select(l => (l.Administration, l.Count, l.Months, l.Decision)), Is.EqualTo(new[]
        {
            ("kungsholmen", 0, 24, "Stadens gallringsbeslut 2026:3, rapporter"),
            ("norrmalm", 1, 6, "Norrmalms SDN 2026/41, rapporter"),
            ("sodermalm", 0, 24, "Stadens gallringsbeslut 2026:3, rapporter"),
        }));
        Assert.That(preview.Single(l => l.Administration == "norrmalm" && l.Records == "reports").Of, Has.Count.EqualTo(1));

        var norrmalm = await CoordinatorOfAsync(host, "norrmalm");
        var kungsholmen = await CoordinatorOfAsync(host, "kungsholmen");
        var ownLog = await norrmalm.GetFromJsonAsync<JsonElement>("/api/retention/log");
        var homeLog = await kungsholmen.GetFromJsonAsync<JsonElement>("/api/retention/log");
        Assert.That(Lines(ownLog).Where(l => l.Count > 0), Is.EquivalentTo(new[] { ("reports", 1, "Norrmalms SDN 2026/41, rapporter"), ("messages", 1, "Stadens gallringsbeslut 2026:3, meddelanden") }),
            "norrmalm reads its own run's lines");
        Assert.That(Lines(homeLog).Where(l => l.Count > 0), Is.EquivalentTo(new[] { ("messages", 1, "Stadens gallringsbeslut 2026:3, meddelanden") }),
            "kungsholmen's lines say what went of its own records, under the deployment's decisions");
        Assert.That(Lines(homeLog).Select(l => l.Decision), Has.None.Contain("Norrmalm"));

        var ownAudit = await norrmalm.GetStringAsync($"/api/audit?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var homeAudit = await kungsholmen.GetStringAsync($"/api/audit?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.That(ownAudit, Does.Contain("1 rapporter äldre än 6 månader"));
        Assert.That(homeAudit, Does.Not.Contain("rapporter äldre än").And.Contain("1 meddelanden äldre än 3 månader"));
    }

    [Test]
    public async Task TheCommandLinePreviewShowsEachAdministrationsRules()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path };
        foreach (var (key, value) in Settings.Where(s => !s.Key.StartsWith("Retention:Classes:1", StringComparison.Ordinal)))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        environment.Remove("Retention__Classes__0__Records");
        environment.Remove("Retention__Classes__0__Months");
        environment.Remove("Retention__Classes__0__Decision");
        var all = await ServiceProcess.RunAsync(environment, "retention", "preview");
        var one = await ServiceProcess.RunAsync(environment, "retention", "preview", "--administration", "norrmalm");
        var unknown = await ServiceProcess.RunAsync(environment, "retention", "preview", "--administration", "vasastan");
        var record = Path.Combine(folder.Path, "art30.md");
        var art30 = await ServiceProcess.RunAsync(environment, "records", "art30", "--out", record);

        Assert.That(all.ExitCode, Is.Zero, all.Error);
        Assert.That(all.Output, Does.Contain("[kungsholmen] no retention rules: nothing is deleted")
            .And.Contain("[norrmalm]\n").And.Contain("reports: 0 to delete (6 months; Norrmalms SDN 2026/41, rapporter)")
            .And.Contain("[sodermalm] no retention rules"));
        Assert.That(one.ExitCode, Is.Zero, one.Error);
        Assert.That(one.Output, Does.Contain("[norrmalm]").And.Not.Contain("kungsholmen"));
        Assert.That(unknown.ExitCode, Is.Not.Zero);
        Assert.That(unknown.Error, Does.Contain("kungsholmen, norrmalm, sodermalm"));
        Assert.That(art30.ExitCode, Is.Zero, art30.Error);
        var gallring = File.ReadAllText(record).Split("## Gallring")[1].Split("\n## ")[0];
        Assert.That(gallring, Does.Contain("### Norrmalms stadsdelsförvaltning (`norrmalm`)\n\n| Handlingsslag")
            .And.Contain("| rapporter (`reports`) | 6 månader | dagen rapporten avslutades | Norrmalms SDN 2026/41, rapporter |")
            .And.Contain("### Kungsholmens stadsdelsförvaltning (`kungsholmen`)\n\nIngen gallring"), "the record of processing names each administration's decisions");
    }

    private static IEnumerable<(string Records, int Count, string Decision)> Lines(JsonElement log) =>
        log.EnumerateArray().Select(l => (l.GetProperty("records").GetString()!, l.GetProperty("count").GetInt32(), l.GetProperty("decision").GetString()!));

    private static async Task<HttpClient> CoordinatorOfAsync(ReportingHost host, string code)
    {
        var email = $"samordnare@{code}.example";
        await using var scope = host.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new InviteCoordinatorCommand(email) { Administration = code });
        return await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, email, invitation.Link.PathAndQuery));
    }

    private static string? Scalar(ReportingHost host, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar()?.ToString();
    }

    private static int Count(ReportingHost host, string sql, params (string Name, object Value)[] parameters) =>
        int.Parse(Scalar(host, sql, parameters)!, CultureInfo.InvariantCulture);
}
