using Reporting.Features.Identifiers;

namespace Reporting.Tests.Features.Identifiers;

/// <summary>
/// Each recogniser on texts written for these tests (not the development corpus): what it must
/// find, exactly, and the look-alikes it must leave alone.
/// </summary>
[TestFixture]
public sealed class RecogniserTests
{
    private static readonly IdentifierScanner Scanner = IdentifierScanner.CreateDefault(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));

    private static string[] Found(string text, string kind) =>
        [.. Scanner.Scan(text).Where(f => f.Kind == kind).Select(f => text[f.Start..f.End])];

    private static string[] All(string text) => [.. Scanner.Scan(text).Select(f => $"{f.Kind}:{text[f.Start..f.End]}")];

    // 811218-9876 is Skatteverket's worked example; 701063-2391 a samordningsnummer (3 Oct 1970).
    [TestCase("Hans personnummer är 811218-9876 enligt blanketten.", "811218-9876")]
    [TestCase("pnr 8112189876 stod på lappen", "8112189876")]
    [TestCase("född 19811218-9876, bor i området", "19811218-9876")]
    [TestCase("Uppgiven identitet 198112189876.", "198112189876")]
    [TestCase("Brukaren 811218+9876 är över hundra år.", "811218+9876")]
    public void FindsPersonnummerInEveryWrittenForm(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Personnummer), Is.EqualTo(new[] { expected }));

    [TestCase("Samordningsnummer 701063-2391 lämnades av mannen.", "701063-2391")]
    [TestCase("nummer 19701063-2391 hos Migrationsverket", "19701063-2391")]
    public void FindsSamordningsnummer(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Samordningsnummer), Is.EqualTo(new[] { expected }));

    [TestCase("Numret 811218-9875 är felskrivet.")] // wrong check digit
    [TestCase("Ärendet 811318-9876 avser inget datum.")] // month 13
    [TestCase("Datumet 2024-10-08 och tiden 14:05.")]
    [TestCase("dnr SN 2024/1187 och bankgiro 5050-1055")]
    [TestCase("Koden 1488 och 88 samt 14/88 på väggen, även #1488.")]
    [TestCase("Ett påhittat nummer 19990230-1234 på kortet.")] // 30 February
    public void LeavesNumbersThatAreNotValidIdentityNumbers(string text) =>
        Assert.That(Scanner.Scan(text).Where(f => f.Kind is IdentifierKinds.Personnummer or IdentifierKinds.Samordningsnummer), Is.Empty);

    [TestCase("Ring 073-555 12 34 om du vill.", "073-555 12 34")]
    [TestCase("mobil 0735551234", "0735551234")]
    [TestCase("Tel: +46 73 555 12 34", "+46 73 555 12 34")]
    [TestCase("nr 0046735551234 i sms:et", "0046735551234")]
    [TestCase("Växeln 08-123 456 78 svarar.", "08-123 456 78")]
    [TestCase("Han ringde från 0920-123 45.", "0920-123 45")]
    [TestCase("Kontor 031-12 34 56", "031-12 34 56")]
    [TestCase("Ring 070 - 123 45 67 i kväll", "070 - 123 45 67")]
    [TestCase("eller +46(0)70-123 45 67", "+46(0)70-123 45 67")]
    [TestCase("även 08/123 456 78", "08/123 456 78")]
    public void FindsSwedishPhoneNumbersInAnyLayout(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Phone), Is.EqualTo(new[] { expected }));

    [TestCase("Ring 112 vid fara, annars 114 14.")]
    [TestCase("Möte kl 14.05 i sal 3012, elevskåp 412.")]
    [TestCase("Lovet är 05/06-07/08 och terminen börjar 0818.")]
    [TestCase("Ca 25 elever, 3 vittnen, 5 000 kr erbjöds.")]
    [TestCase("Enligt 14 kap. 1 § SoL och LVU 2 §.")]
    public void LeavesEmergencyNumbersTimesAndCounts(string text) =>
        Assert.That(Scanner.Scan(text), Is.Empty, string.Join(", ", All(text)));

    [TestCase("Skriv till ola.nordmann+vbe@exempel.se.", "ola.nordmann+vbe@exempel.se")]
    [TestCase("mejl: X_Y-1@sub.domain.example", "X_Y-1@sub.domain.example")]
    public void FindsEmailAddressesWithoutTrailingPunctuation(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Email), Is.EqualTo(new[] { expected }));

    [TestCase("Inloggning från 192.0.2.200 i går.", "192.0.2.200")]
    [TestCase("IPv6 2001:db8:0:1::42 loggades.", "2001:db8:0:1::42")]
    [TestCase("Adress fe80::1 i loggen", "fe80::1")]
    public void FindsIpAddresses(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Ip), Is.EqualTo(new[] { expected }));

    [TestCase("Mellan 10.15 och 10.40 i rum 2.14, version 1.2.3 kl 14:02:33.")]
    public void LeavesTimesRoomsAndVersions(string text) =>
        Assert.That(Found(text, IdentifierKinds.Ip), Is.Empty);

    [TestCase("Han bor på Sveavägen 44 sedan i våras.", "Sveavägen 44")]
    [TestCase("Adress: Hornsgatan 12B, lgh 1203", "Hornsgatan 12B, lgh 1203")]
    [TestCase("vid Medborgarplatsen 3 stod de", "Medborgarplatsen 3")]
    [TestCase("Brevet kom från Drottning Kristinas väg 8.", "Drottning Kristinas väg 8")]
    [TestCase("She lives at 14 Baker Street now.", "14 Baker Street")]
    public void FindsStreetAddressesWithANumber(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Address), Is.EqualTo(new[] { expected }));

    [TestCase("De gick längs Sveavägen mot Odenplan.")]
    [TestCase("Flygblad på plan 2 och vid Rinkeby torg.")]
    [TestCase("Klotter på Hornsgatan-sidan av huset.")]
    [TestCase("Eleverna diskuterade attacken på Drottninggatan 2017.")]
    public void LeavesStreetsWithoutANumber(string text) =>
        Assert.That(Found(text, IdentifierKinds.Address), Is.Empty);

    [TestCase("Box 123, 114 55 Stockholm", "114 55")]
    [TestCase("postadress 41319 Göteborg", "41319")]
    public void FindsPostalCodesBeforeAPlaceName(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.PostalCode), Is.EqualTo(new[] { expected }));

    [TestCase("Det kom 114 55 personer till mötet.")]
    [TestCase("Beloppet 12345 kronor betalades.")]
    public void LeavesFiveDigitNumbersWithoutAPlace(string text) =>
        Assert.That(Found(text, IdentifierKinds.PostalCode), Is.Empty);

    [TestCase("Bilen hade reg.nr ABC 123 och var svart.", "ABC 123")]
    [TestCase("en vit skåpbil xyz12a vid grinden", "xyz12a")]
    [TestCase("Fordon: MLB23F", "MLB23F")]
    [TestCase("Bilen ABC-123 syntes igen.", "ABC-123")]
    public void FindsRegistrationPlates(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Plate), Is.EqualTo(new[] { expected }));

    [TestCase("Taggen AFA 161 och ACAB 1312 på väggen.")]
    [TestCase("och 100 personer med 250 flygblad")]
    [TestCase("Klass 1TE och 8C, sal B204.")]
    public void LeavesCodesAndWordsShapedLikePlates(string text) =>
        Assert.That(Found(text, IdentifierKinds.Plate), Is.Empty);

    [TestCase("Profilen instagram.com/anna_svensson_99 hyllar NMR.", "instagram.com/anna_svensson_99", IdentifierKinds.Url)]
    [TestCase("Se https://x.com/nordisk_krigare.", "https://x.com/nordisk_krigare", IdentifierKinds.Url)]
    [TestCase("Kontot @svart_sol_88 skickade hot.", "@svart_sol_88", IdentifierKinds.SocialHandle)]
    public void FindsProfilesAndHandles(string text, string expected, string kind) =>
        Assert.That(Found(text, kind), Is.EqualTo(new[] { expected }));

    [TestCase("Tips lämnades via polisen.se och sakerhetspolisen.se.")]
    [TestCase("min kollega @ fritids och #vitmakt på affischen")]
    [TestCase("Se instagram.com/explore för mer.")]
    public void LeavesOrganisationSitesAtSignsAndHashtags(string text) =>
        Assert.That(Scanner.Scan(text), Is.Empty, string.Join(", ", All(text)));

    [TestCase("Eleven Hampus i 9B visade videon.", "Hampus")]
    [TestCase("Pappan Goran Petrovic ringde.", "Goran Petrovic")]
    [TestCase("Mamman Leila Karimi har informerats.", "Leila Karimi")]
    [TestCase("Han kallas Tjabben av kompisarna.", "Tjabben")]
    [TestCase("Det var Anna-Lena Svenssons bil.", "Anna-Lena Svensson")]
    [TestCase("Kontakt sker med Jonas B. i morgon.", "Jonas B.")]
    [TestCase("ungdomen heter ville", "ville")]
    [TestCase("Hej!\nVi oroar oss för Ahmad.\n/Kristina", "Ahmad", "Kristina")]
    [TestCase("The boy, Liam Smith, shared the video.", "Liam Smith")]
    [TestCase("vi har pratat med mamma lena och pappa per.", "lena", "per")]
    [TestCase("A student named Fatima Al-Sayed (year 9).", "Fatima Al-Sayed")]
    [TestCase("En av killarna, kallad ”Snurre”, filmade.", "Snurre")]
    [TestCase("Kuratorn Lars Åkesson har pratat med honom.", "Lars Åkesson")]
    [TestCase("Kuratorn Lars A\u030Akesson har pratat med honom.", "Lars A\u030Akesson")] // decomposed Å: a combining mark stays in its word
    [TestCase("Mr Ahmed Hassan ringde.", "Ahmed Hassan")]
    [TestCase("Hans Berg och Klara Nilsson kom till mötet.", "Hans Berg", "Klara Nilsson")]
    [TestCase("Hälsningar,\nMaja\nFältassistent, Järva", "Maja")]
    public void FindsNames(string text, params string[] expected) =>
        Assert.That(Found(text, IdentifierKinds.Name), Is.EqualTo(expected));

    [TestCase("De träffas tre gånger per vecka och i maj blir det läger.")]
    [TestCase("Han hyllade Anders Behring Breivik och Adolf Hitler.")]
    [TestCase("Tröjor från Thor Steinar och Fred Perry, bilder på Oden och Tor.")]
    [TestCase("De hänvisade till Allah och till profeten Muhammed.")]
    [TestCase("Flygblad från Nordiska motståndsrörelsen och Det fria Sverige.")]
    [TestCase("Kontakta rektor, mentor eller kurator på avdelning Solen.")]
    [TestCase("Mötet hålls i juni, på måndag, efter skolavslutningen.")]
    [TestCase("Inga namn är kända. Den ena sa att den andra skulle straffas.")]
    [TestCase("He said the meeting will be in May, and hope is all they have.")]
    [TestCase("De spelade Roblox och Minecraft och chattade på Discord.")]
    [TestCase("Bilder på Anders Breivik och Stefan Löfven i en hatvideo.")]
    [TestCase("Broschyrerna uppmanade till jihad och talade om islam.")]
    [TestCase("De bar Fred Perry-pikéer och Lonsdale-tröjor, några hade Guy Fawkes-masker.")]
    [TestCase("Klass 9C har en ny mentor. Hans bror kommer också.")]
    public void LeavesWordsFiguresAndOrganisationsThatAreNotPeople(string text) =>
        Assert.That(Found(text, IdentifierKinds.Name), Is.Empty);

    [Test]
    public void OverlappingFindingsBecomeOneWithTheLikelierKind()
    {
        // Ten bare digits that are a valid personnummer shape but written as a mobile number with its label.
        const string text = "Hennes mobil: 0701740631";

        var findings = Scanner.Scan(text);

        Assert.That(findings, Has.Count.EqualTo(1));
        Assert.That(findings[0].Kind, Is.EqualTo(IdentifierKinds.Phone));
        Assert.That(text[findings[0].Start..findings[0].End], Is.EqualTo("0701740631"));
    }

    [Test]
    public void OffsetsAreUtf16CodeUnits()
    {
        const string text = "Åäö ”citat” – 😀 pnr 811218-9876";

        var finding = Scanner.Scan(text).Single();

        Assert.That(text[finding.Start..finding.End], Is.EqualTo("811218-9876"));
        Assert.That(finding.Start, Is.EqualTo(text.IndexOf("811218", StringComparison.Ordinal)));
    }

    [Test]
    public void TheSameTextAlwaysGivesTheSameFindings()
    {
        const string text = "Per Ekström (811218-9876) bor på Storgatan 3, tel 070-123 45 67, bil ABC 123.";

        var first = Scanner.Scan(text);
        var second = Scanner.Scan(text);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Select(f => f.Start), Is.Ordered);
    }

    [TestCase(IdentifierKinds.Name, "[namn]")]
    [TestCase(IdentifierKinds.Personnummer, "[personnummer]")]
    [TestCase(IdentifierKinds.Phone, "[telefonnummer]")]
    public void OffersAPlaceholderPerKind(string kind, string placeholder) =>
        Assert.That(IdentifierKinds.Placeholder(kind), Is.EqualTo(placeholder));

    [Test]
    public void BlockingKindsAreTheOnesThatCanNeverBeConfirmed()
    {
        var blocking = IdentifierKinds.All.Where(IdentifierKinds.IsBlocking);

        Assert.That(blocking, Is.EquivalentTo(new[] { "personnummer", "samordningsnummer", "email", "phone", "ip" }));
    }

    [Test]
    public void TheShippedNameListsHoldThousandsOfNames()
    {
        Assert.That(NameLexicon.Shipped.FirstNameCount + NameLexicon.Shipped.SurnameCount, Is.GreaterThan(1800));
    }

    // The second wave: texts as they reach the form from Word, Outlook and phones.
    [TestCase("Kompisen sa att hans Snapchat: dragon_sthlm09 är där allt händer.", "dragon_sthlm09")]
    [TestCase("Servern leds av någon med Discord-namnet Midgard_Vakt som delar manifest.", "Midgard_Vakt")]
    [TestCase("Flickan sa att mannen heter kim.sverige1 på Instagram.", "kim.sverige1")]
    [TestCase("Hans Steam-namn är WolfsangelSE och han spelar varje natt.", "WolfsangelSE")]
    [TestCase("På Kik heter han nordman_77 enligt syrran.", "nordman_77")]
    [TestCase("användarnamnet på tiktok är vit.stolt.2008, hon la upp klipp", "vit.stolt.2008")]
    [TestCase("The account was posted by u/white_dawn_se on Reddit.", "u/white_dawn_se")]
    public void FindsAccountNamesAfterAPlatformWithoutAnAtSign(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.SocialHandle), Is.EqualTo(new[] { expected }));

    [TestCase("Han delar klipp på Snapchat och Instagram men vi vet inte vad kontona heter.")]
    [TestCase("Kontot tillhör troligen en äldre elev; Discord-servern är stängd nu.")]
    [TestCase("The account posts memes on TikTok every day.")]
    [TestCase("Hon säger att hon bara använder Snapchat, TikTok och Telegram.")]
    public void LeavesPlatformNamesAndTheWordsAroundThem(string text) =>
        Assert.That(Found(text, IdentifierKinds.SocialHandle), Is.Empty);

    [TestCase("Profilen kik.me/borealis_88 skickade länken.", "kik.me/borealis_88")]
    [TestCase("Se steamcommunity.com/id/ostfront_1944 för bilderna.", "steamcommunity.com/id/ostfront_1944")]
    [TestCase("Han sänder på twitch.tv/nordisk_eld varje kväll.", "twitch.tv/nordisk_eld")]
    [TestCase("Inlägget från reddit.com/user/svensk_vrede togs bort.", "reddit.com/user/svensk_vrede")]
    [TestCase("Han lade ut det på www.snapchat.com/add/isvarg09.", "www.snapchat.com/add/isvarg09")]
    public void FindsProfileLinksWithoutASchemeOnMorePlatforms(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Url), Is.EqualTo(new[] { expected }));

    [Test]
    public void ASubredditIsACommunityNotAProfile() =>
        Assert.That(Found("Tråden på reddit.com/r/sweden handlade om skolan.", IdentifierKinds.Url), Is.Empty);

    [TestCase("Han bor på Kvarnbacken 9 med sin pappa.", "Kvarnbacken 9")]
    [TestCase("Lappen kom från Sjöbackar 3 i Hässelby.", "Sjöbackar 3")]
    [TestCase("Mötet är på Granbrinken 12 B.", "Granbrinken 12 B")]
    [TestCase("Hon bor på Mäster Mikaels gata 4 lgh 1203.", "Mäster Mikaels gata 4 lgh 1203")]
    [TestCase("Adressen var Ekslingan 7 enligt kortet.", "Ekslingan 7")]
    [TestCase("De träffas på Björkallén 2, källaren.", "Björkallén 2")]
    [TestCase("Lägenheten på Furuliden 18 används som samlingsplats.", "Furuliden 18")]
    [TestCase("Brevet skickades från Stenkajen 5.", "Stenkajen 5")]
    [TestCase("De bor på Sjöstranden 21 A.", "Sjöstranden 21 A")]
    [TestCase("Han uppgav Norra Bergshöjden 6 som adress.", "Norra Bergshöjden 6")]
    [TestCase("adress: Gröndal 14", "Gröndal 14")]
    public void FindsStreetAddressesOfEveryEnding(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Address), Is.EqualTo(new[] { expected }));

    [TestCase("Klistermärken längs Olof Palmes gata och vid Sveavägen.")]
    [TestCase("Attacken på Drottninggatan 2017 nämndes i klassen.")]
    [TestCase("Han har bott på Kungsholmen 3 år.")]
    [TestCase("Vi möts på plan 2 i hus 4.")]
    public void LeavesStreetsWithoutAHouseNumber(string text) =>
        Assert.That(Found(text, IdentifierKinds.Address), Is.Empty);

    [TestCase("Samtalet kom från +44 7700 900 461 sent i går.", "+44 7700 900 461")]
    [TestCase("Numret +358 50 987 6543 står i hans telefon.", "+358 50 987 6543")]
    [TestCase("ring +90 (532) 987 65 43 om du vill veta", "+90 (532) 987 65 43")]
    [TestCase("Han gav numret 00963 955 123 456 till kompisen.", "00963 955 123 456")]
    [TestCase("Kontakt: +1-202-555-0187", "+1-202-555-0187")]
    public void FindsInternationalNumbers(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Phone), Is.EqualTo(new[] { expected }));

    [TestCase("Det var +5 grader och 300 deltagare.")]
    [TestCase("Omsättningen ökade med +12 procent.")]
    public void LeavesSignedNumbersThatAreNoPhoneNumbers(string text) =>
        Assert.That(Found(text, IdentifierKinds.Phone), Is.Empty);

    [TestCase("vi pratade med lisa andersson i går", "lisa andersson")]
    [TestCase("pappan heter mehmet yilmaz och ringde i morse", "mehmet yilmaz")]
    [TestCase("eleven johanna lindgren har fått hot", "johanna lindgren")]
    public void FindsFullNamesWrittenInLowerCase(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Name), Is.EqualTo(new[] { expected }));

    [TestCase("Hon fick sms från Kimpa om en träff i helgen.", "Kimpa")]
    [TestCase("Pojken har umgåtts mycket med Svulle senaste tiden, de bråkade med Tjabo i går.", "Tjabo")]
    [TestCase("Ali och Tjabo sågs dela ut lappar.", "Tjabo")]
    public void FindsNamesTheTextSaysAreNames(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Name), Does.Contain(expected));

    [TestCase("Klistermärken på Drottning Kristinas väg och Olof Palmes plats.")]
    [TestCase("På banderollen stod ”Vår tid kommer” och ”Hell seger”.")]
    [TestCase("De är med i gruppen Nordvind och kanalen Sveafolket.")]
    [TestCase("Vi har pratat med Elevhälsan och Skolverket.")]
    [TestCase("De läste om Anne Frank och Förintelsen.")]
    [TestCase("Eleverna var på Gröna Lund med klassen.")]
    public void LeavesNamesOfStreetsSlogansGroupsAndAuthorities(string text) =>
        Assert.That(Found(text, IdentifierKinds.Name), Is.Empty);

    [TestCase("Klottret fanns på Sjöviksskolan i går.", "Sjöviksskolan")]
    [TestCase("En elev på Bromma gymnasium hotade en lärare.", "Bromma gymnasium")]
    [TestCase("Personalen på förskolan Ekorren blev rädda.", "förskolan Ekorren")]
    [TestCase("Han går på Södermalms musikklasser.", "Södermalms musikklasser")]
    [TestCase("Ungdomar vid fritidsgården Kometen har setts med flaggor.", "fritidsgården Kometen")]
    public void FindsNamedWorkplaces(string text, string expected) =>
        Assert.That(Found(text, IdentifierKinds.Workplace), Is.EqualTo(new[] { expected }));

    [TestCase("Förskolan har fått ett flygblad och grundskolan likaså.")]
    [TestCase("Hennes skola ligger nära centrum.")]
    [TestCase("Musikskolan och Kulturskolan har stängt i sommar.")]
    [TestCase("Skolan informerade vårdnadshavarna.")]
    public void LeavesGenericSchoolWords(string text) =>
        Assert.That(Found(text, IdentifierKinds.Workplace), Is.Empty);

    [Test]
    public void AWorkplaceIsAWarningWithItsOwnPlaceholder()
    {
        var finding = Scanner.Scan("Det hände på Sjöviksskolan.").Single();

        Assert.That(finding.Blocking, Is.False);
        Assert.That(IdentifierKinds.Placeholder(finding.Kind), Is.EqualTo("[arbetsplats]"));
    }

    [TestCase("261225-7408", IdentifierKinds.Personnummer)] // born on Christmas Day 1926, read on 27 November 2026
    [TestCase("261127-1233", IdentifierKinds.Personnummer)] // born today, a hundred years ago… or today: both real
    [TestCase("000229-1235", IdentifierKinds.Personnummer)] // 29 February 2000
    [TestCase("261285-7406", IdentifierKinds.Samordningsnummer)] // 25 December 1926 as a samordningsnummer
    public void ReadsTenDigitNumbersWithSkatteverketsCenturyRule(string number, string kind)
    {
        var fixedNumber = WithCheckDigit(number);

        Assert.That(Found($"Uppgiven identitet {fixedNumber}.", kind), Is.EqualTo(new[] { fixedNumber }));
    }

    [Test]
    public void ABirthNumberOf000IsNoPersonnummer()
    {
        var number = WithCheckDigit("811218-0000");

        Assert.That(Scanner.Scan($"Numret {number} stod på kortet.").Where(f => f.Blocking), Is.Empty);
    }

    /// <summary>The same number with its Luhn check digit put right (the last digit of the input is replaced).</summary>
    private static string WithCheckDigit(string number)
    {
        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        var nine = digits[^10..^1];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var value = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += value > 9 ? value - 9 : value;
        }

        return number[..^1] + (char)('0' + (10 - sum % 10) % 10);
    }
}
