using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Administrations;

/// <summary>
/// The command line with several administrations: <c>administration list</c>, coordinators made for
/// one administration or the city, and data verbs that name their administration; with none
/// configured, the one administration from Organisation:* and every verb as before.
/// </summary>
[TestFixture]
public sealed class AdministrationCommandLineTests
{
    private static Dictionary<string, string> Several(TempFolder folder)
    {
        var env = ServiceProcess.EnvironmentFor(folder);
        env["Administrations__0__Code"] = "kungsholmen";
        env["Administrations__0__Name"] = "Kungsholmens stadsdelsförvaltning";
        env["Administrations__1__Code"] = "norrmalm";
        env["Administrations__1__Name"] = "Norrmalms stadsdelsförvaltning";
        return env;
    }

    [Test]
    public async Task SeveralAdministrationsAreListedAndNamedByEveryDataVerb()
    {
        using var folder = new TempFolder();
        var env = Several(folder);
        var year = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var list = await ServiceProcess.RunAsync(env, "administration", "list");
        var unnamed = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "a@kommun.example");
        var named = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "b@kommun.example", "--administration", "norrmalm", "--until", "2999-01-01");
        var unknown = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "c@kommun.example", "--administration", "vasastan");
        var city = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "stad@kommun.example", "--role", "city");
        var cityOfOne = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "d@kommun.example", "--role", "city", "--administration", "norrmalm");
        var summaryWithout = await ServiceProcess.RunAsync(env, "summary", "--year", year);
        var summaryWith = await ServiceProcess.RunAsync(env, "summary", "--year", year, "--administration", "norrmalm");
        var pictureWithout = await ServiceProcess.RunAsync(env, "situation-picture", "--year", year, "--out", Path.Combine(folder.Path, "bild.docx"));
        var listAfter = await ServiceProcess.RunAsync(env, "administration", "list");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cityLog = await ServiceProcess.RunAsync(env, "audit", "export", "--from", today, "--to", today, "--format", "csv", "--administration", "stad");
        var norrmalmLog = await ServiceProcess.RunAsync(env, "audit", "export", "--from", today, "--to", today, "--format", "csv", "--administration", "norrmalm");
        var everyLog = await ServiceProcess.RunAsync(env, "audit", "export", "--from", today, "--to", today, "--format", "csv");
        var summaryOfCity = await ServiceProcess.RunAsync(env, "summary", "--year", year, "--administration", "stad");

        Assert.Multiple(() =>
        {
            Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
            Assert.That(list.Output, Does.Contain("kungsholmen\tKungsholmens stadsdelsförvaltning").And.Contain("norrmalm\tNorrmalms stadsdelsförvaltning").And.Contain("form at /norrmalm"));
            Assert.That(unnamed.ExitCode, Is.Not.EqualTo(0));
            Assert.That(unnamed.Error, Does.Contain("--administration"));
            Assert.That(named.ExitCode, Is.EqualTo(0), named.Error);
            Assert.That(unknown.ExitCode, Is.Not.EqualTo(0));
            Assert.That(unknown.Error, Does.Contain("kungsholmen, norrmalm"));
            Assert.That(city.ExitCode, Is.EqualTo(0), city.Error);
            Assert.That(cityOfOne.ExitCode, Is.Not.EqualTo(0), "a city coordinator belongs to no one administration");
            Assert.That(summaryWithout.ExitCode, Is.Not.EqualTo(0));
            Assert.That(summaryWithout.Error, Does.Contain("--administration"));
            Assert.That(summaryWith.ExitCode, Is.EqualTo(0), summaryWith.Error);
            Assert.That(JsonDocument.Parse(summaryWith.Output).RootElement.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(pictureWithout.ExitCode, Is.Not.EqualTo(0));
            Assert.That(pictureWithout.Error, Does.Contain("--administration"));
            Assert.That(listAfter.Output, Does.Contain("norrmalm\tNorrmalms stadsdelsförvaltning\t1 coordinator"));
            Assert.That(cityLog.ExitCode, Is.EqualTo(0), cityLog.Error);
            Assert.That(cityLog.Output, Does.Contain("stad@kommun.example").And.Not.Contain("b@kommun.example"), "the city coordinator's invitation is in the city's own log");
            Assert.That(norrmalmLog.Output, Does.Contain("b@kommun.example").And.Not.Contain("stad@kommun.example"));
            Assert.That(everyLog.Output.Split('\n').First(l => l.Contains("stad@kommun.example", StringComparison.Ordinal)).TrimEnd('\r'), Does.EndWith(";stad"),
                "a whole export names each line's log");
            Assert.That(summaryOfCity.ExitCode, Is.Not.EqualTo(0), "the city's log is no administration's data");
        });
    }

    [Test]
    public async Task WithoutAdministrationsTheOneIsListedAndNothingIsAsked()
    {
        using var folder = new TempFolder();
        var env = ServiceProcess.EnvironmentFor(folder);

        var list = await ServiceProcess.RunAsync(env, "administration", "list");
        var added = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "a@kommun.example");
        var summary = await ServiceProcess.RunAsync(env, "summary", "--year", DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
        Assert.That(list.Output, Does.Contain("One administration").And.Contain("default\tKungsholmens stadsdelsförvaltning"));
        Assert.That(added.ExitCode, Is.EqualTo(0), added.Error);
        Assert.That(summary.ExitCode, Is.EqualTo(0), summary.Error);
    }
}
