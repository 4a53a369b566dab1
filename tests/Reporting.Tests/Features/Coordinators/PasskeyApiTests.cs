using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// The passkey routes' refusals (the happy path runs in Chromium, <c>PasskeyBrowserTests</c>): options
/// bound to the coordinator and the host, an answer that is not a credential refused naming the
/// field, and a sign-in without a begun ceremony, or for an account without a passkey, refused like
/// a wrong password and audited.
/// </summary>
[NonParallelizable]
public sealed partial class PasskeyApiTests
{
    [Test]
    public async Task TheRoutesRefuseWhatIsNotAPasskeyCeremony()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        using var signedIn = await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, "utan-nyckel@kommun.example"));

        using var options = await SendAsync(signedIn, "/api/passkeys/options", "{}");
        var body = await options.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("rp").GetProperty("id").GetString(), Is.EqualTo("localhost"));
        Assert.That(body.GetProperty("user").GetProperty("name").GetString(), Is.EqualTo("utan-nyckel@kommun.example"));
        Assert.That(body.GetProperty("challenge").GetString(), Has.Length.GreaterThanOrEqualTo(22), "a fresh challenge of 16 bytes or more");

        using var notACredential = await SendAsync(signedIn, "/api/passkeys", """{"id": "x", "type": "public-key"}""");
        Assert.That(notACredential.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await notACredential.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("credential", out _), Is.True);
        using var again = await SendAsync(signedIn, "/api/passkeys/options", "{}");
        using var garbled = await SendAsync(signedIn, "/api/passkeys",
            """{"id": "eA", "rawId": "eA", "type": "public-key", "response": {"attestationObject": "oWFhAQ", "clientDataJSON": "e30"}}""");
        Assert.That(garbled.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an answer that decodes to nonsense is a 400, never a 500");
        using var listed = await signedIn.GetAsync("/api/passkeys");
        Assert.That((await listed.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength(), Is.Zero, "nothing stored from a refused answer");

        // Anyone, from the sign-in page.
        using var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var page = await stranger.GetStringAsync("/samordnare/logga-in");
        Assert.That(page, Does.Contain("data-passkey-sign-in"), "the sign-in page offers the passkey");
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        using var noPasskey = await SendAsync(stranger, "/api/sign-in/passkey/options",
            JsonSerializer.Serialize(new { email = "utan-nyckel@kommun.example", password = CoordinatorAccess.Password }), token);
        using var noCeremony = await SendAsync(stranger, "/api/sign-in/passkey/", """{"id": "x", "rawId": "eA", "type": "public-key", "response": {}}""", token);
        Assert.Multiple(() =>
        {
            Assert.That(noPasskey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "an account without a passkey: as a wrong password");
            Assert.That(noCeremony.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
        var audit = await host.ReadColumnAsync("SELECT \"Action\" || ' ' || COALESCE(\"Detail\", '') FROM \"AuditLog\"");
        Assert.That(audit, Has.Some.EqualTo("sign-in-failed ingen passkey").And.Some.EqualTo("sign-in-failed passkey utan giltig början"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (token is null)
        {
            var (header, value) = await CoordinatorAccess.AntiforgeryAsync(client);
            request.Headers.Add(header, value);
        }
        else
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
