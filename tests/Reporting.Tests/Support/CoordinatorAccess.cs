using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;

namespace Reporting.Tests.Support;

/// <summary>A coordinator who has enrolled: what they know (password) and what their phone holds (the key).</summary>
public sealed record EnrolledCoordinator(string Email, string Password, string AuthenticatorKey, IReadOnlyList<string> RecoveryCodes);

/// <summary>Invites, enrols and signs coordinators in through the real pages, as a person would.</summary>
public static partial class CoordinatorAccess
{
    public const string Password = "korp lykta vinter trappa";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    /// <summary>The same use case as <c>coordinator add</c>; returns the setup link's path and query.</summary>
    public static async Task<string> InviteAsync(ReportingHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new InviteCoordinatorCommand(email));
        return invitation.Link.PathAndQuery;
    }

    /// <summary>Opens a setup link as a browser would (the token is swapped for a cookie and leaves the URL); returns the page and the key it shows.</summary>
    public static async Task<(string Page, string Key)> OpenLinkAsync(HttpClient client, string link)
    {
        var page = await client.GetStringAsync(link);
        var key = AuthenticatorKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        return (page, key);
    }

    /// <summary>Invites and enrols; <paramref name="link"/> is a setup link made already (by <c>coordinator add</c> with options of its own).</summary>
    public static async Task<EnrolledCoordinator> EnrolAsync(ReportingHost host, string email, string? link = null)
    {
        link ??= await InviteAsync(host, email);
        using var client = host.CreateClient();
        var (page, key) = await OpenLinkAsync(client, link);
        Assert.That(key, Is.Not.Empty, "the setup page shows the authenticator key");
        using var response = await client.PostAsync(CoordinatorsRegistration.EnrolmentPath, Form(page, new()
        {
            ["Password"] = Password,
            ["ConfirmPassword"] = Password,
            ["Code"] = Totp.Code(key),
        }));
        var done = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "enrolment succeeds");
        var codes = RecoveryCode().Matches(done).Select(m => m.Groups[1].Value).ToList();
        Assert.That(codes, Has.Count.EqualTo(10), "ten recovery codes are shown once");
        return new EnrolledCoordinator(email, Password, key, codes);
    }

    /// <summary>A client with the coordinator's session cookie, signed in through the sign-in page.</summary>
    public static async Task<HttpClient> SignInAsync(ReportingHost host, EnrolledCoordinator coordinator, string? code = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await PostSignInAsync(client, coordinator.Email, coordinator.Password, code ?? Totp.Code(coordinator.AuthenticatorKey));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        return client;
    }

    /// <summary>Signs in without a cookie jar and returns the session cookie as a Cookie header value (to present to another host).</summary>
    public static async Task<string> SessionCookieAsync(ReportingHost host, EnrolledCoordinator coordinator)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync(CoordinatorsRegistration.SignInPath);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, CoordinatorsRegistration.SignInPath)
        {
            Content = Form(html, new() { ["Email"] = coordinator.Email, ["Password"] = coordinator.Password, ["Code"] = Totp.Code(coordinator.AuthenticatorKey) }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CoordinatorsRegistration.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string code)
    {
        var page = await client.GetStringAsync(CoordinatorsRegistration.SignInPath);
        return await client.PostAsync(CoordinatorsRegistration.SignInPath, Form(page, new()
        {
            ["Email"] = email,
            ["Password"] = password,
            ["Code"] = code,
        }));
    }

    /// <summary>The page's form fields plus its anti-forgery token, as the browser would post them.</summary>
    public static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the page carries an anti-forgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The anti-forgery header for JSON writes, from GET /api/session.</summary>
    public static async Task<(string Header, string Token)> AntiforgeryAsync(HttpClient client)
    {
        var session = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<SessionBody>(client, "/api/session");
        return (session!.AntiforgeryHeader, session.AntiforgeryToken);
    }

    private sealed record SessionBody(string Email, string AntiforgeryHeader, string AntiforgeryToken);
}
