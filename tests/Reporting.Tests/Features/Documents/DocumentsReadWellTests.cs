using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Features.Organisation;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Pdf;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Documents;

/// <summary>
/// The documents a nämnd and a coordinator print read well: rendered by poppler, no page ends with a
/// heading whose text is on the next page, and the lägesbild puts the assessment and its sources before
/// the tables and leaves out the rows without reports.
/// </summary>
[TestFixture]
public sealed partial class DocumentsReadWellTests
{
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;

    [GeneratedRegex(@"Sida \d+ av \d+")]
    private static partial Regex Footer();

    [OneTimeSetUp]
    public async Task Seed()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path);
        foreach (var environment in new[] { "white-power", "white-power", "islamist", "autonomous", "white-power" })
        {
            var report = SampleReports.With("environment", environment);
            report["description"] = "Klistermärken med symboler vid entrén. " + string.Concat(Enumerable.Repeat("De togs bort samma dag av personalen. ", 12));
            Assert.That((await _host.SubmitAsync(report)).IsSuccessStatusCode, Is.True);
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host.Dispose();
        _folder.Dispose();
    }

    /// <summary>The headings of a document, and what poppler shows as each page's last line of text above its footer.</summary>
    private static async Task AssertNoPageEndsWithAHeadingAsync(byte[] pdf, IReadOnlyList<PdfBlock> blocks, string document)
    {
        var headings = blocks.OfType<PdfHeading>().Select(h => h.Text.Trim()).ToHashSet(StringComparer.Ordinal);
        using var folder = new TempFolder();
        var pages = await PdfReading.PageTextsAsync(pdf, folder.Path);
        Assert.That(pages, Has.Count.GreaterThan(2), document);
        var stranded = new List<string>();
        using var layout = UglyToad.PdfPig.PdfDocument.Open(pdf);
        for (var i = 0; i < pages.Count - 1; i++)
        {
            var lines = pages[i].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !Footer().IsMatch(l)).ToList();
            if (lines.Count > 0 && headings.Contains(lines[^1]) && !EndsWithAFigure(layout.GetPage(i + 1)))
            {
                stranded.Add($"page {i + 1}: \"{lines[^1]}\"");
            }
        }

        Assert.That(stranded, Is.Empty, $"{document}: a heading at the foot of a page, its text on the next");
    }

    /// <summary>A chart below the last text: the heading above it is with what it heads (a chart has no text to extract).</summary>
    private static bool EndsWithAFigure(UglyToad.PdfPig.Content.Page page)
    {
        var words = page.GetWords().ToList();
        // The footer's line ("… Sida X av Y") is not the page's text.
        var footer = words.Where(w => w.Text == "Sida").Select(w => w.BoundingBox.Top).DefaultIfEmpty(0).Min();
        var lowestText = words.Where(w => w.BoundingBox.Bottom > footer + 1).Select(w => w.BoundingBox.Bottom).DefaultIfEmpty(page.Height).Min();
        return page.GetImages().Any(image => image.BoundingBox.Bottom < lowestText);
    }

    [Test]
    public async Task NoPageOfTheYearlySummaryOrTheLagesbildEndsWithAHeading()
    {
        var services = _host.Services;
        var organisation = services.GetRequiredService<OrganisationProfile>();
        var suppressBelow = services.GetRequiredService<IOptions<SummariesOptions>>().Value.SuppressBelow;
        var year = organisation.Today().Year;
        await using var scope = services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<YearAggregation>().BuildAsync(year, CancellationToken.None);
        foreach (var variant in new[] { SummaryVariant.Internal, SummaryVariant.Shareable })
        {
            var yearly = new YearlySummaryDocument(summary, variant, organisation, suppressBelow, DateTimeOffset.UtcNow);
            await AssertNoPageEndsWithAHeadingAsync(yearly.Render(), yearly.Blocks(), $"yearly summary ({variant})");

            var picture = new SituationPictureDocument(summary, SituationPictureContent.Empty, null, variant, organisation, suppressBelow, DateTimeOffset.UtcNow);
            await AssertNoPageEndsWithAHeadingAsync(PdfComposer.Render(picture.Frame, picture.Blocks()), picture.Blocks(), $"lägesbild ({variant})");
        }
    }

    [Test]
    public async Task TheLagesbildPutsTheAssessmentAndSourcesFirst_AndLeavesOutRowsWithoutReports()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationProfile>();
        var summary = await scope.ServiceProvider.GetRequiredService<YearAggregation>().BuildAsync(organisation.Today().Year, CancellationToken.None);
        var content = new SituationPictureContent(
            [new ExternalSource("Polisen", "police", "helår", [new SourceFigure("Anmälningar", 4)], "Polisens bild.", "Visar bara det som anmäls.")],
            SituationAssessments.Empty with { Overall = "Oförändrat läge." });
        var document = new SituationPictureDocument(summary, content, null, SummaryVariant.Internal, organisation, 3, DateTimeOffset.UtcNow);
        var blocks = document.Blocks();
        var headings = blocks.OfType<PdfHeading>().Select(h => h.Text).ToList();
        int At(string heading) => headings.FindIndex(h => h.StartsWith(heading, StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(At("Sammanfattning av bedömningen"), Is.LessThan(At("Bedömning per miljö")));
            Assert.That(At("Bedömning per miljö"), Is.LessThan(At("Externa källor")), "the assessment before the sources");
            Assert.That(At("Externa källor"), Is.LessThan(At("Formulärets rapporter")), "the sources before the tables");
            var text = string.Join("\n", blocks.OfType<PdfParagraph>().Select(p => p.Text));
            Assert.That(text, Does.Contain("Utan rapporter under året, och därför inte i tabellen:").And.Contain("Okänt"), "rows without reports are named, not printed");
            var placeTable = blocks.SkipWhile(b => b is not PdfHeading { Text: "Plats" }).OfType<PdfTable>().First();
            Assert.That(placeTable.Rows.Select(r => r[0]), Does.Not.Contain("Kollektivtrafik"), "a place without reports has no row");
            Assert.That(placeTable.Rows.Select(r => r[0]), Does.Contain("Skolgård/utemiljö"));
        });
    }
}
