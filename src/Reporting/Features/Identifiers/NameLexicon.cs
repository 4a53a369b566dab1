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
        FrozenDictionary<string, string[][]> notNames)
    {
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
            notNames);
    }

    private static FrozenSet<string> Set(string file) => Words(file, wholeLines: false).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Words(string file, bool wholeLines)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"Reporting.Features.Identifiers.Lists.{file}")
            ?? throw new InvalidOperationException($"The name list {file} is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
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
