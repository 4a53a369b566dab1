using System.Globalization;
using CsvHelper;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.Records;

/// <summary>The register extract as a file: CSV for the förvaltning's diarium or Excel, PDF to print.</summary>
public static class RegisterDocuments
{
    public static readonly string[] Columns = ["reference", "receivedOn", "title", "channel", "secrecy"];

    /// <summary>UTF-8 with a byte order mark and ";" between fields, so Excel in Swedish opens it in columns; the contract's names as headers.</summary>
    public static byte[] Csv(RegisterExtract extract)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var line in extract.Lines)
            {
                csv.WriteRecord([line.Reference, line.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), line.Title, line.Channel, line.Secrecy ?? string.Empty]);
            }
        }

        return output.ToArray();
    }

    public static byte[] Pdf(RegisterExtract extract, OrganisationProfile organisation, DateTimeOffset generatedAt)
    {
        var created = TimeZoneInfo.ConvertTime(generatedAt, organisation.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        List<PdfBlock> blocks =
        [
            new PdfParagraph($"Registerutdrag {extract.Year}", PdfTextStyle.Title),
            new PdfParagraph(organisation.Name, PdfTextStyle.Lead),
            new PdfParagraph(
                $"Rapporter om oro eller händelser som kom in {extract.Year}, en rad per rapport. Utdraget visar vad ett diarium visar: referens, dag, " +
                $"rubrik, hur rapporten kom in och sekretessmarkering. Inget om innehållet. Skapat {created}, {extract.Lines.Count} rapporter."),
        ];
        if (extract.Lines.Count == 0)
        {
            blocks.Add(new PdfParagraph($"Inga rapporter kom in {extract.Year}."));
        }
        else
        {
            blocks.Add(new PdfTable(
                [new PdfColumn("Referens", 1), new PdfColumn("Inkom", 1.1), new PdfColumn("Rubrik", 4), new PdfColumn("Kanal", 1.6), new PdfColumn("Sekretess", 1.6)],
                [.. extract.Lines.Select(l => (IReadOnlyList<string>)
                [
                    l.Reference, l.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Title, ReportCodes.Channel.Label(l.Channel), l.Secrecy ?? "–",
                ])],
                FontSize: 8));
        }

        return PdfComposer.Render(new PdfPageFrame($"Registerutdrag {extract.Year} – {organisation.Name}", null, $"Registerutdrag {extract.Year} · {organisation.Name}"), blocks);
    }
}
