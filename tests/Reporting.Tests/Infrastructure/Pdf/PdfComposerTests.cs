using System.Text.RegularExpressions;
using Reporting.Infrastructure.Pdf;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Pdf;

/// <summary>
/// The document layer on its own: text that does not fit a cell or a page still reaches the page
/// whole, and a document drawn in several parts reads as one.
/// </summary>
[TestFixture]
public sealed partial class PdfComposerTests
{
    /// <summary>
    /// Wherever the page happens to end, a heading goes with the start of what follows it: a chart
    /// whole, a table's first rows, a paragraph's first lines, or the heading under it with its start.
    /// </summary>
    [Test]
    public void AHeadingIsNeverLeftAtTheFootOfAPage_WhateverFollowsIt()
    {
        PdfBlock[][] followers =
        [
            [new PdfFigure("Diagram", 240, (_, _) => { })],
            [new PdfTable([new PdfColumn("Kod", 2), new PdfColumn("Antal", 1)], [.. Enumerable.Range(0, 6).Select(i => (IReadOnlyList<string>)[$"rad {i}", "1"])])],
            [new PdfParagraph(string.Join(" ", Enumerable.Repeat("Ett stycke som löper över flera rader i dokumentet.", 12)))],
            [new PdfHeading("Underrubrik", 3), new PdfFigure("Diagram", 200, (_, _) => { })],
        ];
        PdfFonts.EnsureRegistered();
        var stranded = new List<string>();
        foreach (var (follower, kind) in followers.Select((f, i) => (f, i)))
        {
            // Filler of every length, so the heading meets the page's foot at every height.
            for (var filler = 0; filler < 70; filler++)
            {
                var blocks = new List<PdfBlock> { new PdfParagraph(string.Join("\n", Enumerable.Range(0, filler).Select(i => $"Rad {i}"))) };
                blocks.Add(new PdfHeading("Rubriken", 2));
                blocks.AddRange(follower);
                var pages = new List<Reporting.Infrastructure.Pdf.PageLayout>();
                PdfLayout.Paginate(blocks, pages.Add);
                foreach (var page in pages.SkipLast(1))
                {
                    if (page.Items.LastOrDefault() is TextPlacement { Block: PdfHeading heading })
                    {
                        stranded.Add($"follower {kind}, {filler} filler lines: \"{heading.Text}\" ends a page");
                    }
                }
            }
        }

        Assert.That(stranded, Is.Empty);
    }

    [Test]
    public async Task AListLongerThanOnePartIsOneDocumentWithOneStructureAndEveryPageNumbered()
    {
        var rows = Enumerable.Range(1, 2000).Select(i => (IReadOnlyList<string>)[$"R{i:0000}", "rad ett\nrad två\nrad tre\nrad fyra"]).ToList();
        var title = "Lista 7 0 R (prov)"; // a reference's shape inside a string is text, not a reference
        var blocks = new PdfBlock[]
        {
            new PdfHeading("Alla rapporter", 1),
            new PdfParagraph("Inledning."),
            new PdfTable([new PdfColumn("Referens", 1), new PdfColumn("Text", 3)], rows, RowHeaders: false),
            new PdfTable([new PdfColumn("Summa", 1), new PdfColumn("Antal", 1)], [["Alla", "2000"]], RowHeaders: false),
        };

        var bytes = PdfComposer.Render(new PdfPageFrame(title, "Intern", "Prov"), blocks);
        using var pdf = new PdfReading(bytes);
        var pages = pdf.Pages.Count;
        var raw = pdf.Raw;
        var tables = Regex.Matches(raw, @"/S\s*/Table\b").Count;

        Assert.That(pages, Is.GreaterThan(PdfComposer.PagesPerPart), "the list needs more than one part");
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(1, pages).Where(n => !pdf.Pages[n - 1].Contains($"Sida {n} av {pages}", StringComparison.Ordinal)), Is.Empty, "every page numbered out of the whole");
            var references = Regex.Matches(pdf.AllText, @"\bR\d{4}\b").Select(m => m.Value).ToList();
            Assert.That(references, Is.EqualTo(rows.Select(r => r[0])), "every row once, in order, none lost where a part ends");
            Assert.That(Regex.Matches(raw, @"/Type\s*/Catalog\b").Count, Is.EqualTo(1));
            Assert.That(Regex.Matches(raw, @"/Type\s*/StructTreeRoot\b").Count, Is.EqualTo(1));
            Assert.That(Regex.Matches(raw, @"/S\s*/Document\b").Count, Is.EqualTo(1), "one document element");
            Assert.That(raw, Does.Match($@"/Type\s*/Pages\s*/Count {pages}\b"));
            Assert.That(pdf.ParentTreeKeys(), Is.EqualTo(Enumerable.Range(0, pages)), "one parent-tree entry per page, in page order");
            Assert.That(tables, Is.EqualTo(1 + (pages - 1) / PdfComposer.PagesPerPart + 1), "the long table opens again in each part, then the short one");
            Assert.That(Regex.Matches(raw, @"/S\s*/TH\b").Count, Is.EqualTo(2 * tables), "each table's header row is in the structure once");
            var defined = ObjectHeader().Matches(raw).Select(m => m.Groups[1].Value).ToHashSet();
            Assert.That(ObjectReference().Matches(raw).Select(m => m.Groups[1].Value).Where(n => !defined.Contains(n)).Distinct(), Is.Empty, "no reference to an object the file lacks");
            using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
            Assert.That(document.Information.Title, Is.EqualTo(title));
        });
        using var folder = new TempFolder();
        Assert.That(await PdfReading.RenderPagesAsync(bytes, folder.Path), Has.Count.EqualTo(pages), "poppler draws every page");
    }

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
    public void ADocumentWithNothingButItsFrameIsStillOneValidPage()
    {
        using var pdf = new PdfReading(PdfComposer.Render(new PdfPageFrame("Tom", "Intern", "Prov"), []));

        Assert.That(pdf.Pages, Has.Count.EqualTo(1));
        Assert.That(pdf.Pages[0], Does.Contain("Sida 1 av 1"));
        Assert.That(pdf.Raw, Does.Contain("/StructTreeRoot"));
    }

    [Test]
    public void AWordWiderThanItsColumnIsBrokenNotCut()
    {
        var link = "https://exempel.invalid/" + new string('a', 160);
        var table = new PdfTable([new PdfColumn("Kort", 1), new PdfColumn("Smal", 1)], [["x", link]]);

        using var pdf = new PdfReading(PdfComposer.Render(new PdfPageFrame("Prov", null, "Prov"), [table]));

        Assert.That(pdf.AllText.Replace(" ", "", StringComparison.Ordinal), Does.Contain(link));
    }

    [GeneratedRegex(@"(?m)^(\d+) 0 obj\b")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"(?<![\w.])(\d+) 0 R\b")]
    private static partial Regex ObjectReference();
}
