using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// A named school, preschool, youth centre or other workplace: with the class, age and gender
/// fields it can point at one child in a small district. "Eriksdalsskolan", "Kungsholmens
/// gymnasium", "Adolf Fredriks musikklasser", "förskolan Solstrålen", "fritidsgården Gläntan",
/// "Internationella Engelska Skolan", "Thorildsplans gymnasium". A warning, never blocking, like names.
/// Generic words that merely begin a sentence ("Förskolan har…", "Grundskolan och gymnasiet")
/// and a possessive before the word ("hennes skola") are not names of a workplace.
/// </summary>
public sealed partial class WorkplaceRecogniser : IIdentifierRecogniser
{
    private const double Confidence = 0.7; // above a name's: "Adolf Fredriks musikklasser" is a school, not a person

    private const string Institutions =
        "skolan|skola|gymnasiet|gymnasium|förskolan|förskola|fritidsgården|fritidsgård|ungdomsgården|ungdomsgård|fritidshemmet|fritidshem|" +
        "äldreboendet|äldreboende|gruppboendet|gruppboende|musikklasser|musikklasserna|särskolan|grundsärskola|grundsärskolan|friskolan|friskola|" +
        "biblioteket|bibliotek|fritidsklubben|fritidsklubb|behandlingshemmet|behandlingshem|omsorgsboendet|omsorgsboende|serviceboendet|serviceboende";

    /// <summary>Care homes and their kinds, which follow a genitive or precede a name ("Ängslyckans HVB", "HVB Kompassrosen").</summary>
    private const string CareHomes =
        "HVB|HVB-hem|HVB-hemmet|LSS-boende|LSS-boendet|vård- och omsorgsboende|vård- och omsorgsboendet|stödboende|stödboendet|boende|boendet";

    // One capitalised compound ending in an institution word: "Eriksdalsskolan", "Fredhällsskolan".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<stem>\p{Lu}\p{Ll}{2,}?)(?<institution>" + Institutions + @")(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Compound();

    // One or two capitalised names, the last in the genitive, then the institution word: "Kungsholmens gymnasium".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<names>(?:\p{Lu}\p{Ll}+ )?\p{Lu}\p{Ll}+s) (?:" + Institutions + "|" + CareHomes + @")(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Genitive();

    // A place name without the genitive, then a word that only a school's name has after it: "Hässelby gymnasium", "Kista Gymnasium".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<place>\p{Lu}\p{Ll}+) (?:gymnasium|Gymnasium|Skola|Gymnasiet)(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Placed();

    // The institution word, then its name: "förskolan Solstrålen", "fritidsgården Gläntan".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:förskolan|fritidsgården|ungdomsgården|fritidshemmet|äldreboendet|gruppboendet|skolan|gymnasiet|biblioteket|fritidsklubben|behandlingshemmet|omsorgsboendet|serviceboendet|HVB|HVB-hemmet|LSS-boendet|stödboendet|boendet) (?<name>\p{Lu}\p{Ll}{2,}(?: \p{Lu}\p{Ll}{2,})?)(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Named();

    // Capitalised words ending in "Skolan" or, in English, School or Academy: "Internationella Engelska Skolan", "Eriksdal School".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:\p{Lu}\p{Ll}+ ){1,3}(?:Skolan|School|Academy|Preschool|Kindergarten|Youth Centre|Youth Center)(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Titled();

    /// <summary>Compounds that are kinds of school, not names of one ("Grundskolan", "Musikskolan", "Högskolan").</summary>
    private static readonly HashSet<string> GenericStems = new(StringComparer.OrdinalIgnoreCase)
    {
        "stads", "huvud", "folk", "filial", "skolbibliotek", "stöd", "service", "grupp", "äldre", "korttids", "vård", "familje", "trygghets",
        "grund", "för", "gymnasie", "hög", "folkhög", "sommar", "musik", "kultur", "sär", "fri", "special", "sjukhus", "yrkes", "trafik",
        "dans", "kör", "mål", "kommunal", "natur", "språk", "mellan", "låg", "vuxen", "vux", "kommun", "privat", "hem", "dag", "lek", "ut",
        "idrotts", "konst", "teater", "simskol", "sim", "kristen", "muslimsk", "koran", "bibel", "söndags", "helg", "lov", "ny", "gammal",
        "samhälls", "grannskaps", "skol", "montessori", "waldorf", "friluft", "natt", "hund", "körskol", "bil", "kvälls", "universitets",
        "högstadie", "mellanstadie", "lågstadie", "grundskole", "förskole", "sär", "resurs", "hemma",
    };

    /// <summary>Words that make no name of a school in English: "The School", "Primary School".</summary>
    private static readonly HashSet<string> GenericTitles = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "Our", "This", "That", "Their", "His", "Her", "Primary", "Secondary", "High", "Middle", "Elementary", "Grammar",
        "Public", "Local", "Summer", "Sunday", "Music", "Driving", "Night", "Language", "Boarding", "Free", "Private", "Special", "Den", "Det", "Youth",
    };

    /// <summary>Genitives that are people or things, not places: "Hennes skola", "Elevens förskola", "Kommunens fritidsgård".</summary>
    private static readonly HashSet<string> NotPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "hans", "hennes", "deras", "dess", "ens", "barnens", "barnets", "elevens", "elevernas", "pojkens", "flickans", "killens", "tjejens",
        "ungdomens", "ungdomarnas", "familjens", "mammans", "pappans", "kommunens", "stadens", "statens", "regionens", "landets", "sveriges",
        "områdets", "stadsdelens", "förvaltningens", "brorsans", "systerns", "grannens", "kompisens", "vems", "dennes", "varandras",
        "en", "ett", "den", "denna", "detta", "vilken", "samma", "ny", "nya", "min", "din", "sin", "vår", "er", "deras", "varje", "annan",
        "the", "a", "an", "our", "this", "that", "socialtjänstens", "migrationsverkets", "kommunernas", "stadsdelsförvaltningens",
        "ungdomarnas", "flickornas", "pojkarnas", "kvinnornas", "männens", "ensamkommandes", "dagens", "gårdagens",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "på", "vid", "i", "från", "till", "hos", "utanför", "nära", "mot", "efter", "om", "under", "enligt", "för", "med", "av", "at", "in", "from",
    };

    /// <summary>Words after an institution word that are not its name ("förskolan Måndag", "skolan Polisen").</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "polisen", "socialtjänsten", "rektor", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "januari", "februari",
        "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december", "säpo", "kommunen", "staden",
    };

    public void Find(string text, List<Candidate> candidates)
    {
        foreach (Match match in Compound().Matches(text))
        {
            var stem = match.Groups["stem"].Value;
            if (!GenericStems.Contains(stem) && !GenericStems.Contains(stem.TrimEnd('s')))
            {
                candidates.Add(new Candidate(IdentifierKinds.Workplace, match.Index, match.Index + match.Length, Confidence));
            }
        }

        foreach (Match match in Genitive().Matches(text))
        {
            var names = match.Groups["names"].Value.Split(' ');
            var start = match.Index;
            // "På Lärkträdets HVB", "Vid Sjöviksskogens bibliotek": a preposition that starts the sentence is not part of the name.
            if (names.Length == 2 && Prepositions.Contains(names[0]))
            {
                start += names[0].Length + 1;
                names = names[1..];
            }

            if (!NotPlaces.Contains(names[^1]) && !(names.Length == 1 && IsSentenceStart(text, start) && NotPlaces.Contains(names[0])))
            {
                candidates.Add(new Candidate(IdentifierKinds.Workplace, start, match.Index + match.Length, Confidence));
            }
        }

        foreach (Match match in Placed().Matches(text))
        {
            if (!NotPlaces.Contains(match.Groups["place"].Value))
            {
                candidates.Add(new Candidate(IdentifierKinds.Workplace, match.Index, match.Index + match.Length, Confidence));
            }
        }

        foreach (Match match in Named().Matches(text))
        {
            if (!NotNames.Contains(match.Groups["name"].Value.Split(' ')[0]))
            {
                candidates.Add(new Candidate(IdentifierKinds.Workplace, match.Index, match.Index + match.Length, Confidence));
            }
        }

        foreach (Match match in Titled().Matches(text))
        {
            var words = match.Value.Split(' ');
            if (words[..^1].Any(w => !GenericTitles.Contains(w)))
            {
                candidates.Add(new Candidate(IdentifierKinds.Workplace, match.Index, match.Index + match.Length, Confidence));
            }
        }
    }

    private static bool IsSentenceStart(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && text[k] is ' ' or '"' or '”' or '“')
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '\n';
    }
}
