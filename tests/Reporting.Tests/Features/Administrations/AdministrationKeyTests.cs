using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Administrations;

/// <summary>
/// Each administration's reports, surveys and situation pictures are wrapped with its own
/// key-encryption key, derived from the master key: one administration's derived key opens its own
/// data keys and not another's; a transferred
/// report is wrapped again for its receiver; a key rotation re-wraps every report under its
/// administration's key derived from the new master key, and the old key can then be retired.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AdministrationKeyTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Administrations:0:Code"] = "kungsholmen",
        ["Administrations:0:Name"] = "Kungsholmens stadsdelsförvaltning",
        ["Administrations:1:Code"] = "norrmalm",
        ["Administrations:1:Name"] = "Norrmalms stadsdelsförvaltning",
    };

    private static async Task<List<(Guid Id, string? Administration, string KeyId, byte[] WrappedKey)>> ReportsAsync(ReportingHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Reports.Select(r => new { r.Id, r.Administration, r.KeyId, r.WrappedKey }).ToListAsync();
        return [.. rows.Select(r => (r.Id, r.Administration, r.KeyId, r.WrappedKey))];
    }

    [Test]
    public async Task EachAdministrationsReportsAreWrappedWithItsOwnKey()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Settings());
        foreach (var code in new[] { "kungsholmen", "norrmalm" })
        {
            var report = SampleReports.Valid();
            report["administration"] = code;
            using var response = await host.SubmitAsync(report);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var ring = host.Services.GetRequiredService<KeyRing>();
        var reports = await ReportsAsync(host);
        var kungsholmen = reports.Single(r => r.Administration == "kungsholmen");
        var norrmalm = reports.Single(r => r.Administration == "norrmalm");

        Assert.That(kungsholmen.KeyId, Is.EqualTo($"{ring.Current.Id}/kungsholmen"));
        Assert.That(norrmalm.KeyId, Is.EqualTo($"{ring.Current.Id}/norrmalm"));
        var ownKey = ring.Current.ForAdministration("norrmalm");
        Assert.That(EnvelopeCipher.OpenSecretKey(ownKey, norrmalm.WrappedKey, norrmalm.Id, EnvelopeCipher.ReportKeyPurpose), Has.Length.EqualTo(32), "its own key opens it");
        Assert.That(() => EnvelopeCipher.OpenSecretKey(ownKey, kungsholmen.WrappedKey, kungsholmen.Id, EnvelopeCipher.ReportKeyPurpose),
            Throws.InstanceOf<CryptographicException>(), "another administration's key does not");
        Assert.That(() => EnvelopeCipher.OpenSecretKey(ring.Current, norrmalm.WrappedKey, norrmalm.Id, EnvelopeCipher.ReportKeyPurpose),
            Throws.InstanceOf<CryptographicException>(), "nor does the master key itself: only what is derived from it");
    }

    [Test]
    public async Task ATransferredReportIsWrappedForItsReceiverAndRotationKeepsEachAdministrationsKey()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Settings());
        var report = SampleReports.Valid();
        report["administration"] = "kungsholmen";
        using (var submitted = await host.SubmitAsync(report))
        {
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        EnrolledCoordinator sender, receiver;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var first = await mediator.Send(new InviteCoordinatorCommand("a@kungsholmen.example") { Administration = "kungsholmen" });
            sender = await CoordinatorAccess.EnrolAsync(host, "a@kungsholmen.example", first.Link.PathAndQuery);
            var second = await mediator.Send(new InviteCoordinatorCommand("b@norrmalm.example") { Administration = "norrmalm" });
            receiver = await CoordinatorAccess.EnrolAsync(host, "b@norrmalm.example", second.Link.PathAndQuery);
        }

        var id = (await ReportsAsync(host)).Single().Id;
        using var senderClient = await CoordinatorAccess.SignInAsync(host, sender);
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(senderClient);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = JsonContent.Create(new { administration = "norrmalm" }) };
        request.Headers.Add(header, token);
        using var moved = await senderClient.SendAsync(request);
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var ring = host.Services.GetRequiredService<KeyRing>();
        var oldMaster = ring.Current.Id;
        Assert.That((await ReportsAsync(host)).Single().KeyId, Is.EqualTo($"{oldMaster}/norrmalm"), "wrapped for the receiver");

        var rotation = host.Services.GetRequiredService<KeyRotation>();
        var outcome = await rotation.RotateAsync(10, null, CancellationToken.None);
        var after = (await ReportsAsync(host)).Single();
        Assert.That(after.KeyId, Is.EqualTo($"{outcome.KeyId}/norrmalm"), "re-wrapped under the new key's derivation for its administration");
        Assert.That(outcome.KeyId, Is.Not.EqualTo(oldMaster));

        using var receiverClient = await CoordinatorAccess.SignInAsync(host, receiver);
        var read = await receiverClient.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(read.GetProperty("report").GetProperty("description").GetString(), Is.EqualTo(SampleReports.Description), "still readable after the rotation");
        Assert.That(await rotation.ReferencesAsync(oldMaster, CancellationToken.None), Is.Empty, "nothing needs the old key: it can be retired");
    }

    [Test]
    public async Task EachAdministrationsSurveyAndSituationPictureAreWrappedWithItsOwnKey()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Settings());
        EnrolledCoordinator coordinator;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var invited = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new InviteCoordinatorCommand("b@norrmalm.example") { Administration = "norrmalm" });
            coordinator = await CoordinatorAccess.EnrolAsync(host, "b@norrmalm.example", invited.Link.PathAndQuery);
        }

        using var client = await CoordinatorAccess.SignInAsync(host, coordinator);
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(client);
        var year = DateTime.UtcNow.Year;
        var closesOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var opened = await SendAsync(HttpMethod.Post, "/api/surveys", new { year, closesOn, codes = 3 }))
        using (var saved = await SendAsync(HttpMethod.Put, $"/api/situation-pictures/{year}", new
        {
            year,
            version = 0,
            sources = Array.Empty<object>(),
            assessments = new Dictionary<string, string?> { ["overall"] = "Norrmalm ser mer propaganda." },
            confirmNoIdentifiers = true,
        }))
        {
            Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var ring = host.Services.GetRequiredService<KeyRing>();
        var (survey, picture) = await WrappedAsync(host);
        Assert.That(survey.KeyId, Is.EqualTo($"{ring.Current.Id}/norrmalm"));
        Assert.That(picture.KeyId, Is.EqualTo($"{ring.Current.Id}/norrmalm"));
        foreach (var (id, wrapped, purpose) in new[] { (survey.Id, survey.WrappedKey, "survey-key"), (picture.Id, picture.WrappedKey, "situation-picture-key") })
        {
            Assert.That(EnvelopeCipher.OpenSecretKey(ring.Current.ForAdministration("norrmalm"), wrapped, id, purpose), Has.Length.EqualTo(32), $"{purpose}: its own key opens it");
            Assert.That(() => EnvelopeCipher.OpenSecretKey(ring.Current.ForAdministration("kungsholmen"), wrapped, id, purpose),
                Throws.InstanceOf<CryptographicException>(), $"{purpose}: another administration's key does not");
            Assert.That(() => EnvelopeCipher.OpenSecretKey(ring.Current, wrapped, id, purpose), Throws.InstanceOf<CryptographicException>(), $"{purpose}: nor does the master key");
        }

        var outcome = await host.Services.GetRequiredService<KeyRotation>().RotateAsync(10, null, CancellationToken.None);
        var (rotatedSurvey, rotatedPicture) = await WrappedAsync(host);
        Assert.That(rotatedSurvey.KeyId, Is.EqualTo($"{outcome.KeyId}/norrmalm"));
        Assert.That(rotatedPicture.KeyId, Is.EqualTo($"{outcome.KeyId}/norrmalm"));
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");
        Assert.That(read.GetProperty("assessments").GetProperty("overall").GetString(), Is.EqualTo("Norrmalm ser mer propaganda."), "still readable after the rotation");

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Add(header, token);
            return await client.SendAsync(request);
        }
    }

    private static async Task<((Guid Id, string KeyId, byte[] WrappedKey) Survey, (Guid Id, string KeyId, byte[] WrappedKey) Picture)> WrappedAsync(ReportingHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var survey = await db.Surveys.SingleAsync();
        var picture = await db.SituationPictures.SingleAsync();
        return ((survey.Id, survey.KeyId, survey.WrappedKey), (picture.Id, picture.KeyId, picture.WrappedKey));
    }
}
