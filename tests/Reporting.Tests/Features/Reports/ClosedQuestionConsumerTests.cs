using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Reporting.Features.Records;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Tests.Features.StaffForm;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

/// <summary>
/// Every closed question against every consumer, the README's recipe proved: a service whose
/// declarations hold two questions more than the shipped ones (one single choice, one set with an
/// exclusive code, declared as the recipe says and nowhere else) takes them in the JSON and on the
/// form, validates them, shows them on the report page and in the redacted copy, counts them in the
/// summaries' JSON, PDF and spreadsheet, and keeps them through the index's sealed copy. The shipped
/// questions are enumerated by the same tests, so a consumer that names questions by hand fails here.
/// </summary>
[TestFixture]
public sealed class ClosedQuestionConsumerTests
{
    /// <summary>Declared exactly as the README's recipe shows.</summary>
    private static readonly ClosedQuestion SeenBefore = new(
        new CodeList("seenBefore", ("yes", "Ja, tidigare"), ("no", "Nej, första gången"), ("unknown", "Vet inte")),
        new Dictionary<string, string> { ["yes"] = "Yes, before", ["no"] = "No, the first time", ["unknown"] = "Don't know" })
    {
        Control = QuestionControl.Choices,
        Question = "Har verksamheten sett detta tidigare?", EnglishQuestion = "Has the unit seen this before?",
        Heading = "Sett tidigare", Column = "Sett tidigare", SummaryKey = "bySeenBefore",
    };

    private static readonly ClosedQuestion ToldAbout = new(
        new CodeList("toldAbout", ("colleagues", "Kollegor"), ("guardians", "Vårdnadshavare"), ("nobody", "Ingen")),
        new Dictionary<string, string> { ["colleagues"] = "Colleagues", ["guardians"] = "Guardians", ["nobody"] = "Nobody" })
    {
        Control = QuestionControl.Checkboxes,
        Question = "Vilka har fått veta?", EnglishQuestion = "Who has been told?",
        Heading = "Har fått veta", Column = "Fått veta", SummaryKey = "byToldAbout",
        Exclusive = ("nobody", "\"Ingen\" kan inte kombineras med andra."),
    };

    private static readonly ClosedQuestions Questions = ClosedQuestions.Standard.With(SeenBefore).With(ToldAbout);

    private TempFolder _folder = null!;
    private ReportingHost _host = null!;

    [OneTimeSetUp]
    public async Task SubmitOneReportByJsonAndOneByTheForm()
    {
        _folder = new TempFolder();
        _host = StartHost();

        using var json = await _host.SubmitAsync(WithAnswers(SampleReports.Valid(), pick: 0));
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.Created), await json.Content.ReadAsStringAsync());

        var (client, token) = await StaffFormPostTests.OpenFormAsync(_host);
        var form = StaffFormPostTests.ValidForm(token);
        foreach (var question in Questions)
        {
            form.AddRange(Chosen(question, pick: 1).Select(code => new KeyValuePair<string, string>(question.Name, code)));
        }

        using var posted = await client.PostAsync("/", new FormUrlEncodedContent(form));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the form post is taken");
        Assert.That(await posted.Content.ReadAsStringAsync(), Does.Contain("id=\"receipt-code\""));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host?.Dispose();
        _folder?.Dispose();
    }

    private ReportingHost StartHost() => new(_folder.Path, services: services => services.AddSingleton(Questions));

    /// <summary>The day the reports were received (the real clock: a coordinator's enrolment link is checked against it).</summary>
    private DateOnly Today => _host.Services.GetRequiredService<Reporting.Features.Organisation.OrganisationProfile>().Today();

    /// <summary>
    /// The codes a test report chooses: the first (pick 0) or second (pick 1) code of a single choice;
    /// for a set, that code and the one after it if there is one, leaving out an exclusive code.
    /// </summary>
    private static IReadOnlyList<string> Chosen(ClosedQuestion question, int pick)
    {
        var codes = question.Codes.Codes.Where(code => question.Exclusive?.Code != code).ToList();
        return question.IsSet ? [.. codes.Skip(pick).Take(2)] : [codes[pick]];
    }

    private static Dictionary<string, object?> WithAnswers(Dictionary<string, object?> report, int pick)
    {
        foreach (var question in Questions)
        {
            report[question.Name] = question.IsSet ? Chosen(question, pick).ToArray() : Chosen(question, pick)[0];
        }

        return report;
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    private async Task<IReadOnlyList<Guid>> ReportIdsAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Reports.Select(r => r.Id).ToListAsync();
    }

    private static IEnumerable<TestCaseData> EveryQuestion() =>
        Questions.Select(q => new TestCaseData(q.Name).SetName($"{{m}}({q.Name})"));

    private static ClosedQuestion Question(string name) => Questions.Single(q => q.Name == name);

    [TestCaseSource(nameof(EveryQuestion))]
    public async Task TheJsonRefusesAnUnknownCodeNamingTheQuestion(string name)
    {
        var question = Question(name);
        using var response = await _host.SubmitAsync(SampleReports.With(name, question.IsSet ? new[] { "ufo" } : "ufo"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty(question.IsSet ? $"{name}[0]" : name, out _), Is.True, problem.ToString());
    }

    [TestCaseSource(nameof(EveryQuestion))]
    public async Task TheJsonRefusesAWrongTypeNamingTheQuestion(string name)
    {
        using var response = await _host.SubmitAsync(SampleReports.With(name, 42));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty(name, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task AnExclusiveCodeCannotBeCombined()
    {
        using var response = await _host.SubmitAsync(SampleReports.With(ToldAbout.Name, new[] { "nobody", "guardians" }));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").GetProperty(ToldAbout.Name)[0].GetString(), Does.Contain("Ingen"));
    }

    [Test]
    public async Task AnUndeclaredPropertyIsStillRefused()
    {
        using var response = await _host.SubmitAsync(SampleReports.With("seenAfter", "yes"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Unknown field").And.Not.Contain("seenAfter"));
    }

    [TestCase("/", false)]
    [TestCase("/?lang=en", true)]
    public async Task TheFormAsksEveryQuestionInItsLanguage(string path, bool english)
    {
        using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(path));

        Assert.Multiple(() =>
        {
            foreach (var question in Questions)
            {
                Assert.That(page, Does.Contain(english ? question.EnglishQuestion : question.Question), question.Name);
                foreach (var code in question.Codes.Codes)
                {
                    Assert.That(page, Does.Contain($"name=\"{question.Name}\"").And.Contain($"value=\"{code}\""), $"{question.Name}.{code}");
                    Assert.That(page, Does.Contain(question.Label(code, english)), $"{question.Name}.{code}");
                }
            }
        });
    }

    [Test]
    public async Task TheReportPageShowsEveryAnswer()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(_host, "fragor@kommun.example");
        using var signedIn = await CoordinatorAccess.SignInAsync(_host, coordinator);
        var pages = new List<string>();
        foreach (var id in await ReportIdsAsync())
        {
            pages.Add(WebUtility.HtmlDecode(await signedIn.GetStringAsync($"/samordnare/rapporter/{id}")));
        }

        Assert.Multiple(() =>
        {
            foreach (var question in Questions)
            {
                foreach (var pick in new[] { 0, 1 })
                {
                    var shown = $"<dt>{question.Heading}</dt><dd>{string.Join(", ", Chosen(question, pick).Select(question.Label))}</dd>";
                    Assert.That(pages, Has.Some.Contains(shown), $"{question.Name}, report {pick}");
                }
            }
        });
    }

    [Test]
    public async Task TheRedactedCopyShowsEveryAnswer()
    {
        var copies = new List<string>();
        foreach (var id in await ReportIdsAsync())
        {
            var copy = await SendAsync(new MakeRedactedCopyCommand("test", id, [], []));
            using var pdf = new PdfReading(copy!.Pdf);
            copies.Add(pdf.AllText);
        }

        Assert.Multiple(() =>
        {
            foreach (var question in Questions)
            {
                Assert.That(copies, Has.All.Contains(question.Heading), question.Name);
                Assert.That(copies, Has.Some.Contains(question.Label(Chosen(question, 1)[0])), question.Name);
            }
        });
    }

    [Test]
    public async Task TheSummariesCountEveryAnswerInJsonPdfAndSpreadsheet()
    {
        var quarter = Quarter.Of(Today);
        var summary = await SendAsync(new BuildQuarterSummaryQuery("test", quarter));
        var json = JsonDocument.Parse(JsonSerializer.Serialize(summary, ReportingJsonContext.Default.QuarterSummary)).RootElement;
        var quarterPdf = await SendAsync(new ExportQuarterSummaryQuery("test", quarter, SummaryVariant.Internal));
        var yearPdf = await SendAsync(new ExportYearSummaryQuery("test", Today.Year, SummaryVariant.Internal));
        var book = await SendAsync(new ExportSummaryTablesQuery("test", $"{Today.Year}", SummaryVariant.Internal, "xlsx"));
        using var quarterText = new PdfReading(quarterPdf.Content);
        using var yearText = new PdfReading(yearPdf.Content);
        using var sheets = new MemoryStream(book.Content);
        var sheetNames = sheets.GetSheetNames();

        Assert.Multiple(() =>
        {
            foreach (var question in Questions)
            {
                var counts = json.GetProperty(question.SummaryKey);
                foreach (var code in Chosen(question, 0).Concat(Chosen(question, 1)).Distinct())
                {
                    Assert.That(counts.GetProperty(code).GetInt32(), Is.EqualTo(Chosen(question, 0).Concat(Chosen(question, 1)).Count(c => c == code)), $"{question.Name}.{code}");
                }

                Assert.That(quarterText.AllText, Does.Contain(question.Heading), $"quarter PDF, {question.Name}");
                Assert.That(yearText.AllText, Does.Contain(question.Heading), $"year PDF, {question.Name}");
                Assert.That(sheetNames, Does.Contain(question.Column), $"spreadsheet, {question.Name}");
            }
        });
    }

    [Test]
    public async Task TheIndexCopyKeepsEveryAnswerAndItsVersionFollowsTheQuestions()
    {
        var reports = (await _host.Services.GetRequiredService<ReportIndex>().CurrentAsync(CancellationToken.None)).ReceivedBetween(Today, Today).ToList();
        var bytes = IndexCopyFormat.Write(reports, new ReportClockReading(1, 0), [], Questions);

        var read = IndexCopyFormat.Read(bytes, code => code, codes => codes, Questions);

        Assert.That(read, Is.Not.Null);
        Assert.That(IndexCopyFormat.Read(bytes, code => code, codes => codes, ClosedQuestions.Standard), Is.Null, "a copy written with other questions reads as none");
        Assert.Multiple(() =>
        {
            foreach (var (before, after) in reports.Zip(read!.Value.OldestFirst))
            {
                foreach (var question in Questions)
                {
                    Assert.That(question.Of(after.Facets), Is.EqualTo(question.Of(before.Facets)), question.Name);
                    Assert.That(question.Of(after.Facets), Is.Not.EqualTo(question.Unanswered), $"{question.Name} was answered");
                }
            }
        });
    }
}
