using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Reporting.Features.Coordinators;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Retention;
using Reporting.Infrastructure.Email;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Records;

/// <summary>
/// The record of processing (GDPR article 30) and a summary of the security controls in the shape of
/// KLASSA's areas (confidentiality, integrity, availability, traceability), written from the running
/// configuration as Markdown for the förvaltning's dataskyddsombud to complete: what the service does
/// is filled in, what only the förvaltning knows is marked "(fylls i av förvaltningen)".
/// </summary>
public sealed class RecordOfProcessing(
    OrganisationProfile organisation,
    RetentionPlan retention,
    IOptions<EncryptionOptions> encryption,
    IOptions<DatabaseOptions> database,
    IOptions<SmtpOptions> smtp,
    IOptions<SingleSignOnOptions> signOn,
    IOptions<Photos.AttachmentsOptions> attachments,
    IOptions<Summaries.SummariesOptions> summaries,
    TimeProvider time)
{
    private const string ToFill = "(fylls i av förvaltningen)";

    public string Markdown()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var today = organisation.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var oidc = signOn.Value.Oidc.Authority;

        Line($"# Register över behandling (artikel 30 dataskyddsförordningen): rapporter om oro och händelser kopplade till våldsbejakande extremism");
        Line();
        Line($"Skapat {today} ur tjänstens konfiguration. Det som tjänsten själv vet är ifyllt; resten fyller förvaltningen i.");
        Line();
        Line("## Personuppgiftsansvarig och kontakt");
        Line();
        Line($"- Personuppgiftsansvarig: {organisation.Name} (den nämnd som ansvarar för förvaltningen) {ToFill}");
        Line($"- Kontakt: {organisation.Contact ?? ToFill}");
        Line($"- Dataskyddsombud: {ToFill}");
        Line();
        Line("## Ändamål och rättslig grund");
        Line();
        Line("- Ändamål: att ta emot oidentifierad information från förvaltningens medarbetare om oro och händelser kopplade till våldsbejakande extremism, handlägga den, följa upp med rapportören och sammanställa den till förvaltningens lokala lägesbild.");
        Line($"- Rättslig grund: uppgift av allmänt intresse eller myndighetsutövning (artikel 6.1 e), med stöd av kommunens uppdrag att förebygga våldsbejakande extremism {ToFill}");
        Line();
        Line("## Kategorier av registrerade och av personuppgifter");
        Line();
        Line("- Personer som beskrivs i rapporter: rapporterna ska vara avidentifierade; formuläret och varje inskriven text kontrolleras mot personnummer, namn, telefonnummer, adresser och andra identifierare, men en beskrivning kan ändå göra någon indirekt identifierbar. Uppgifterna kan avse barn.");
        Line("- Känsliga personuppgifter (artikel 9): uppgifter om politiska åsikter och religiös övertygelse kan framgå av en rapport om våldsbejakande extremism.");
        Line("- Uppgifter om lagöverträdelser (artikel 10): en rapport kan beskriva brott (hot, våld, skadegörelse).");
        Line("- Rapportörer (medarbetare): ingen inloggning, ingen IP-adress eller webbläsare sparas och ingen tid finare än dagen; en frivillig kontaktuppgift krypteras med rapporten. Kvittokoden sparas bara som nyckelad hash.");
        Line($"- Foton: {(attachments.Value.Enabled ? $"högst {attachments.Value.MaxPhotos} per rapport; all metadata (GPS, kamera, tid) tas bort när de kommer in, men det som syns i bilden finns kvar" : "tjänsten tar inte emot foton")}.");
        Line("- Samordnare: e-postadress, lösenordshash, autentiseringsnyckel (krypterad), inloggningar och läsningar i granskningsloggen.");
        Line("- Enkätrespondenter: inga personuppgifter; koder sparas som nyckelad hash och svar visas först när enkäten stängt, och bara med minst " +
             $"{summaries.Value.SuppressBelow} svar.");
        Line();
        Line("## Mottagare");
        Line();
        Line("- Förvaltningens samordnare (konton skapas bara från kommandoraden).");
        Line($"- Vidarebefordran efter samordnarens bedömning: {string.Join(", ", ReportCodes.ForwardedTo.Entries.Select(e => e.Label))} (sekretessbrytande bestämmelser prövas av förvaltningen).");
        Line($"- E-postaviseringar till samordnarna innehåller inget om rapporten, bara att en har kommit in{(string.IsNullOrEmpty(smtp.Value.Host) ? " (skrivs i dag till en katalog på servern, ingen e-postserver är konfigurerad)" : $", via e-postservern {smtp.Value.Host}")}.");
        Line(oidc is null ? "- Ingen extern inloggningstjänst." : $"- Kommunens inloggningstjänst ({oidc}) får veta att en samordnare loggar in, inget om rapporterna.");
        Line("- Överföring till tredje land: ingen från tjänsten " + ToFill + ".");
        Line();
        Line("## Gallring");
        Line();
        if (!retention.IsOn)
        {
            Line("Ingen gallring är konfigurerad (Retention:Classes är tom): ingenting raderas förrän förvaltningens gallringsbeslut är inlagda.");
        }
        else
        {
            foreach (var (administration, rules) in retention.ByAdministration)
            {
                if (retention.ByAdministration.Count > 1)
                {
                    Line($"### {administration.Name} (`{administration.Code}`)");
                    Line();
                }

                if (rules.Count == 0)
                {
                    Line("Ingen gallring: ingenting raderas förrän förvaltningens gallringsbeslut är inlagda.");
                    Line();
                    continue;
                }

                Line("| Handlingsslag | Gallras efter | Räknas från | Beslut |");
                Line("|---|---|---|---|");
                foreach (var rule in rules)
                {
                    var from = rule.Records switch
                    {
                        RetentionClasses.SurveyAnswers => "enkätens sista dag",
                        RetentionClasses.Audit => "loggradens dag",
                        _ => "dagen rapporten avslutades",
                    };
                    Line($"| {RetentionClasses.Label(rule.Records)} (`{rule.Records}`) | {rule.Months} månader | {from} | {rule.Decision} |");
                }

                Line();
            }

            Line("Rapporter med gallringsstopp och öppna rapporter gallras inte. Varje gallring skrivs i gallringsloggen.");
        }

        Line();
        Line("## Säkerhetsåtgärder (i KLASSA:s områden)");
        Line();
        Line("| Område | Åtgärd i tjänsten |");
        Line("|---|---|");
        Line($"| Konfidentialitet | Rapporter, meddelanden, anteckningar, foton och enkätsvar krypteras med AES-256-GCM, varje rapport med en egen datanyckel som i sin tur är krypterad med huvudnyckeln ({(encryption.Value.Key is null ? "en nyckelfil på servern, läsbar bara för tjänstens användare" : "en nyckel ur konfigurationen, till exempel ett hemlighetsförråd")}); nycklar kan roteras. Databas: {database.Value.Provider}. |");
        Line($"| Konfidentialitet | Samordnare loggar in med {(signOn.Value.LocalSignIn ? "lösenord och engångskod från en app (två faktorer)" : "enbart kommunens inloggningstjänst")}{(oidc is null ? string.Empty : " eller kommunens inloggningstjänst med krav på flerfaktorsinloggning")}; sessioner upphör efter 30 minuters inaktivitet. |");
        Line("| Konfidentialitet | Ingen IP-adress, webbläsare eller tid finare än dagen sparas om rapportörer; loggar på serverns nivå håller inget innehåll. Sammanställningar som delas visar antal under " +
             $"{summaries.Value.SuppressBelow} som \"<{summaries.Value.SuppressBelow}\". |");
        Line("| Riktighet | Varje inskriven text kontrolleras mot identifierare; ändringar av en rapport skrivs i granskningsloggen i samma transaktion. |");
        Line($"| Tillgänglighet | Säkerhetskopia med kommandot `backup` (krypterat innehåll; nyckeln säkerhetskopieras separat) {ToFill}. |");
        Line("| Spårbarhet | Granskningsloggen kan inte ändras eller raderas (databasens triggers), utom genom gallring under beslut; den exporteras med `audit export`. |");
        Line();
        Line($"_Skapat av Reporting {time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}._");
        return text.ToString();
    }
}
