using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Administrations;

/// <summary>
/// A database made by a deployment with one administration, started again with several configured
/// (and nothing else done): its coordinator and reports are the first (home) administration's, at
/// the same routes with the same references, its situation picture and survey too; a new
/// administration's coordinator sees none of it.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class AdministrationUpgradeTests(string provider)
{
    [Test]
    public async Task ADeploymentWithOneAdministrationUpgradesWithoutAction()
    {
        using var folder = new TempFolder();
        var settings = await ReportingHost.SettingsForAsync(provider);
        var year = DateTime.UtcNow.Year;
        EnrolledCoordinator coordinator;
        List<(Guid Id, string Reference)> before = [];
        int pictureVersion;
        string surveyId;
        using (var single = new ReportingHost(folder.Path, settings))
        {
            coordinator = await CoordinatorAccess.EnrolAsync(single, "samordnare@kungsholmen.example");
            using var client = await CoordinatorAccess.SignInAsync(single, coordinator);
            for (var i = 0; i < 2; i++)
            {
                using var submitted = await single.SubmitAsync(SampleReports.Valid());
                Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            var list = await client.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=10");
            before = [.. list.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("reference").GetString()!))];
            var (header, token) = await CoordinatorAccess.AntiforgeryAsync(client);
            using var picture = new HttpRequestMessage(HttpMethod.Put, $"/api/situation-pictures/{year}")
            {
                Content = JsonContent.Create(new { year, version = 0, sources = Array.Empty<object>(), assessments = new Dictionary<string, string?> { ["overall"] = "Lugnt." }, confirmNoIdentifiers = true }),
            };
            picture.Headers.Add(header, token);
            using var saved = await client.SendAsync(picture);
            pictureVersion = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
            using var survey = new HttpRequestMessage(HttpMethod.Post, "/api/surveys")
            {
                Content = JsonContent.Create(new { year, closesOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), codes = 3 }),
            };
            survey.Headers.Add(header, token);
            using var opened = await client.SendAsync(survey);
            surveyId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var several = new Dictionary<string, string?>(settings)
        {
            ["Administrations:0:Code"] = "kungsholmen",
            ["Administrations:0:Name"] = "Kungsholmens stadsdelsförvaltning",
            ["Administrations:1:Code"] = "norrmalm",
            ["Administrations:1:Name"] = "Norrmalms stadsdelsförvaltning",
        };
        using var upgraded = new ReportingHost(folder.Path, several);
        using var home = await CoordinatorAccess.SignInAsync(upgraded, coordinator);
        EnrolledCoordinator newcomer;
        await using (var scope = upgraded.Services.CreateAsyncScope())
        {
            var invitation = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new InviteCoordinatorCommand("samordnare@norrmalm.example") { Administration = "norrmalm" });
            newcomer = await CoordinatorAccess.EnrolAsync(upgraded, "samordnare@norrmalm.example", invitation.Link.PathAndQuery);
        }

        using var other = await CoordinatorAccess.SignInAsync(upgraded, newcomer);

        foreach (var (id, reference) in before)
        {
            var report = await home.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
            using var hidden = await other.GetAsync($"/api/reports/{id}");
            Assert.That(report.GetProperty("reference").GetString(), Is.EqualTo(reference), "the same report at the same route");
            Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        var homePicture = await home.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");
        var otherPicture = await other.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");
        Assert.That(homePicture.GetProperty("version").GetInt32(), Is.EqualTo(pictureVersion), "the situation picture is the home administration's");
        Assert.That(otherPicture.GetProperty("version").GetInt32(), Is.Zero);
        Assert.That(await home.GetStringAsync("/api/surveys"), Does.Contain(surveyId));
        Assert.That(await other.GetStringAsync("/api/surveys"), Does.Not.Contain(surveyId));
        var newList = await other.GetFromJsonAsync<JsonElement>("/api/reports");
        Assert.That(newList.GetProperty("items").GetArrayLength(), Is.Zero);
    }
}
