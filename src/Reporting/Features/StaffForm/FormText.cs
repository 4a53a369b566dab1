using Reporting.Features.Reports;

namespace Reporting.Features.StaffForm;

/// <summary>
/// Everything the staff form says, in Swedish (the default) and English. Codes stay the same in
/// both; only the words change.
/// </summary>
public sealed class FormText
{
    private readonly Dictionary<string, string> _labels;

    private FormText(string language, Dictionary<string, string> words, Dictionary<string, string> labels)
    {
        Language = language;
        Words = words;
        _labels = labels;
    }

    public string Language { get; }

    public bool IsEnglish => Language == "en";

    public IReadOnlyDictionary<string, string> Words { get; }

    public string this[string key] => Words.TryGetValue(key, out var value) ? value : key;

    /// <summary>The label of a code in a closed list, in this language.</summary>
    public string Label(CodeList list, string code) =>
        _labels.TryGetValue($"{list.Field}.{code}", out var label) ? label : list.Label(code);

    public static FormText For(string? language) => language == "en" ? English : Swedish;

    public static readonly FormText Swedish = new("sv", new()
    {
        ["title"] = "Rapportera oro eller händelse",
        ["lead"] = "Formuläret är för dig som arbetar i förvaltningen och har sett eller hört något som kan ha samband med våldsbejakande extremism. Du är anonym: formuläret frågar inte vem du är.",
        ["first.heading"] = "Innan du börjar",
        ["first.danger"] = "Vid akut fara: ring 112.",
        ["first.child"] = "Gäller det ett barn som kan fara illa? Gör också en orosanmälan till socialtjänsten. Det här formuläret ersätter inte den.",
        ["first.identify"] = "Skriv inte namn, personnummer, adresser eller annat som kan identifiera någon.",
        ["language.switch"] = "In English",
        ["language.href"] = "/?lang=en",
        ["kind"] = "Typ av rapport",
        ["occurredOn"] = "Datum för händelsen eller iakttagelsen",
        ["occurredOn.hint"] = "Ungefärligt datum räcker.",
        ["unit"] = "Verksamhet",
        ["unit.choose"] = "Välj verksamhet",
        ["area"] = "Område",
        ["environment"] = "Miljö",
        ["environment.hint"] = "Välj Oklart om du inte vet.",
        ["observations"] = "Vad har iakttagits?",
        ["observations.hint"] = "Välj allt som stämmer.",
        ["placeCategory"] = "Plats",
        ["placeCategory.choose"] = "Välj plats (frivilligt)",
        ["ageGroup"] = "Åldersgrupp",
        ["gender"] = "Kön",
        ["peopleInvolved"] = "Antal personer",
        ["actionsTaken"] = "Åtgärder hittills",
        ["description"] = "Beskrivning",
        ["description.hint"] = "Beskriv vad som hänt eller vad du sett, utan namn eller annat som kan identifiera någon. Högst 4 000 tecken.",
        ["reporterContact"] = "Dina kontaktuppgifter (frivilligt)",
        ["reporterContact.hint"] = "Om samordnaren får kontakta dig för frågor. Visas inte i listor.",
        ["optional"] = "frivilligt",
        ["confirm"] = "Jag har kontrollerat det markerade: det identifierar ingen.",
        ["submit"] = "Skicka rapport",
        ["errors.heading"] = "Rapporten kunde inte skickas",
        ["findings.heading"] = "Beskrivningen kan innehålla uppgifter som identifierar någon",
        ["findings.blocking"] = "måste tas bort",
        ["findings.warning"] = "ta bort eller bekräfta att det inte identifierar någon",
        ["findings.replace"] = "Ersätt med",
        ["findings.none"] = "Inga identifierande uppgifter hittades hittills.",
        ["findings.blockingExplained"] = "Personnummer, samordningsnummer, telefonnummer, e-post- och IP-adresser måste tas bort innan rapporten kan skickas.",
        ["receipt.title"] = "Tack, rapporten är skickad",
        ["receipt.code"] = "Din kvittenskod",
        ["receipt.use"] = "Spara koden. Uppge koden om samordnaren frågar, så vet hen vilken rapport det gäller. Koden visas bara den här gången.",
        ["receipt.again"] = "Skicka en ny rapport",
        ["receipt.followUp"] = "Med koden kan du följa upp rapporten och svara på samordnarens frågor, anonymt:",
        ["followUp.link"] = "Följ upp din rapport",
        ["followUp.title"] = "Följ upp din rapport",
        ["followUp.lead"] = "Skriv kvittokoden du fick när du skickade rapporten. Du ser vad som har hänt med rapporten och samordnarens frågor, och kan svara. Du är fortfarande anonym, och inget skickas med e-post.",
        ["followUp.receipt"] = "Kvittokod",
        ["followUp.receipt.hint"] = "16 siffror, till exempel 1234 5678 9012 3456.",
        ["followUp.show"] = "Visa rapporten",
        ["followUp.unknown"] = "Ingen rapport har den kvittokoden. Kontrollera siffrorna.",
        ["followUp.malformed"] = "En kvittokod har 16 siffror, till exempel 1234 5678 9012 3456.",
        ["followUp.tooMany"] = "För många försök med koder som inte finns. Vänta en stund och försök igen.",
        ["followUp.status"] = "Status",
        ["followUp.received"] = "Mottagen",
        ["followUp.messages"] = "Meddelanden",
        ["followUp.none"] = "Inga meddelanden ännu. Kom tillbaka senare om du vill se om samordnaren har frågor.",
        ["followUp.fromCoordinator"] = "Samordnaren",
        ["followUp.fromReporter"] = "Du",
        ["followUp.reply"] = "Ditt svar",
        ["followUp.reply.hint"] = "Skriv inte namn, personnummer, adresser eller annat som kan identifiera någon.",
        ["followUp.send"] = "Skicka svaret",
        ["followUp.sent"] = "Tack, ditt svar är skickat.",
        ["followUp.closed"] = "Rapporten är avslutad och tar inte emot fler svar.",
        ["followUp.again"] = "Följ upp en annan rapport",
        ["followUp.leave"] = "Stäng sidan när du är klar: koden visas inte i adressfältet och sparas inte.",
        ["status.new"] = "Mottagen, inte påbörjad ännu",
        ["status.in-review"] = "Under bedömning",
        ["status.forwarded"] = "Vidarebefordrad",
        ["status.closed"] = "Avslutad",
        ["contact.heading"] = "Frågor?",
        ["chars"] = "tecken kvar",
    }, new());

    public static readonly FormText English = new("en", new()
    {
        ["title"] = "Report a concern or an incident",
        ["lead"] = "This form is for staff who have seen or heard something that may be linked to violent extremism. You are anonymous: the form does not ask who you are.",
        ["first.heading"] = "Before you start",
        ["first.danger"] = "In acute danger: call 112.",
        ["first.child"] = "Is a child at risk? Also make a report of concern (orosanmälan) to social services. This form does not replace it.",
        ["first.identify"] = "Do not write names, personal identity numbers, addresses or anything else that can identify someone.",
        ["language.switch"] = "På svenska",
        ["language.href"] = "/",
        ["kind"] = "Type of report",
        ["occurredOn"] = "Date of the incident or observation",
        ["occurredOn.hint"] = "An approximate date is enough.",
        ["unit"] = "Unit",
        ["unit.choose"] = "Choose a unit",
        ["area"] = "Area",
        ["environment"] = "Environment",
        ["environment.hint"] = "Choose Unclear if you do not know.",
        ["observations"] = "What was observed?",
        ["observations.hint"] = "Choose all that apply.",
        ["placeCategory"] = "Place",
        ["placeCategory.choose"] = "Choose a place (optional)",
        ["ageGroup"] = "Age group",
        ["gender"] = "Gender",
        ["peopleInvolved"] = "Number of people",
        ["actionsTaken"] = "Actions taken so far",
        ["description"] = "Description",
        ["description.hint"] = "Describe what happened or what you saw, without names or anything else that can identify someone. At most 4,000 characters.",
        ["reporterContact"] = "Your contact details (optional)",
        ["reporterContact.hint"] = "If the coordinator may contact you with questions. Not shown in lists.",
        ["optional"] = "optional",
        ["confirm"] = "I have checked what is marked: it identifies no one.",
        ["submit"] = "Send report",
        ["errors.heading"] = "The report could not be sent",
        ["findings.heading"] = "The description may contain details that identify someone",
        ["findings.blocking"] = "must be removed",
        ["findings.warning"] = "remove it or confirm that it identifies no one",
        ["findings.replace"] = "Replace with",
        ["findings.none"] = "No identifying details found so far.",
        ["findings.blockingExplained"] = "Personal identity and co-ordination numbers, phone numbers, e-mail and IP addresses must be removed before the report can be sent.",
        ["receipt.title"] = "Thank you, the report has been sent",
        ["receipt.code"] = "Your receipt code",
        ["receipt.use"] = "Keep the code. Give it if the coordinator asks, so they know which report it is. The code is shown only this once.",
        ["receipt.again"] = "Send another report",
        ["receipt.followUp"] = "With the code you can follow up the report and answer the coordinator's questions, anonymously:",
        ["followUp.link"] = "Follow up your report",
        ["followUp.title"] = "Follow up your report",
        ["followUp.lead"] = "Enter the receipt code you got when you sent the report. You see what has happened to it and the coordinator's questions, and you can answer. You are still anonymous, and nothing is sent by e-mail.",
        ["followUp.receipt"] = "Receipt code",
        ["followUp.receipt.hint"] = "16 digits, for example 1234 5678 9012 3456.",
        ["followUp.show"] = "Show the report",
        ["followUp.unknown"] = "No report has that receipt code. Check the digits.",
        ["followUp.malformed"] = "A receipt code has 16 digits, for example 1234 5678 9012 3456.",
        ["followUp.tooMany"] = "Too many attempts with codes that do not exist. Wait a while and try again.",
        ["followUp.status"] = "Status",
        ["followUp.received"] = "Received",
        ["followUp.messages"] = "Messages",
        ["followUp.none"] = "No messages yet. Come back later to see whether the coordinator has questions.",
        ["followUp.fromCoordinator"] = "The coordinator",
        ["followUp.fromReporter"] = "You",
        ["followUp.reply"] = "Your answer",
        ["followUp.reply.hint"] = "Do not write names, personal identity numbers, addresses or anything else that can identify someone.",
        ["followUp.send"] = "Send the answer",
        ["followUp.sent"] = "Thank you, your answer has been sent.",
        ["followUp.closed"] = "The report is closed and takes no more answers.",
        ["followUp.again"] = "Follow up another report",
        ["followUp.leave"] = "Close the page when you are done: the code is not shown in the address bar and is not saved.",
        ["status.new"] = "Received, not started yet",
        ["status.in-review"] = "Being assessed",
        ["status.forwarded"] = "Forwarded",
        ["status.closed"] = "Closed",
        ["contact.heading"] = "Questions?",
        ["chars"] = "characters left",
    }, new()
    {
        ["kind.concern"] = "Concern about a person", ["kind.incident"] = "Incident", ["kind.information"] = "Information/observation",
        ["environment.white-power"] = "White power environment", ["environment.autonomous"] = "Autonomous (left-wing) environment",
        ["environment.islamist"] = "Islamist extremist environment", ["environment.other"] = "Other", ["environment.unknown"] = "Unclear",
        ["observations.symbols"] = "Symbols", ["observations.propaganda"] = "Propaganda/leaflets", ["observations.stickers"] = "Stickers",
        ["observations.graffiti"] = "Graffiti", ["observations.statements"] = "Statements/opinions advocating violence",
        ["observations.recruitment"] = "Recruitment", ["observations.threats"] = "Threats", ["observations.violence"] = "Violence",
        ["observations.online"] = "Material online/social media", ["observations.travel"] = "Travel to/from a conflict zone", ["observations.other"] = "Other",
        ["placeCategory.premises"] = "On the unit's premises", ["placeCategory.schoolyard"] = "Schoolyard/outdoor area",
        ["placeCategory.public-space"] = "Public place", ["placeCategory.public-transport"] = "Public transport", ["placeCategory.online"] = "Online",
        ["placeCategory.home"] = "Home visit", ["placeCategory.other"] = "Other",
        ["ageGroup.under-13"] = "Under 13", ["ageGroup.13-15"] = "13–15", ["ageGroup.16-17"] = "16–17", ["ageGroup.18-24"] = "18–24",
        ["ageGroup.25-plus"] = "25 or older", ["ageGroup.unknown"] = "Unknown", ["ageGroup.not-applicable"] = "Not applicable",
        ["gender.female"] = "Girl/woman", ["gender.male"] = "Boy/man", ["gender.other"] = "Other", ["gender.unknown"] = "Unknown", ["gender.not-applicable"] = "Not applicable",
        ["peopleInvolved.one"] = "One", ["peopleInvolved.two-to-five"] = "Two to five", ["peopleInvolved.more-than-five"] = "More than five", ["peopleInvolved.unknown"] = "Unknown",
        ["actionsTaken.police"] = "Contact with the police", ["actionsTaken.social-services"] = "Report of concern/contact with social services",
        ["actionsTaken.manager"] = "Manager informed", ["actionsTaken.school-health"] = "Pupil health team", ["actionsTaken.other"] = "Other", ["actionsTaken.none"] = "None",
    });

    /// <summary>The English message for a field's error (the validator's messages are Swedish).</summary>
    public string ErrorFor(string field, string swedishMessage) => !IsEnglish ? swedishMessage : field switch
    {
        "description" or "reporterContact" when swedishMessage.Contains("riktning", StringComparison.Ordinal) =>
            "The text holds invisible characters that reverse its direction; remove them (they often come along when text is pasted).",
        "kind" => "Choose the type of report.",
        "occurredOn" => "Enter a valid date, not in the future.",
        "unit" => "Choose a unit.",
        "area" => "Choose an area from the list.",
        "environment" => "Choose an environment (Unclear if you do not know).",
        "observations" => "Choose at least one thing that was observed.",
        "actionsTaken" => "\"None\" cannot be combined with other actions.",
        "description" => "Write a short description (at most 4,000 characters, no control characters).",
        "reporterContact" => "Your contact details can be at most 200 characters.",
        _ => "Check this field.",
    };

    public string KindName(string kind) => (IsEnglish, kind) switch
    {
        (false, "personnummer") => "Personnummer",
        (false, "samordningsnummer") => "Samordningsnummer",
        (false, "phone") => "Telefonnummer",
        (false, "email") => "E-postadress",
        (false, "address") => "Adress",
        (false, "postal_code") => "Postnummer",
        (false, "plate") => "Registreringsnummer",
        (false, "name") => "Namn",
        (false, "ip") => "IP-adress",
        (false, "url") => "Länk till profil",
        (false, "social_handle") => "Användarnamn",
        (false, "workplace") => "Skola eller arbetsplats",
        (true, "personnummer") => "Personal identity number",
        (true, "samordningsnummer") => "Co-ordination number",
        (true, "phone") => "Phone number",
        (true, "email") => "E-mail address",
        (true, "address") => "Address",
        (true, "postal_code") => "Postal code",
        (true, "plate") => "Registration plate",
        (true, "name") => "Name",
        (true, "ip") => "IP address",
        (true, "url") => "Profile link",
        (true, "social_handle") => "User name",
        (true, "workplace") => "School or workplace",
        _ => kind,
    };
}
