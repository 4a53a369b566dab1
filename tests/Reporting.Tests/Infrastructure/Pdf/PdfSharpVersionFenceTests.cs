namespace Reporting.Tests.Infrastructure.Pdf;

/// <summary>
/// The hand-written joiner (<c>PdfPartJoiner</c>) reads the objects PDFsharp writes: their layout,
/// the catalog's and structure tree's keys. It was written against PDFsharp 6.2 (6.5 is AGPL and not
/// an option). Another version may lay its output out differently, so raising the package must be
/// a decision: this fails until the joiner has been checked against the new output and the fence moved.
/// </summary>
[TestFixture]
public sealed class PdfSharpVersionFenceTests
{
    [Test]
    public void ThePdfPartJoinerRunsOnPdfSharp62()
    {
        var version = typeof(PdfSharp.Pdf.PdfDocument).Assembly.GetName().Version!;
        Assert.That((version.Major, version.Minor), Is.EqualTo((6, 2)),
            $"PDFsharp {version} is not the 6.2 that PdfPartJoiner was written against: check the joined PDFs (PdfComposerTests) and move this fence.");
    }
}
