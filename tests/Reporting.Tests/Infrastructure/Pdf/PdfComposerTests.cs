using Reporting.Infrastructure.Pdf;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Pdf;

/// <summary>The document layer on its own: text that does not fit a cell or a page still reaches the page whole.</summary>
[TestFixture]
public sealed class PdfComposerTests
{
    [Test]
    public void ARowTallerThanAPageFlowsOnWithEveryWordAndTheHeaderRepeated()
    {
        var words = Enumerable.Range(1, 900).Select(i => $"ord{i}").ToList();
        var table = new PdfTable([new PdfColumn("Referens", 1), new PdfColumn("Beskrivning", 4)], [["2026-001", string.Join(' ', words)]]);

        using var pdf = new PdfReading(PdfComposer.Render(new PdfPageFrame("Prov", null, "Prov"), [table]));

        Assert.That(pdf.Pages, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(pdf.Pages, Has.All.Contains("Beskrivning"), "the header repeats on every page the row reaches");
        var text = pdf.AllText.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.That(words.Where(w => !text.Contains(w)), Is.Empty, "no word lost at a page break");
    }

    [Test]
    public void AWordWiderThanItsColumnIsBrokenNotCut()
    {
        var link = "https://exempel.invalid/" + new string('a', 160);
        var table = new PdfTable([new PdfColumn("Kort", 1), new PdfColumn("Smal", 1)], [["x", link]]);

        using var pdf = new PdfReading(PdfComposer.Render(new PdfPageFrame("Prov", null, "Prov"), [table]));

        Assert.That(pdf.AllText.Replace(" ", "", StringComparison.Ordinal), Does.Contain(link));
    }
}
