using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// The whole coordinator journey in real Chromium against the service as a process: invited from the
/// command line, enrols, signs in with a one-time code, triages a report to closed with a note, and
/// sees who read it. Every page is checked with axe-core (WCAG 2.1 A/AA).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class CoordinatorBrowserTests
{
    private const string Email = "samordnaren@kommun.example";
    private const string Description = "Klistermärken med solkors vid fritidsgårdens entré, borttagna av personal.";

    private BrowserSession _session = null!;
    private string _setupLink = null!;

    [GeneratedRegex(@"http://\S+/samordnare/aktivera\?token=\S+")]
    private static partial Regex SetupLink();

    [OneTimeSetUp]
    public async Task Start()
    {
        _session = await BrowserSession.StartAsync(beforeStart: async session =>
        {
            session.Environment["Notifications__PublicBaseUrl"] = session.BaseUrl;
            var invited = await ServiceProcess.RunAsync(session.Environment, "coordinator", "add", "--email", Email);
            Assert.That(invited.ExitCode, Is.EqualTo(0), invited.Error);
            _setupLink = SetupLink().Match(invited.Output).Value;
        });
        using var submitted = await _session.Service.Client.PostAsJsonAsync("/api/reports", SampleReports.Valid(Description));
        Assert.That(submitted.IsSuccessStatusCode, Is.True);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task InvitedCoordinatorEnrolsSignsInTriagesAndSeesWhoReadTheReport()
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl,
            Locale = "sv-SE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        // Under the real Content-Security-Policy: any script, style or image it blocks is a failure.
        var blocked = Browser.RecordPolicyViolations(page);

        // Enrol from the setup link; the token leaves the address bar at once.
        await page.GotoAsync(_setupLink);
        Assert.That(page.Url, Does.Not.Contain("token"), "the setup token is not left in the address bar or history");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "setup page");
        await Browser.ScreenshotAsync(page, "coordinator-enrol");
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.FillAsync("#password", CoordinatorAccess.Password);
        await page.FillAsync("#confirmPassword", CoordinatorAccess.Password);
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "recovery codes");
        Assert.That(blocked, Is.Empty, "nothing on the setup pages breaks the CSP");

        // Sign in: a stranger is sent to the sign-in page and back to the inbox afterwards.
        await page.GotoAsync("/samordnare");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/samordnare/logga-in"));
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "sign-in page");
        await Browser.ScreenshotAsync(page, "coordinator-sign-in");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", CoordinatorAccess.Password);
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkorg");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "inbox");
        await Browser.ScreenshotAsync(page, "coordinator-inbox");

        // Triage to closed with a note.
        await page.ClickAsync("#reports tbody a");
        await Assertions.Expect(page.Locator("#description")).ToHaveTextAsync(Description);
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "report page");
        await page.SelectOptionAsync("#status", "forwarded");
        await page.CheckAsync("#forwardedTo-vbe-team");
        await page.ClickAsync("text=Spara status");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("Status sparad");
        await page.FillAsync("#note", "Stadens VBE-team informerat; inget mer att göra här.");
        await page.ClickAsync("text=Spara anteckning");
        await page.SelectOptionAsync("#status", "closed");
        await page.ClickAsync("text=Spara status");
        await Assertions.Expect(page.Locator(".note__text")).ToHaveTextAsync("Stadens VBE-team informerat; inget mer att göra här.");
        await Assertions.Expect(page.Locator("#status")).ToHaveValueAsync("closed");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "report page after triage");
        await Browser.ScreenshotAsync(page, "coordinator-report");

        // Who read it, and when.
        var history = await page.Locator("#history tbody").InnerTextAsync();
        Assert.That(history, Does.Contain("Rapport läst").And.Contain(Email).And.Contain("Status ändrad").And.Contain("Anteckning tillagd"));
        await page.ClickAsync("text=Logg");
        await Assertions.Expect(page.Locator("#audit-log")).ToContainTextAsync("Inloggning");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "audit log");
        await Browser.ScreenshotAsync(page, "coordinator-log");

        // The quarterly summary, downloaded from the inbox.
        await page.ClickAsync("nav >> text=Sammanställningar");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "summaries page");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#quarters tbody tr").First.Locator("a", new() { HasTextString = "Delbar PDF" }).ClickAsync());
        var file = Path.Combine(_session.Folder.Path, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        using (var pdf = new PdfReading(await File.ReadAllBytesAsync(file)))
        {
            Assert.That(download.SuggestedFilename, Does.EndWith("-delbar.pdf"));
            Assert.That(pdf.Pages[0], Does.Contain("Version: Delbar"));
        }

        // The situation picture: a source and an assessment typed in without script, a refused text
        // shown in place, and the Word document downloaded.
        await page.ClickAsync("nav >> text=Lägesbild");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "situation picture");
        await page.FillAsync("[id='sources[0].name']", "Polisen, lokalpolisområde Norrmalm");
        await page.SelectOptionAsync("[id='sources[0].kind']", "police");
        await page.FillAsync("[id='sources[0].figures[0].label']", "Anmälda brott med VBE-koppling");
        await page.FillAsync("[id='sources[0].figures[0].value']", "3");
        await page.FillAsync("[id='sources[0].caveats']", "Visar bara anmälda brott.");
        await page.FillAsync("[id='assessments.overall']", "Läget är oförändrat; propagandan syns vid skolorna.");
        await page.FillAsync("[id='assessments.islamist']", "Gäller 19811218-9876.");
        await page.ClickAsync("text=Spara lägesbilden");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("identifierar någon");
        Assert.That(await page.InputValueAsync("[id='sources[0].name']"), Is.EqualTo("Polisen, lokalpolisområde Norrmalm"), "nothing typed is lost");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "situation picture with a refused text");
        await page.FillAsync("[id='assessments.islamist']", "Inga nya tecken under året.");
        await page.ClickAsync("text=Spara lägesbilden");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("sparad (version 1)");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Lägesbild sparad");
        Assert.That(await page.InputValueAsync("[id='sources[0].figures[0].value']"), Is.EqualTo("3"));
        await Browser.ScreenshotAsync(page, "coordinator-situation-picture");
        var word = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Word, intern version"));
        Assert.That(word.SuggestedFilename, Does.EndWith("-intern.docx"));

        // The staff survey: opened with codes, answered by a unit manager with the keyboard alone and
        // no script, and the results read back; the codes are shown once.
        await page.ClickAsync("nav >> text=Enkät");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "surveys page");
        await page.FillAsync("#codes", "3");
        await page.ClickAsync("text=Öppna enkäten");
        await Assertions.Expect(page.Locator("#survey-codes li")).ToHaveCountAsync(3);
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "the codes, shown once");
        await Browser.ScreenshotAsync(page, "coordinator-survey-codes");
        var surveyUrl = await page.Locator("#survey-url").InnerTextAsync();
        var code = await page.Locator("#survey-codes li").First.InnerTextAsync();
        var slips = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-slips"));
        var slipsFile = Path.Combine(_session.Folder.Path, slips.SuggestedFilename);
        await slips.SaveAsAsync(slipsFile);
        using (var slipsPdf = new PdfReading(await File.ReadAllBytesAsync(slipsFile)))
        {
            Assert.That(slipsPdf.AllText, Does.Contain(code));
        }

        await AnswerSurveyWithTheKeyboardAsync(surveyUrl, code);
        var surveyId = surveyUrl.Split('/')[^1];
        var open = (await (await page.Context.APIRequest.GetAsync($"/api/surveys/{surveyId}/results")).JsonAsync())!.Value;
        Assert.That(open.GetProperty("responses").GetInt32(), Is.EqualTo(1));
        Assert.That(open.TryGetProperty("answers", out _), Is.False, "while it takes answers, a count only");

        // Two more unit managers answer (förskola, nothing seen), so the closed survey shows its answers.
        var others = (await page.Locator("#survey-codes li").AllInnerTextsAsync()).Skip(1).ToList();
        foreach (var other in others)
        {
            using var posted = await _session.Service.Client.PostAsJsonAsync($"/api/surveys/{surveyId}/answers", new
            {
                code = other,
                unit = "forskola",
                observed = new Dictionary<string, string> { ["white-power"] = "never", ["autonomous"] = "never", ["islamist"] = "never" },
                observations = Array.Empty<string>(),
                knowsWhereToTurn = "no",
                trained = "no",
            });
            Assert.That(posted.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created));
        }

        await page.GotoAsync("/samordnare/enkater");
        Assert.That(await page.Locator("#survey-codes").CountAsync(), Is.Zero, "the codes are not shown again");
        await page.ClickAsync("#surveys tbody a");
        await Assertions.Expect(page.Locator("#responses")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#answers-withheld")).ToBeVisibleAsync();
        await page.GotoAsync("/samordnare/enkater");
        await page.ClickAsync($"text=Stäng enkät {DateTime.UtcNow.Year}");
        var stored = await page.Context.APIRequest.GetAsync($"/api/surveys/{surveyId}/results");
        var answered = (await stored.JsonAsync())!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(answered.GetProperty("byUnit").GetProperty("grundskola").GetInt32(), Is.EqualTo(1), "the unit chosen with the arrow keys");
            Assert.That(answered.GetProperty("answers").GetProperty("observed").GetProperty("white-power").GetProperty("once").GetInt32(), Is.EqualTo(1));
            Assert.That(answered.GetProperty("answers").GetProperty("observed").GetProperty("islamist").GetProperty("never").GetInt32(), Is.EqualTo(3));
            Assert.That(answered.GetProperty("answers").GetProperty("observations").GetProperty("stickers").GetInt32(), Is.EqualTo(1));
            Assert.That(answered.GetProperty("answers").GetProperty("knowsWhereToTurn").GetProperty("yes").GetInt32(), Is.EqualTo(1));
            Assert.That(answered.GetProperty("answers").GetProperty("trained").GetProperty("yes").GetInt32(), Is.EqualTo(1));
            Assert.That(answered.GetProperty("comments")[0].GetString(), Is.EqualTo("Personalen vill ha en repetition av utbildningen."));
        });

        await page.ClickAsync("#surveys tbody a");
        await Assertions.Expect(page.Locator("#responses")).ToHaveTextAsync("3");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "survey results");
        await page.ClickAsync("text=Visa den delbara versionen");
        await Assertions.Expect(page.Locator("#by-unit")).ToContainTextAsync("<3");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "shareable survey results");
        await Browser.ScreenshotAsync(page, "coordinator-survey-results");

        // Signing out ends the session.
        await page.ClickAsync("text=Logga ut");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/samordnare/logga-in"));
        await page.GotoAsync("/samordnare");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/samordnare/logga-in"));
        Assert.That(blocked, Is.Empty, "no page of the journey breaks the CSP");
    }

    /// <summary>A unit manager answers from the slip: no script, no mouse; the page passes axe in both languages.</summary>
    private async Task AnswerSurveyWithTheKeyboardAsync(string surveyUrl, string code)
    {
        var path = new Uri(surveyUrl).AbsolutePath;
        foreach (var language in new[] { string.Empty, "?lang=en" })
        {
            var axeContext = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, BypassCSP = true });
            var axePage = await axeContext.NewPageAsync();
            await axePage.GotoAsync(path + language);
            Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "survey page" + language);
            await axePage.ClickAsync("button[type=submit]");
            await Assertions.Expect(axePage.Locator(".error-summary")).ToBeVisibleAsync();
            Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "survey page with errors" + language);
            await axeContext.CloseAsync();
        }

        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var blocked = Browser.RecordPolicyViolations(page);
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Medarbetarenkät");
        await Browser.TabToAsync(page, "code");
        await page.Keyboard.TypeAsync(code.ToLowerInvariant());
        await page.Keyboard.PressAsync("Tab"); // the unit
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown"); // Grundskola
        await Browser.TabToAsync(page, "observed.white-power-never");
        await page.Keyboard.PressAsync("ArrowRight"); // the arrows move within a radio group and choose "En gång"
        await Browser.TabToAsync(page, "observed.autonomous-never");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "observed.islamist-never");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "observations-stickers");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "knowsWhereToTurn-yes");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "trained-yes");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "comment");
        await page.Keyboard.TypeAsync("Personalen vill ha en repetition av utbildningen.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#survey-thanks")).ToBeVisibleAsync();
        Assert.That(page.Url, Does.Not.Contain(code), "the code is in no URL");
        Assert.That((await context.CookiesAsync()).Select(c => c.Name), Has.All.Contains("rapportering.af"), "no cookie but anti-forgery's");
        Assert.That(blocked, Is.Empty, "the survey page keeps to the CSP");
        await context.CloseAsync();
    }
}
