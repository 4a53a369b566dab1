using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

/// <summary>Triage survives a restart: status, notes, and the coordinator's session (Data Protection keys live in the database).</summary>
[TestFixture]
public sealed class TriagePersistenceTests
{
    [Test]
    public async Task StatusNotesAndSessionSurviveARestart()
    {
        using var folder = new TempFolder();
        string cookie;
        Guid id;
        using (var first = new ReportingHost(folder.Path))
        {
            var coordinator = await CoordinatorAccess.EnrolAsync(first, "omstart@kommun.example");
            using var anonymous = first.CreateClient();
            using (var submitted = await anonymous.PostAsJsonAsync("/api/reports", SampleReports.Valid()))
            {
                Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            using var signedIn = await CoordinatorAccess.SignInAsync(first, coordinator);
            id = (await signedIn.GetFromJsonAsync<JsonElement>("/api/reports")).GetProperty("items")[0].GetProperty("id").GetGuid();
            var (header, token) = await CoordinatorAccess.AntiforgeryAsync(signedIn);
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = JsonContent.Create(new { status = "closed", note = "Klar." }) };
            request.Headers.Add(header, token);
            using var patched = await signedIn.SendAsync(request);
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            cookie = await CoordinatorAccess.SessionCookieAsync(first, coordinator);
        }

        using var second = new ReportingHost(folder.Path);
        using var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
        read.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(read);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session cookie from before the restart is still accepted");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(report.GetProperty("notes")[0].GetProperty("text").GetString(), Is.EqualTo("Klar."));
    }
}
