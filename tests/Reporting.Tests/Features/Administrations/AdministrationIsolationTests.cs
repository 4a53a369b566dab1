using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Features.Notifications;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Administrations;

/// <summary>
/// Several förvaltningar in one deployment, on SQLite and PostgreSQL: three administrations, a
/// coordinator and a different number of reports in each (two, three, four), and for every ordered pair the one
/// coordinator's requests against the other's reports on every route that takes a report: absent
/// (404), never changed, never counted, never in their audit log, never alerted. Intake names its
/// administration (required, checked), each form lives at its own address, and a coordinator
/// registers reports into their own administration. With two instances on one PostgreSQL database
/// (behind a load balancer), each administration's reports arrive at the instance its coordinator
/// does not use, and the coordinators are spread over both.
/// </summary>
[TestFixture("Sqlite", 1)]
[TestFixture("PostgreSQL", 1)]
[TestFixture("PostgreSQL", 2)]
[NonParallelizable]
public sealed class AdministrationIsolationTests(string provider, int instances)
{
    private static readonly string[] Codes = ["kungsholmen", "norrmalm", "sodermalm"];

    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private readonly List<ReportingHost> _instances = [];
    private readonly Dictionary<string, HttpClient> _coordinators = [];
    private readonly Dictionary<string, List<Guid>> _reports = [];
    private HttpClient _city = null!;

    [OneTimeSetUp]
    public async Task StartThreeAdministrations()
    {
        _folder = new TempFolder();
        var settings = new Dictionary<string, string?>(await ReportingHost.SettingsForAsync(provider));
        for (var i = 0; i < Codes.Length; i++)
        {
            settings[$"Administrations:{i}:Code"] = Codes[i];
            settings[$"Administrations:{i}:Name"] = $"{char.ToUpperInvariant(Codes[i][0])}{Codes[i][1..]}s stadsdelsförvaltning";
        }

        settings["Administrations:2:Units:0:Code"] = "bibliotek";
        settings["Administrations:2:Units:0:Name"] = "Bibliotek";
        if (instances > 1)
        {
            // Every instance needs the same key (a key file per instance would not match the database).
            settings["Encryption:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        for (var n = 0; n < instances; n++)
        {
            _instances.Add(new ReportingHost(System.IO.Path.Combine(_folder.Path, $"instance-{n}"), settings));
        }

        _host = _instances[0];

        for (var i = 0; i < Codes.Length; i++)
        {
            var code = Codes[i];
            var email = $"samordnare@{code}.example";
            var signsInAt = _instances[i % instances];
            var invitation = await SendAsync(new InviteCoordinatorCommand(email) { Administration = code });
            _coordinators[code] = await CoordinatorAccess.SignInAsync(signsInAt, await CoordinatorAccess.EnrolAsync(signsInAt, email, invitation.Link.PathAndQuery));
            for (var n = 0; n <= i + 1; n++)
            {
                using var response = await _instances[(i + 1) % instances].SubmitAsync(Report(code));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            }
        }

        var cityInvitation = await SendAsync(new InviteCoordinatorCommand("stadens.samordnare@stad.example") { Role = CoordinatorRoles.City });
        _city = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "stadens.samordnare@stad.example", cityInvitation.Link.PathAndQuery));

        await using var scope = _host.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Reports.Select(r => new { r.Id, r.Administration }).ToListAsync();
        foreach (var code in Codes)
        {
            _reports[code] = [.. all.Where(r => r.Administration == code).Select(r => r.Id)];
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        foreach (var client in _coordinators.Values)
        {
            client.Dispose();
        }

        _city?.Dispose();

        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        _folder?.Dispose();
    }

    private static Dictionary<string, object?> Report(string administration)
    {
        var report = SampleReports.Valid();
        report["administration"] = administration;
        report["unit"] = administration == "sodermalm" ? "bibliotek" : "grundskola";
        report["area"] = null;
        return report;
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private static IEnumerable<TestCaseData> Pairs() =>
        from own in Codes
        from other in Codes
        where own != other
        select new TestCaseData(own, other).SetName($"{{m}}({own} → {other})");

    [Test]
    public async Task EachCoordinatorListsTheirOwnReportsOnly()
    {
        foreach (var code in Codes)
        {
            Assert.That(await InboxAsync(code), Is.EquivalentTo(_reports[code]), code);
        }
    }

    private async Task<List<Guid>> InboxAsync(string code)
    {
        var list = await _coordinators[code].GetFromJsonAsync<JsonElement>("/api/reports?pageSize=100");
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    [TestCaseSource(nameof(Pairs))]
    public async Task AnotherAdministrationsReportIsAbsentOnEveryRoute(string own, string other)
    {
        var client = _coordinators[own];
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(client);
        var id = _reports[other][0];

        async Task<HttpStatusCode> Send(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            if (method != HttpMethod.Get)
            {
                request.Headers.Add(header, token);
            }

            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["GET report"] = await Send(HttpMethod.Get, $"/api/reports/{id}"),
            ["PATCH status"] = await Send(HttpMethod.Patch, $"/api/reports/{id}", new { status = "closed" }),
            ["PATCH note"] = await Send(HttpMethod.Patch, $"/api/reports/{id}", new { note = "Anteckning." }),
            ["POST message"] = await Send(HttpMethod.Post, $"/api/reports/{id}/messages", new { text = "Hej, tack för rapporten." }),
            ["POST redacted copy"] = await Send(HttpMethod.Post, $"/api/reports/{id}/redacted", new { spans = Array.Empty<object>() }),
            ["GET photo"] = await Send(HttpMethod.Get, $"/api/reports/{id}/photos/{Guid.NewGuid()}"),
            ["POST photo copy"] = await Send(HttpMethod.Post, $"/api/reports/{id}/photos/{Guid.NewGuid()}/redacted", new { boxes = new[] { new { x = 0, y = 0, width = 1, height = 1 } } }),
            ["GET page"] = await Send(HttpMethod.Get, $"/samordnare/rapporter/{id}"),
        };

        Assert.That(answers.Where(a => a.Value != HttpStatusCode.NotFound).Select(a => $"{a.Key} → {(int)a.Value}"), Is.Empty);
        var owner = await _coordinators[other].GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(owner.GetProperty("status").GetString(), Is.EqualTo("new"), "nothing was changed");
        Assert.That(owner.GetProperty("messages").GetArrayLength(), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task EachCoordinatorsSummaryCountsTheirOwnReportsOnly()
    {
        var year = DateTime.UtcNow.Year;
        for (var i = 0; i < Codes.Length; i++)
        {
            Assert.That(_reports[Codes[i]], Has.Count.GreaterThan(0));
            var csv = await _coordinators[Codes[i]].GetStringAsync($"/api/summaries/{year}.csv?variant=internal");
            Assert.That(csv.Split('\n').Select(l => l.Trim()), Does.Contain($"Nyckeltal;Rapporter {year};;{_reports[Codes[i]].Count}"), Codes[i]);
        }
    }

    [Test]
    public async Task EachCoordinatorsAuditLogHoldsTheirOwnAdministrationsLines()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var read = await _city.GetAsync($"/api/city/summaries/{DateTime.UtcNow.Year}"))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        foreach (var code in Codes)
        {
            // A transfer is the one line another administration's coordinator writes in this log (it says where the report came from).
            var lines = string.Join('\n', (await _coordinators[code].GetFromJsonAsync<JsonElement>($"/api/audit?from={today}&to={today}")).EnumerateArray()
                .Where(line => line.GetProperty("action").GetString() != "report-transferred").Select(line => line.ToString()));
            foreach (var other in Codes.Where(c => c != code))
            {
                Assert.That(lines, Does.Not.Contain($"samordnare@{other}.example"), $"{code}'s log holds {other}'s coordinator");
            }

            Assert.That(lines, Does.Contain($"samordnare@{code}.example"));
            Assert.That(lines, Does.Not.Contain("stadens.samordnare@stad.example"), $"{code}'s log holds the city coordinator's own lines");
        }

        await using var scope = _host.Services.CreateAsyncScope();
        var city = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().AuditLog
            .Where(e => e.Actor == "stadens.samordnare@stad.example").Select(e => new { e.Action, e.Administration }).ToListAsync();
        Assert.That(city.Select(e => e.Action), Is.SupersetOf(new[] { "coordinator-enrolled", "signed-in", "summary-viewed" }));
        Assert.That(city.Select(e => e.Administration).Distinct(), Is.EqualTo(new[] { "stad" }), "the city's own log: its sign-in and its reading of the city's view");
    }

    [Test]
    public async Task AlertsGoToTheAdministrationsOwnCoordinators()
    {
        var administrations = _host.Services.GetRequiredService<Reporting.Features.Administrations.AdministrationCatalogue>();
        var recipients = _host.Services.GetRequiredService<AlertRecipients>();
        foreach (var code in Codes)
        {
            Assert.That(await recipients.GetAsync(administrations.Find(code)!, CancellationToken.None), Is.EqualTo(new[] { $"samordnare@{code}.example" }));
        }

        await using var scope = _host.Services.CreateAsyncScope();
        var outbox = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Outbox.Select(o => o.Administration).ToListAsync();
        Assert.That(outbox, Has.None.Null, "every alert message names its administration");
    }

    [Test]
    public async Task IntakeNeedsAKnownAdministration()
    {
        var without = SampleReports.Valid();
        using var missing = await _host.SubmitAsync(without);
        using var unknown = await _host.SubmitAsync(SampleReports.With("administration", "vasastan"));
        var elsewhere = Report("kungsholmen");
        elsewhere["unit"] = "bibliotek"; // Södermalm's unit, not Kungsholmen's
        using var otherUnit = await _host.SubmitAsync(elsewhere);

        foreach (var (response, field) in new[] { (missing, "administration"), (unknown, "administration"), (otherUnit, "unit") })
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        }
    }

    [Test]
    public async Task EachAdministrationHasItsFormAtItsOwnAddress()
    {
        using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var start = await client.GetStringAsync("/");
        using var nowhere = await client.GetAsync("/vasastan");

        Assert.That(start, Does.Contain("href=\"/norrmalm\"").And.Contain("Norrmalms stadsdelsförvaltning").And.Not.Contain("id=\"report-form\""));
        Assert.That(nowhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var form = await client.GetStringAsync("/sodermalm");
        Assert.That(form, Does.Contain("Sodermalms stadsdelsförvaltning").And.Contain("value=\"bibliotek\"").And.Contain("action=\"/sodermalm\""));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await client.PostAsync("/sodermalm", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("kind", "incident"), new("occurredOn", "2026-11-20"), new("unit", "bibliotek"),
            new("environment", "white-power"), new("observations", "stickers"), new("description", "Klistermärken vid entrén."),
        ]));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await posted.Content.ReadAsStringAsync());

        var list = await _coordinators["sodermalm"].GetFromJsonAsync<JsonElement>("/api/reports?pageSize=100");
        Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(_reports["sodermalm"].Count + 1), "the form's report went to its administration");
        _reports["sodermalm"].Add(list.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Test]
    public async Task ARegisteredReportGoesToTheCoordinatorsAdministration()
    {
        var client = _coordinators["norrmalm"];
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(client);
        var body = Report("norrmalm");
        body.Remove("administration");
        body["channel"] = "phone";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports/registered") { Content = JsonContent.Create(body) };
        request.Headers.Add(header, token);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var seen = await _coordinators["kungsholmen"].GetAsync($"/api/reports/{id}");
        using var own = await client.GetAsync($"/api/reports/{id}");
        Assert.That(seen.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _reports["norrmalm"].Add(id);
    }

    [Test]
    public async Task ACityCoordinatorSeesNoReport()
    {
        var id = _reports["norrmalm"][0];
        using var list = await _city.GetAsync("/api/reports");
        using var one = await _city.GetAsync($"/api/reports/{id}");
        using var summaries = await _city.GetAsync($"/api/summaries/{DateTime.UtcNow.Year}.csv");
        using var inbox = await _city.GetAsync("/samordnare");
        using var page = await _city.GetAsync($"/samordnare/rapporter/{id}");

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(summaries.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(inbox.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(inbox.Headers.Location!.ToString(), Does.EndWith(CoordinatorsRegistration.CityPath), "the inbox takes a city coordinator to the city's page");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.EndWith(CoordinatorsRegistration.CityPath));
    }

    [Test]
    public async Task ACityCoordinatorSeesEveryAdministrationsCountsSuppressed()
    {
        var year = DateTime.UtcNow.Year;
        var json = await _city.GetFromJsonAsync<JsonElement>($"/api/city/summaries/{year}");
        using var pdf = await _city.GetAsync($"/api/city/summaries/{year}.pdf");
        var page = WebUtility.HtmlDecode(await _city.GetStringAsync(CoordinatorsRegistration.CityPath));

        var byAdministration = json.GetProperty("byAdministration");
        Assert.That(byAdministration.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(Codes));
        foreach (var code in Codes)
        {
            var count = _reports[code].Count;
            var cell = byAdministration.GetProperty(code);
            Assert.That(count < 3 ? cell.ValueKind == JsonValueKind.String : cell.ValueKind == JsonValueKind.Number || cell.GetString() == "x", Is.True, $"{code}: {count} shown as {cell}");
            if (count < 3)
            {
                Assert.That(cell.GetString(), Is.EqualTo("<3"), code);
            }
        }

        Assert.That(json.GetProperty("total").GetInt32(), Is.EqualTo(_reports.Values.Sum(r => r.Count)));
        Assert.That(pdf.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(pdf.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        using var text = new PdfReading(await pdf.Content.ReadAsByteArrayAsync());
        Assert.That(text.AllText, Does.Contain("Norrmalms stadsdelsförvaltning").And.Contain("<3"));
        Assert.That(page, Does.Contain("Sodermalms stadsdelsförvaltning").And.Contain("id=\"city-by-environment\""));
    }

    [Test]
    public async Task ACoordinatorHasNoCityView()
    {
        using var json = await _coordinators["kungsholmen"].GetAsync($"/api/city/summaries/{DateTime.UtcNow.Year}");
        using var page = await _coordinators["kungsholmen"].GetAsync(CoordinatorsRegistration.CityPath);
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(page.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AMisroutedReportIsTransferredWithItsReference()
    {
        var sender = _coordinators["kungsholmen"];
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(sender);
        var id = _reports["kungsholmen"][0];
        var before = await sender.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        async Task<HttpResponseMessage> Patch(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = JsonContent.Create(body) };
            request.Headers.Add(header, token);
            return await sender.SendAsync(request);
        }

        Task<HttpResponseMessage> Transfer(string administration) => Patch(new { administration });

        using (var reviewed = await Patch(new { status = "in-review" }))
        {
            Assert.That(reviewed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await StatusChangesSeenByAsync("kungsholmen", id), Is.EqualTo(1), "the sender's statistics count its status change");
        using var unknown = await Transfer("vasastan");
        using var same = await Transfer("kungsholmen");
        using var moved = await Transfer("norrmalm");

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        _reports["kungsholmen"].Remove(id);
        _reports["norrmalm"].Add(id);

        using var gone = await sender.GetAsync($"/api/reports/{id}");
        var received = await _coordinators["norrmalm"].GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the sender loses access");
        Assert.That(received.GetProperty("reference").GetString(), Is.EqualTo(before.GetProperty("reference").GetString()), "the reference stays");
        // The inboxes come from each instance's index: with two instances the receiver's is another's.
        Assert.That(await InboxAsync("kungsholmen"), Does.Not.Contain(id), "gone from the sender's inbox");
        Assert.That(await InboxAsync("norrmalm"), Does.Contain(id), "in the receiver's inbox");

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sendersLog = await sender.GetStringAsync($"/api/audit?from={today}&to={today}");
        var receiversLog = await _coordinators["norrmalm"].GetStringAsync($"/api/audit?from={today}&to={today}");
        Assert.That(sendersLog, Does.Contain("överförd till Norrmalms stadsdelsförvaltning"));
        Assert.That(receiversLog, Does.Contain("överförd från Kungsholmens stadsdelsförvaltning"));

        await using var scope = _host.Services.CreateAsyncScope();
        var alerts = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Outbox.Select(o => o.Administration).ToListAsync();
        var sent = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().AlertDeliveries.Select(d => d.Recipient).ToListAsync();
        Assert.That(alerts.Count(a => a == "norrmalm") + sent.Count(r => r == "samordnare@norrmalm.example"), Is.GreaterThan(0), "the receiving coordinators are alerted");
        Assert.That(await StatusChangesSeenByAsync("kungsholmen", id), Is.Zero, "the report's status changes move with it");
        Assert.That(await StatusChangesSeenByAsync("norrmalm", id), Is.EqualTo(1), "and the receiver's statistics count them");
    }

    /// <summary>The status changes of a report an administration's requests see (its statistics read them for the status at a period's end).</summary>
    private async Task<int> StatusChangesSeenByAsync(string code, Guid id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var administrations = scope.ServiceProvider.GetRequiredService<Reporting.Features.Administrations.AdministrationCatalogue>();
        var administration = administrations.Find(code)!;
        scope.ServiceProvider.GetRequiredService<Reporting.Features.Administrations.AdministrationScope>().Enter(administration, administrations.Stored(administration));
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().StatusChanges.CountAsync(c => c.ReportId == id);
    }

    private async Task<HttpResponseMessage> WriteAsync(string administration, HttpMethod method, string path, object body)
    {
        var client = _coordinators[administration];
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(client);
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(header, token);
        return await client.SendAsync(request);
    }

    private static object Picture(int year, int version, string overall) => new
    {
        year,
        version,
        sources = Array.Empty<object>(),
        assessments = new Dictionary<string, string?> { ["overall"] = overall },
        confirmNoIdentifiers = true,
    };

    [Test]
    public async Task EachAdministrationHasItsOwnSituationPicture()
    {
        var year = DateTime.UtcNow.Year;
        using var first = await WriteAsync("kungsholmen", HttpMethod.Put, $"/api/situation-pictures/{year}", Picture(year, 0, "Kungsholmens läge är lugnt."));
        using var second = await WriteAsync("norrmalm", HttpMethod.Put, $"/api/situation-pictures/{year}", Picture(year, 0, "Norrmalm ser mer propaganda."));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another administration's picture of the same year is no conflict");
        var kungsholmen = await _coordinators["kungsholmen"].GetStringAsync($"/api/situation-pictures/{year}");
        var norrmalm = await _coordinators["norrmalm"].GetStringAsync($"/api/situation-pictures/{year}");
        var sodermalm = await _coordinators["sodermalm"].GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");
        Assert.That(kungsholmen, Does.Contain("Kungsholmens läge").And.Not.Contain("Norrmalm ser"));
        Assert.That(norrmalm, Does.Contain("Norrmalm ser").And.Not.Contain("Kungsholmens läge"));
        Assert.That(sodermalm.GetProperty("version").GetInt32(), Is.Zero, "a third administration has none yet");
    }

    [Test]
    public async Task EachAdministrationHasItsOwnSurvey()
    {
        var year = DateTime.UtcNow.Year;
        var closesOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var opened = await WriteAsync("sodermalm", HttpMethod.Post, "/api/surveys", new { year, closesOn, codes = 5 });
        using var alsoOpened = await WriteAsync("kungsholmen", HttpMethod.Post, "/api/surveys", new { year, closesOn, codes = 5 });
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
        Assert.That(alsoOpened.StatusCode, Is.EqualTo(HttpStatusCode.Created), "one survey per administration and year");
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var ownList = await _coordinators["sodermalm"].GetStringAsync("/api/surveys");
        var otherList = await _coordinators["norrmalm"].GetFromJsonAsync<JsonElement>("/api/surveys");
        using var otherResults = await _coordinators["norrmalm"].GetAsync($"/api/surveys/{id}/results");
        using var otherClose = await WriteAsync("norrmalm", HttpMethod.Post, $"/api/surveys/{id}/close", new { });
        Assert.That(ownList, Does.Contain(id));
        Assert.That(otherList.ToString(), Does.Not.Contain(id!));
        Assert.That(otherResults.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(otherClose.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TheCitysRollUpHoldsEachAdministrationsAssessmentAsWritten()
    {
        var year = DateTime.UtcNow.Year - 1; // a year of its own: the other test saves this year's
        using (var first = await WriteAsync("kungsholmen", HttpMethod.Put, $"/api/situation-pictures/{year}", Picture(year, 0, "Kungsholmen: lugnt under året.")))
        using (var second = await WriteAsync("norrmalm", HttpMethod.Put, $"/api/situation-pictures/{year}", Picture(year, 0, "Norrmalm: mer propaganda vid skolorna.")))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var docx = await _city.GetAsync($"/api/city/situation-pictures/{year}.docx");
        using var pdf = await _city.GetAsync($"/api/city/situation-pictures/{year}.pdf");
        using var refused = await _coordinators["norrmalm"].GetAsync($"/api/city/situation-pictures/{year}.docx");

        Assert.That(docx.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.That(text, Does.Contain("Kungsholmen: lugnt under året.").And.Contain("Norrmalm: mer propaganda vid skolorna."));
        Assert.That(text, Does.Contain("Sodermalms stadsdelsförvaltning").And.Contain("Ingen lägesbild sparad"), "an administration without one is said to have none");
        using var printed = new PdfReading(await pdf.Content.ReadAsByteArrayAsync());
        Assert.That(printed.AllText, Does.Contain("Norrmalm: mer propaganda vid skolorna."));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the roll-up is the city's");
    }
}
