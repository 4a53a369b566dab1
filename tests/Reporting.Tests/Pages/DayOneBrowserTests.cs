using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>
/// What a first real walk through the service tripped over, walked again in Chromium: paging, option
/// lists at every width, the refused form without script, the follow-up page's own words, the survey
/// slips' QR codes, the situation picture as a workspace, and a browser's mistyped address.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class DayOneBrowserTests
{
    private const string Email = "forsta-dagen@kommun.example";
    private BrowserSession _session = null!;
    private IPage _coordinator = null!;
    private string _firstReportId = null!;

    [GeneratedRegex(@"\d{4}-\d{3}")]
    private static partial Regex Reference();

    [OneTimeSetUp]
    public async Task Start()
    {
        _session = await BrowserSession.StartAsync(new Dictionary<string, string> { ["Organisation__Name"] = "Norrmalms stadsdelsförvaltning" },
            beforeStart: session =>
            {
                session.Environment["Notifications__PublicBaseUrl"] = session.BaseUrl;
                return Task.CompletedTask;
            });
        for (var i = 0; i < 44; i++)
        {
            using var submitted = await _session.Service.Client.PostAsJsonAsync("/api/reports", SampleReports.Valid($"Klistermärken nummer {i + 1} vid entrén, borttagna."));
            Assert.That(submitted.IsSuccessStatusCode, Is.True);
        }

        _coordinator = await BrowserCoordinator.SignInAsync(_session, Email);
        var list = (await (await _coordinator.Context.APIRequest.GetAsync("/api/reports?pageSize=1")).JsonAsync())!.Value;
        _firstReportId = list.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    private async Task<IPage> AnonymousAsync(bool script = true, int width = 1280)
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl,
            JavaScriptEnabled = script,
            Locale = "sv-SE",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private static async Task<IReadOnlyList<string>> ReferencesAsync(IPage page, string selector) =>
        [.. (await page.Locator(selector).AllInnerTextsAsync()).SelectMany(t => Reference().Matches(t).Select(m => m.Value)).Distinct()];

    [Test]
    public async Task TheInboxsNextPageShowsOtherReports()
    {
        await _coordinator.GotoAsync("/samordnare");
        await Assertions.Expect(_coordinator.Locator(".pager")).ToContainTextAsync("Sida 1 av 2");
        var first = await ReferencesAsync(_coordinator, "#reports tbody th");
        await _coordinator.ClickAsync(".pager >> text=Nästa");

        await Assertions.Expect(_coordinator.Locator(".pager")).ToContainTextAsync("Sida 2 av 2");
        Assert.That(_coordinator.Url, Does.Contain("sida=2"));
        var second = await ReferencesAsync(_coordinator, "#reports tbody th");
        Assert.That(second, Is.Not.Empty);
        Assert.That(second.Intersect(first), Is.Empty, "page 2 holds the older reports, not page 1 again");
        var total = (await (await _coordinator.Context.APIRequest.GetAsync("/api/reports?pageSize=1")).JsonAsync())!.Value.GetProperty("total").GetInt32();
        Assert.That(first.Count + second.Count, Is.EqualTo(total), "every report on one of the two pages");
        await Browser.ScreenshotAsync(_coordinator, "inbox-page-2");
    }

    [Test]
    public async Task TheInboxSaysWhatEachReportIsAbout_OnOneLinePerReferenceAndDate()
    {
        await _coordinator.GotoAsync("/samordnare");
        var row = _coordinator.Locator("#reports tbody tr", new PageLocatorOptions { HasText = "Klistermärken nummer" }).First;
        await Assertions.Expect(row.Locator(".observations")).ToContainTextAsync("Klistermärken");
        await Assertions.Expect(row.Locator(".excerpt")).ToContainTextAsync("vid entrén, borttagna.");
        const string Lines = "cell => { const range = document.createRange(); range.selectNodeContents(cell); return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }";
        Assert.That(await row.Locator("th").EvaluateAsync<int>(Lines), Is.EqualTo(1), "the reference on one line at 1280 px");
        Assert.That(await row.Locator("td").First.EvaluateAsync<int>(Lines), Is.EqualTo(1), "the date on one line at 1280 px");
        await Browser.ScreenshotAsync(_coordinator, "inbox-rows");
        var audit = (await (await _coordinator.Context.APIRequest.GetAsync("/api/reports?pageSize=1")).JsonAsync())!.Value;
        Assert.That(audit.GetProperty("items")[0].TryGetProperty("excerpt", out _), Is.False, "the JSON list opens no description");
    }

    [Test]
    public async Task TheAuditLogsNextPageShowsOtherLines()
    {
        // Enough lines for two pages of the log: each view of the inbox is one.
        for (var i = 0; i < 55; i++)
        {
            await _coordinator.Context.APIRequest.GetAsync("/api/reports?pageSize=1");
        }

        await _coordinator.GotoAsync("/samordnare/logg");
        var first = await _coordinator.Locator("table tbody tr").AllInnerTextsAsync();
        await _coordinator.ClickAsync(".pager >> text=Nästa");
        await Assertions.Expect(_coordinator.Locator(".pager")).ToContainTextAsync("Sida 2 av");
        Assert.That(_coordinator.Url, Does.Contain("sida=2"));
        var second = await _coordinator.Locator("table tbody tr").AllInnerTextsAsync();
        Assert.That(second, Is.Not.Empty);
        Assert.That(second, Is.Not.EqualTo(first), "page 2 of the log is not page 1 again");
    }

    [Test]
    public async Task NoOptionsLabelOverlapsAnotherControl_AndNoPageIsWiderThanTheScreen()
    {
        var surveyYear = await OpenSurveyAsync(DateTime.UtcNow.Year - 1, codes: 2);
        string[] anonymous = ["/", $"/enkat/{surveyYear}"];
        string[] coordinator = ["/samordnare/registrera", $"/samordnare/rapporter/{_firstReportId}", "/samordnare"];
        // 640 is 1280 at 200 % zoom.
        int[] widths = [320, 375, 640, 768, 1280];
        var problems = new List<string>();
        foreach (var width in widths)
        {
            var visitor = await AnonymousAsync(width: width);
            foreach (var path in anonymous)
            {
                await visitor.GotoAsync(path);
                problems.AddRange((await LayoutProblemsAsync(visitor)).Select(p => $"{path} at {width}px: {p}"));
            }

            await visitor.Context.CloseAsync();
            await _coordinator.SetViewportSizeAsync(width, 900);
            foreach (var path in coordinator)
            {
                await _coordinator.GotoAsync(path);
                problems.AddRange((await LayoutProblemsAsync(_coordinator)).Select(p => $"{path} at {width}px: {p}"));
            }
        }

        await _coordinator.SetViewportSizeAsync(1280, 900);
        Assert.That(problems, Is.Empty);
    }

    /// <summary>Labels of options whose box meets another control's, and a page wider than the window.</summary>
    private static async Task<IReadOnlyList<string>> LayoutProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              if (document.documentElement.scrollWidth > window.innerWidth) {
                problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
              }
              const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
              const controls = [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, .choice label')].filter(visible);
              const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
              for (const label of document.querySelectorAll('.choice label')) {
                if (!visible(label)) { continue; }
                const box = label.getBoundingClientRect();
                for (const other of controls) {
                  if (other === label) { continue; }
                  if (meet(box, other.getBoundingClientRect())) {
                    problems.push(`"${label.textContent.trim()}" meets ${other.tagName.toLowerCase()}#${other.id}`);
                  }
                }
              }
              return problems;
            }
            """);

    [Test]
    public async Task TheRefusedFormWithoutScriptSaysSoAtTheTopAndOffersNoConfirmationForABlockingFinding()
    {
        var page = await AnonymousAsync(script: false, width: 375);
        await page.GotoAsync("/");
        await Browser.FillStaffFormAsync(page, "Pappans personnummer är 811218-9876 enligt rektorn.");
        await page.ClickAsync("button[type=submit]:not([name])");

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<bool>("() => document.activeElement === document.querySelector('.error-summary')"), Is.True, "focus is on the summary");
        Assert.That((await summary.BoundingBoxAsync())!.Y, Is.LessThan(900), "the summary is at the top, where the page comes back");
        await Assertions.Expect(summary.Locator("a[href='#findings']")).ToContainTextAsync("måste tas bort");
        await Assertions.Expect(page.Locator("#confirm")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "refused-noscript-blocking");

        // A name only is a warning: then, and only then, the box to confirm.
        await page.FillAsync("#description", "Eleven Hampus i 9B visade en video från en attack.");
        await page.ClickAsync("button[type=submit]:not([name])");
        await Assertions.Expect(page.Locator(".error-summary a[href='#findings']")).ToContainTextAsync("kan identifiera någon");
        await Assertions.Expect(page.Locator("#confirm")).ToBeVisibleAsync();
    }


    [TestCase(false, TestName = "TheFollowUpPageSpeaksForItself(script off)")]
    [TestCase(true, TestName = "TheFollowUpPageSpeaksForItself(script on)")]
    public async Task TheFollowUpPageSpeaksForItself(bool script)
    {
        using var submitted = await _session.Service.Client.PostAsJsonAsync("/api/reports", SampleReports.Valid("Klotter på gaveln."));
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        var page = await AnonymousAsync(script);
        await page.GotoAsync("/uppfoljning");
        await Assertions.Expect(page.Locator(".banner__org")).ToHaveTextAsync("Norrmalms stadsdelsförvaltning");

        await page.FillAsync("#receipt", "1111 2222 3333 4444");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary h2")).ToHaveTextAsync("Rapporten kunde inte visas");
        Assert.That(await page.InputValueAsync("#receipt"), Is.EqualTo("1111 2222 3333 4444"), "the typed receipt stays, to check the digits");

        await page.FillAsync("#receipt", receipt);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#follow-up-status")).ToBeVisibleAsync();
        if (script)
        {
            await page.Locator("#text").PressSequentiallyAsync("Vaktmästaren Hampus såg det också.");
            await Assertions.Expect(page.Locator(".finding--warning")).ToContainTextAsync("Namn");
            await Assertions.Expect(page.Locator("#findings-title")).ToHaveTextAsync("Svaret kan innehålla uppgifter som identifierar någon");
        }
        else
        {
            await page.FillAsync("#text", "Vaktmästaren Hampus såg det också.");
            await page.ClickAsync("text=Skicka svaret");
            await Assertions.Expect(page.Locator(".error-summary h2")).ToHaveTextAsync("Svaret kunde inte skickas");
            await Assertions.Expect(page.Locator("#findings-title")).ToHaveTextAsync("Svaret kan innehålla uppgifter som identifierar någon");
        }

        await Browser.ScreenshotAsync(page, $"follow-up-reply-finding-{(script ? "script" : "noscript")}");
        await page.ClickAsync("text=Ersätt med [namn]");
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync("Vaktmästaren [namn] såg det också.");
        await page.ClickAsync("text=Skicka svaret");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("ditt svar är skickat");
    }

    [Test]
    public async Task TheSurveyPageShowsTheOrganisation()
    {
        var year = await OpenSurveyAsync(DateTime.UtcNow.Year - 2, codes: 1);
        var page = await AnonymousAsync();
        await page.GotoAsync($"/enkat/{year}");
        await Assertions.Expect(page.Locator(".banner__org")).ToHaveTextAsync("Norrmalms stadsdelsförvaltning");
    }

    [Test]
    public async Task ASlipsQrCodeOpensTheSurveyWithTheCodeFilledIn_AndTheCodeIsInNoServerLog()
    {
        var year = DateTime.UtcNow.Year - 3;
        var (surveyId, codes, _) = await OpenSurveyWithCodesAsync(year, 9);
        var headers = await BrowserCoordinator.AntiforgeryHeadersAsync(_coordinator);
        var response = await _coordinator.Context.APIRequest.PostAsync($"/api/surveys/{surveyId}/slips", new APIRequestContextOptions { Headers = headers, DataObject = new { codes } });
        Assert.That(response.Status, Is.EqualTo(200));
        var pdf = await response.BodyAsync();
        using (var reading = new PdfReading(pdf))
        {
            Assert.That(reading.Pages, Has.Count.EqualTo(2), "eight slips to a page");
            Assert.That(reading.AllText, Does.Contain($"{_session.BaseUrl}/enkat/{year}"), "a short address to type");
        }

        using var folder = new TempFolder();
        var images = await PdfReading.RenderPagesAsync(pdf, folder.Path, resolution: 200);
        var (exit, decoded, error) = await RequiredTool.RunAsync("/usr/bin/zbarimg", "zbar-tools", "--quiet", "--raw", images[0]);
        Assert.That(exit, Is.Zero, error);
        var urls = decoded.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(urls, Has.Length.EqualTo(8), "every slip on the first page has a readable QR code");
        Assert.That(urls, Is.EquivalentTo(codes.Take(8).Select(c => $"{_session.BaseUrl}/enkat/{year}#kod={c}")));

        var page = await AnonymousAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync(urls[0]);
        var code = urls[0][(urls[0].IndexOf('=', StringComparison.Ordinal) + 1)..];
        await Assertions.Expect(page.Locator("#code")).ToHaveValueAsync(code);
        Assert.That(page.Url, Does.Not.Contain("#kod"), "the code is taken out of the address once filled in");
        Assert.That(requested, Has.None.Contains(code), "the code never travels in a request's address");
        await Browser.ScreenshotAsync(page, "survey-from-qr");
    }

    [Test]
    public async Task TheSituationPictureIsAWorkspace_RowsAreAddedWithAndWithoutScript()
    {
        var page = await BrowserCoordinator.SignInAsync(_session, $"lagesbild-{Guid.NewGuid():N}@kommun.example");
        await page.GotoAsync($"/samordnare/lagesbild?ar={DateTime.UtcNow.Year}");
        await Assertions.Expect(page.Locator("[id='assessments.white-power-count']")).ToContainTextAsync("i år");
        await Assertions.Expect(page.Locator("#report-counts .big-number")).ToContainTextAsync(new Regex(@"^\d+"));

        // With script: a row at once, no request.
        var rows = page.Locator("fieldset.source").First.Locator("table.figures tbody tr");
        var before = await rows.CountAsync();
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        await page.Locator("fieldset.source").First.Locator("button[name=add]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
        Assert.That(posts, Is.Zero, "added without a round trip");
        await page.FillAsync($"[id='sources[0].figures[{before}].label']", "Ny rad");
        await page.Locator("fieldset.source").First.Locator("details.source-import summary").ClickAsync();
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "the workspace with a source's file import open");
        await Browser.ScreenshotAsync(page, "situation-picture-workspace");

        // Without script: the same button posts, keeps what was typed and adds the row.
        var noScript = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl,
            JavaScriptEnabled = false,
            StorageState = await page.Context.StorageStateAsync(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync($"/samordnare/lagesbild?ar={DateTime.UtcNow.Year}");
        await plain.FillAsync("[id='sources[0].name']", "Polisen, lokalpolisområdet");
        var plainRows = plain.Locator("fieldset.source").First.Locator("table.figures tbody tr");
        var plainBefore = await plainRows.CountAsync();
        await plain.Locator("fieldset.source").First.Locator("button[name=add]").ClickAsync();
        await Assertions.Expect(plainRows).ToHaveCountAsync(plainBefore + 1);
        Assert.That(await plain.InputValueAsync("[id='sources[0].name']"), Is.EqualTo("Polisen, lokalpolisområdet"), "what was typed is kept");
        await Assertions.Expect(plain.Locator(".notice[role=status]")).ToHaveCountAsync(0);

        // A source's figures read from the police's Excel CSV, reviewed in place, then saved with the picture.
        var source = plain.Locator("fieldset.source").First;
        await source.Locator("details.source-import summary").ClickAsync();
        await source.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "polisen.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.Latin1.GetBytes("Brottstyp;Antal\r\nOlaga hot mot tjänsteman;3\r\nSkadegörelse;1 204\r\n"),
        });
        await source.Locator("button[name=import]").ClickAsync();
        await Assertions.Expect(plain.Locator("#imported")).ToContainTextAsync("2 siffror inlästa");
        Assert.That(await plain.InputValueAsync("[id='sources[0].figures[0].label']"), Is.EqualTo("Olaga hot mot tjänsteman"));
        Assert.That(await plain.InputValueAsync("[id='sources[0].figures[1].value']"), Is.EqualTo("1204"));
        Assert.That(await plain.InputValueAsync("[id='sources[0].labelColumn']"), Is.EqualTo("Brottstyp"), "the mapping used is shown and saved with the source");
        Assert.That(await plain.InputValueAsync("[id='sources[0].name']"), Is.EqualTo("Polisen, lokalpolisområdet"));
        await plain.Locator("button.button:has-text('Spara lägesbilden')").ClickAsync();
        await Assertions.Expect(plain.Locator(".notice[role=status]")).ToContainTextAsync("sparad");
        Assert.That(await plain.InputValueAsync("[id='sources[0].valueColumn']"), Is.EqualTo("Antal"), "remembered with the saved source");
    }

    [Test]
    public async Task ABrowserGetsAPageInSwedishForAMistypedAddress_AnApiClientProblemDetails()
    {
        var page = await AnonymousAsync();
        var response = await page.GotoAsync("/rapportera-har");
        Assert.That(response!.Status, Is.EqualTo(404));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sidan finns inte");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty);
        await Browser.ScreenshotAsync(page, "not-found");

        using var api = await _session.Service.Client.GetAsync("/rapportera-har");
        Assert.That(api.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(api.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private async Task<int> OpenSurveyAsync(int year, int codes) => (await OpenSurveyWithCodesAsync(year, codes)).Year;

    private async Task<(string Id, string[] Codes, int Year)> OpenSurveyWithCodesAsync(int year, int codes)
    {
        var headers = await BrowserCoordinator.AntiforgeryHeadersAsync(_coordinator);
        var response = await _coordinator.Context.APIRequest.PostAsync("/api/surveys", new APIRequestContextOptions
        {
            Headers = headers,
            DataObject = new { year, closesOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), codes },
        });
        Assert.That(response.Status, Is.EqualTo(201), await response.TextAsync());
        var body = (await response.JsonAsync())!.Value;
        return (body.GetProperty("id").GetString()!, [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)], year);
    }
}
