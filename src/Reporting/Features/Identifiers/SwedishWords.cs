using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;

namespace Reporting.Features.Identifiers;

/// <summary>
/// Ordinary Swedish words, to tell them from names: about 780,000 word forms derived from the
/// Swedish hunspell dictionary (Lists/swedish-words.txt.gz, LGPL-3; derived by
/// tools/lexicon/derive_swedish_words.py), and the places, countries and brands that dictionary
/// knows (Lists/swedish-places.txt). Held as sorted 64-bit hashes (≈ 6 MB instead of ≈ 80 MB for
/// the strings); two different words share a hash with a probability of about 10⁻⁸ in all.
/// A compound of two known words ("elevassistenten", "fritidsledarens") is a word too.
/// </summary>
public sealed class SwedishWords
{
    // Compound parts of four letters or more: "Lemkodar" is no "lem" + "kodar", "Lojates" no "loja" + "tes".
    private const int ShortestHead = 4;
    private const int ShortestTail = 4;

    private readonly ulong[] _hashes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _places;

    private SwedishWords(ulong[] hashes, FrozenSet<string> places)
    {
        _hashes = hashes;
        _places = places.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static SwedishWords Shipped => Holder.Instance;

    public int Count => _hashes.Length;

    /// <summary>A word form of the dictionary, in any casing ("Polisen", "hotade", "Sten").</summary>
    public bool Contains(ReadOnlySpan<char> word) => Array.BinarySearch(_hashes, Hash(word)) >= 0;

    /// <summary>A word form, or a compound of two ("Elevassistenten", "Fritidsgårdens", "Klassföreståndare").</summary>
    public bool IsWord(ReadOnlySpan<char> word)
    {
        if (Contains(word))
        {
            return true;
        }

        // "Christchurch-dådet", "Iran-frågan": a compound with a hyphen is a word when its last part is one.
        var hyphen = word.LastIndexOf('-');
        if (hyphen > 0 && word.Length - hyphen > ShortestTail && IsWord(word[(hyphen + 1)..]))
        {
            return true;
        }

        for (var split = ShortestHead; split <= word.Length - ShortestTail; split++)
        {
            if (!Contains(word[split..]))
            {
                continue;
            }

            var head = word[..split];
            // The joining -s of Swedish compounds ("föreningsledare") and a hyphen ("LSS-boende").
            if (Contains(head) || (head.Length > ShortestHead && head[^1] is 's' or '-' && Contains(head[..^1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A place, country, brand or organisation the dictionary knows ("Farsta", "Somalia", "Adidas").</summary>
    public bool IsPlace(ReadOnlySpan<char> word) => _places.Contains(word);

    /// <summary>FNV-1a over the lower-cased UTF-16 code units: the same for "Sten", "sten" and "STEN".</summary>
    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var hash = EmptyHash;
        foreach (var c in word)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    private const ulong EmptyHash = 14695981039346656037UL;

    private static ulong Step(ulong hash, char c) => (hash ^ char.ToLowerInvariant(c)) * 1099511628211UL;

    private static SwedishWords Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        // Hashed as the characters stream by: no string per word, so loading leaves no 80 MB of garbage behind.
        var hashes = new List<ulong>(800_000);
        using (var stream = Resource(assembly, "swedish-words.txt.gz"))
        using (var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress)))
        {
            var buffer = new char[64 * 1024];
            var hash = EmptyHash;
            var length = 0;
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                foreach (var c in buffer.AsSpan(0, read))
                {
                    if (c == '\n')
                    {
                        if (length > 0)
                        {
                            hashes.Add(hash);
                        }

                        hash = EmptyHash;
                        length = 0;
                    }
                    else if (c != '\r')
                    {
                        hash = Step(hash, c);
                        length++;
                    }
                }
            }

            if (length > 0)
            {
                hashes.Add(hash);
            }
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        var places = new List<string>();
        using (var reader = new StreamReader(Resource(assembly, "swedish-places.txt")))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && !line.StartsWith('#'))
                {
                    places.Add(line.Trim());
                }
            }
        }

        return new SwedishWords(sorted, places.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    private static Stream Resource(Assembly assembly, string file) =>
        assembly.GetManifestResourceStream($"Reporting.Features.Identifiers.Lists.{file}")
        ?? throw new InvalidOperationException($"The word list {file} is not embedded.");

    /// <summary>Loaded on first use, once.</summary>
    private static class Holder
    {
        public static readonly SwedishWords Instance = Load();
    }
}
