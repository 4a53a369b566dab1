using System.Globalization;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.Records;

/// <summary>
/// The year's register of requests and decisions for the nämnd: a table of every request, then each
/// decision that withholds something with its ground and how to appeal (överklagandehänvisning).
/// </summary>
public static class DisclosuresDocument
{
    public static byte[] Render(int year, IReadOnlyList<DisclosureView> disclosures, OrganisationProfile organisation, string appealCourt)
    {
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        List<PdfBlock> blocks =
        [
            new PdfParagraph($"Begäran om allmänna handlingar {year}", PdfTextStyle.Title),
            new PdfParagraph(organisation.Name, PdfTextStyle.Lead),
            new PdfParagraph(
                $"Begäran om att ta del av rapporter som kom in {year}, och hur de avgjordes. {disclosures.Count} begäran, " +
                $"varav {disclosures.Count(d => d.Decision == DisclosureDecisions.Released)} lämnades ut, {disclosures.Count(d => d.Decision == DisclosureDecisions.Partly)} lämnades ut delvis " +
                $"och {disclosures.Count(d => d.Decision == DisclosureDecisions.Refused)} avslogs."),
        ];
        if (disclosures.Count > 0)
        {
            blocks.Add(new PdfTable(
                [new PdfColumn("Rapport", 1), new PdfColumn("Begärd", 1.1), new PdfColumn("Beställare", 2.2), new PdfColumn("Beslut", 1.4), new PdfColumn("Grund", 1.5), new PdfColumn("Mottagare", 2)],
                [.. disclosures.Select(d => (IReadOnlyList<string>)
                [
                    d.Reference, Day(d.RequestedOn), d.Requester, DisclosureDecisions.Label(d.Decision), d.Ground ?? "–", d.Recipient ?? "–",
                ])],
                FontSize: 8));
        }

        foreach (var decision in disclosures.Where(d => DisclosureDecisions.IsAppealable(d.Decision)))
        {
            blocks.Add(new PdfHeading($"Beslut om rapport {decision.Reference}, {Day(decision.DecidedOn)}", 2));
            blocks.Add(new PdfParagraph(
                $"Begäran den {Day(decision.RequestedOn)} från {decision.Requester}. Beslut: {DisclosureDecisions.Label(decision.Decision).ToLowerInvariant()} " +
                $"med stöd av {decision.Ground}. Beslutet fattades av {decision.DecidedBy}."));
            blocks.Add(new PdfParagraph(AppealInstructions(organisation.Name, appealCourt), PdfTextStyle.Small));
        }

        return PdfComposer.Render(
            new PdfPageFrame($"Begäran om allmänna handlingar {year} – {organisation.Name}", null, $"Begäran om allmänna handlingar {year} · {organisation.Name}"),
            blocks);
    }

    /// <summary>How to appeal a decision not to release a document in full (OSL 6 kap. 7 §; förvaltningslagen 44 §).</summary>
    public static string AppealInstructions(string authority, string appealCourt) =>
        $"Hur man överklagar: Den som vill överklaga beslutet ska skriva till {appealCourt}. Skrivelsen ska skickas eller lämnas till {authority}, " +
        "som prövar om beslutet ska ändras och annars skickar överklagandet vidare. Överklagandet ska ha kommit in inom tre veckor från den dag " +
        "då klaganden fick del av beslutet. Skriv vilket beslut som överklagas (rapportens referens och beslutets datum), varför beslutet bör " +
        "ändras och hur. Överklagandet prövas av kammarrätten.";
}
