using System.Collections.Frozen;
using System.Reflection;

namespace Reporting.Features.Identifiers;

/// <summary>
/// The shipped word lists behind the name check (Lists/*.txt, embedded): first names, surnames,
/// names that are also everyday words, and what looks like a name but is not one (public figures
/// used as references, gods, brands, organisations). Loaded once; lookups take spans, case-insensitively.
/// </summary>
public sealed class NameLexicon
{
    private NameLexicon(
        FrozenSet<string> firstNames,
        FrozenSet<string> surnames,
        FrozenSet<string> ambiguous,
        FrozenSet<string> stronglyAmbiguous,
        FrozenDictionary<string, string[][]> notNames,
        IReadOnlyDictionary<string, string[]> cues)
    {
        Naming = Lookup(cues["naming"]);
        Relations = Lookup(cues["relations"]);
        Greetings = Lookup(cues["greetings"]);
        NotPerson = Lookup(cues["not-person"]);
        StreetWords = Lookup(cues["street-words"]);
        Coordination = Lookup(cues["coordination"]);
        PersonVerbs = Lookup(cues["person-verbs"]);
        SpeechVerbs = Lookup(cues["speech-verbs"]);
        Auxiliaries = Lookup(cues["auxiliaries"]);
        LocationWords = Lookup(cues["location-words"]);
        Determiners = Lookup(cues["determiners"]);
        Attribution = Lookup(cues["attribution"]);
        SurnameEndings = [.. cues["surname-endings"].OrderByDescending(e => e.Length)];
        InstitutionEndings = [.. cues["institution-endings"].OrderByDescending(e => e.Length)];
        ContactAfter = Lookup(cues["contact"].Where(c => c.Contains('+')).Select(c => c.Replace('+', ' ')));
        ContactVerbs = Lookup(cues["contact"].Where(c => !c.Contains('+')));
        FirstNames = firstNames.GetAlternateLookup<ReadOnlySpan<char>>();
        Surnames = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        Ambiguous = ambiguous.GetAlternateLookup<ReadOnlySpan<char>>();
        StronglyAmbiguous = stronglyAmbiguous.GetAlternateLookup<ReadOnlySpan<char>>();
        NotNamesByFirstWord = notNames.GetAlternateLookup<ReadOnlySpan<char>>();
        FirstNameCount = firstNames.Count;
        SurnameCount = surnames.Count;
    }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstNames { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Surnames { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Ambiguous { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StronglyAmbiguous { get; }

    /// <summary>Phrases that are not names, keyed by their first word; each phrase as its words.</summary>
    public FrozenDictionary<string, string[][]>.AlternateLookup<ReadOnlySpan<char>> NotNamesByFirstWord { get; }

    /// <summary>Verbs of naming ("heter", "kallas"): what follows is a name even when it is also a word.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Naming { get; }

    /// <summary>Relations and roles ("eleven", "mamma"): a capitalised word after them is a name.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Relations { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Greetings { get; }

    /// <summary>Words after which a capitalised word names a group or a place ("gruppen", "avdelning").</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotPerson { get; }

    /// <summary>Words that turn a genitive before them into part of a street's or place's name ("Olof Palmes gata").</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StreetWords { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Coordination { get; }

    /// <summary>Verbs that take a person as subject ("sa", "hotade"): an unknown capitalised word before one stands where a person stands.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonVerbs { get; }

    /// <summary>Verbs of saying ("sa", "berättade"): the subject may follow them ("I går sa Teklu …").</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpeechVerbs { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Auxiliaries { get; }

    /// <summary>Prepositions of place ("från", "i"): after them an unknown capitalised word is more likely a place.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LocationWords { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Determiners { get; }

    /// <summary>"enligt": an unknown capitalised word after it is the person who said so.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Attribution { get; }

    /// <summary>Two-word cues of contact, as "sms från": a capitalised word after them is a person.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContactAfter { get; }

    /// <summary>One-word cues of contact ("träffade"): a capitalised word after them is a person.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContactVerbs { get; }

    public IReadOnlyList<string> SurnameEndings { get; }

    /// <summary>Endings of authorities' and places' names ("Elevhälsan", "Skolverket"): such a word is no person.</summary>
    public IReadOnlyList<string> InstitutionEndings { get; }

    public int FirstNameCount { get; }

    public int SurnameCount { get; }

    public static NameLexicon Shipped { get; } = Load();

    private static NameLexicon Load()
    {
        var notNames = Words("not-names.txt", wholeLines: true)
            .Select(phrase => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(words => words[0], StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(w => w.Length).ToArray(), StringComparer.OrdinalIgnoreCase);
        return new NameLexicon(
            Set("first-names.txt"),
            Set("surnames.txt"),
            Set("ambiguous-names.txt"),
            Set("strongly-ambiguous-names.txt"),
            notNames,
            Sections("name-cues.txt"));
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(IEnumerable<string> words) =>
        words.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A list file in "## section" parts, each a list of words.</summary>
    private static Dictionary<string, string[]> Sections(string file)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in Lines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = sections[line[3..].Trim()] = [];
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                current?.AddRange(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return sections.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal);
    }

    private static FrozenSet<string> Set(string file) => Words(file, wholeLines: false).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Lines(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"Reporting.Features.Identifiers.Lists.{file}")
            ?? throw new InvalidOperationException($"The name list {file} is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static IEnumerable<string> Words(string file, bool wholeLines)
    {
        var words = new List<string>();
        foreach (var raw in Lines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (wholeLines)
            {
                words.Add(line.Replace("&", " ", StringComparison.Ordinal));
            }
            else
            {
                words.AddRange(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return words;
    }
}
