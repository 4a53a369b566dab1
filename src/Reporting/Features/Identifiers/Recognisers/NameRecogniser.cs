using System.Collections.Frozen;
using System.Globalization;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Person names: known first names (also hyphenated, lower-case and in the genitive), followed by
/// surnames and initials ("Per Ekström", "Sofia Andersson Rahmani", "Sara K."), and unknown words
/// where the text itself says a name follows ("kallas Nille", "/Maja", "eleven Wilma").
/// Names that are also everyday words ("per vecka", "i maj") need such support, and public figures,
/// gods, brands and organisations ("Anders Behring Breivik", "Thor Steinar", "Allah") are not names.
/// </summary>
public sealed class NameRecogniser(NameLexicon lexicon) : IIdentifierRecogniser
{
    private const double KnownName = 0.6;
    private const double NameFromContext = 0.5;

    /// <summary>Verbs of naming: what follows is a name even when it is also a word ("mamma heter lena").</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NamingCues = new[]
    {
        "heter", "hette", "kallas", "kallades", "kallad", "namnet", "named", "called",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Relations, roles and greetings: a capitalised word after them is a name ("eleven Wilma", "Mvh Eva").</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Cues = new[]
    {
        "eleven", "elev", "eleverna", "pojken", "flickan", "killen",
        "tjejen", "ungdomen", "barnet", "brukaren", "brukare", "kollegan", "kollega", "mentor", "mentorn", "kurator", "kuratorn",
        "rektor", "rektorn", "läraren", "lärare", "pappa", "pappan", "mamma", "mamman", "sonen", "dottern", "bror", "brodern",
        "brorsan", "storebror", "lillebror", "syster", "systern", "storasyster", "lillasyster", "kusin", "kusinen", "farbror",
        "morbror", "moster", "faster", "mormor", "farmor", "morfar", "farfar", "vårdnadshavare", "vårdnadshavaren", "handläggare",
        "handläggaren", "kontaktperson", "anhörig", "grannen", "pojkvän", "pojkvännen", "flickvän", "flickvännen", "sambo", "maken",
        "frun", "hustrun", "fältassistent", "fritidsledare", "ungdomsledare", "herr", "fru", "mr", "mrs", "ms", "miss", "dr",
        "pupil", "student", "teacher", "brother", "sister", "son", "daughter", "father", "mother", "dad", "mum", "mom",
        "uncle", "aunt", "cousin", "resident", "colleague", "guardian", "boyfriend", "girlfriend", "caretaker",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Greetings before a signature, which may stand on the line above the name.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Greetings = new[]
    {
        "mvh", "hälsningar", "hälsning", "hälsn", "vänligen", "tack", "regards", "cheers", "thanks", "best", "sincerely",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A word after which the next capitalised word names a group or a place, not a person.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotPersonCues = new[]
    {
        "avdelning", "avdelningen", "avd", "gruppen", "förskolan", "skolan", "huset", "gatan", "torget", "klubben", "föreningen",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] SurnameEndings =
    [
        "sson", "son", "berg", "ström", "strom", "gren", "lund", "qvist", "quist", "kvist", "holm", "dahl", "blom", "stedt", "strand",
        "bäck", "fors", "sjö", "ling", "lin", "lén", "én", "ius", "feldt", "hed", "löf", "vall", "wall", "man", "mark", "ny", "sky", "ski",
        "ić", "ic", "vić", "ović", "nen", "inen", "zadeh", "pour", "oglu", "oğlu",
    ];

    public void Find(string text, List<Candidate> candidates)
    {
        var words = Tokenise(text);
        var notName = MarkNotNames(text, words);
        for (var i = 0; i < words.Count; i++)
        {
            if (notName[i] || IsPartOfAddressOrLink(text, words[i]))
            {
                continue;
            }

            // "Anders Breivik", "Stefan Löfven": a first name joined to an excluded figure's surname is theirs.
            if (i + 1 < words.Count && notName[i + 1] && words[i + 1].Start == words[i].End + 1 && char.IsUpper(text[words[i + 1].Start]))
            {
                continue;
            }

            var confidence = StartsName(text, words, notName, i, out var firstEnd);
            if (confidence == 0)
            {
                continue;
            }

            var end = firstEnd;
            var last = i;
            // Surnames after a first name: "Sofia Andersson Rahmani"; a genitive -s stays outside.
            while (last + 1 < words.Count && last - i < 2 && end == words[last].End
                   && IsSurnameAfter(text, words, notName, last + 1, out var surnameEnd))
            {
                last++;
                end = surnameEnd;
            }

            end = WithInitial(text, end);
            candidates.Add(new Candidate(IdentifierKinds.Name, words[i].Start, end, confidence));
            i = last;
        }
    }

    /// <summary>How sure we are that a name starts at word <paramref name="i"/> (0 = not a name), and where its first word ends.</summary>
    private double StartsName(string text, List<WordSpan> words, bool[] notName, int i, out int end)
    {
        var word = words[i];
        var span = text.AsSpan(word.Start, word.Length);
        end = word.End;
        if (!HasNameCasing(span))
        {
            return 0;
        }

        var capitalised = char.IsUpper(span[0]);
        var known = IsKnownFirstName(span, out var ambiguous, out var stronglyAmbiguous);
        // A genitive -s ("Melvins"), but not on names that already end in s, x or z ("Klass" is not "Klas").
        if (!known && capitalised && span.Length > 2 && span[^1] == 's' && span[^2] is not ('s' or 'x' or 'z')
            && IsKnownFirstName(span[..^1], out ambiguous, out stronglyAmbiguous))
        {
            known = true; // "Melvins pnr": the genitive -s is not part of the name
            end--;
        }

        // Cheapest rejections first: most words are neither known names nor capitalised.
        if ((!known && (!capitalised || span.Length < 2)) || HasNotPersonCue(text, words, i))
        {
            return 0;
        }

        if (known && !ambiguous)
        {
            return KnownName;
        }

        // A naming verb supports any word, also in quotes ("kallad ”Snurre”"); a relation or greeting only a capitalised one.
        var cue = PreviousWordIs(text, words, i, NamingCues, quoted: true) || (capitalised && HasCue(text, words, i));
        if (known)
        {
            // A word-like name in lower case ("bror", "per") is a name only after a naming verb, or
            // after a relation in a text written all in lower case ("vi pratade med mamma lena").
            if (!capitalised)
            {
                return PreviousWordIs(text, words, i, NamingCues) || (IsAllLowerCase(text) && PreviousWordIs(text, words, i, Cues)) ? KnownName : 0;
            }

            if (cue || (i + 1 < words.Count && IsSurnameAfter(text, words, notName, i + 1, out _)))
            {
                return KnownName;
            }

            return capitalised && !stronglyAmbiguous && !IsSentenceStart(text, word.Start) ? KnownName : 0;
        }

        // An unknown capitalised word: a name only where the text says so.
        if (cue)
        {
            return NameFromContext;
        }

        return i + 1 < words.Count && IsKnownSurname(text, words[i + 1]) && !IsSentenceStart(text, word.Start)
            && IsSurnameAfter(text, words, notName, i + 1, out _)
            ? NameFromContext
            : 0;
    }

    private bool IsKnownFirstName(ReadOnlySpan<char> word, out bool ambiguous, out bool stronglyAmbiguous)
    {
        ambiguous = false;
        stronglyAmbiguous = false;
        if (lexicon.FirstNames.Contains(word))
        {
            ambiguous = lexicon.Ambiguous.Contains(word);
            stronglyAmbiguous = lexicon.StronglyAmbiguous.Contains(word);
            return true;
        }

        if (word.IndexOf('-') < 0)
        {
            return false;
        }

        // Hyphenated: "Lars-Erik", "Maj-Britt", "anna-karin" — every part a first name, one of them unambiguous.
        var anyUnambiguous = false;
        foreach (var range in word.Split('-'))
        {
            var part = word[range];
            if (!lexicon.FirstNames.Contains(part))
            {
                return false;
            }

            anyUnambiguous |= !lexicon.Ambiguous.Contains(part);
        }

        ambiguous = !anyUnambiguous;
        return true;
    }

    private bool IsSurnameAfter(string text, List<WordSpan> words, bool[] notName, int j, out int end)
    {
        end = 0;
        var previous = words[j - 1];
        var word = words[j];
        if (notName[j] || word.Start != previous.End + 1 || text[previous.End] != ' ')
        {
            return false;
        }

        var span = text.AsSpan(word.Start, word.Length);
        if (!char.IsUpper(span[0]) || !HasNameCasing(span) || span.Length < 2)
        {
            return false;
        }

        end = word.End;
        if (IsSurname(span))
        {
            return true;
        }

        if (span[^1] == 's' && IsSurname(span[..^1]))
        {
            end--; // "Per Ekströms bil"
            return true;
        }

        return false;
    }

    private bool IsSurname(ReadOnlySpan<char> word)
    {
        if (lexicon.Surnames.Contains(word) || (lexicon.FirstNames.Contains(word) && !lexicon.Ambiguous.Contains(word)))
        {
            return true;
        }

        // "Al-Sayed", "El-Amin", "Abdel-Karim": an Arabic article or prefix joined by a hyphen.
        var hyphen = word.IndexOf('-');
        if (hyphen > 0 && hyphen < word.Length - 2 && char.IsUpper(word[hyphen + 1])
            && word[..hyphen] is var prefix
            && (prefix.Equals("al", StringComparison.OrdinalIgnoreCase) || prefix.Equals("el", StringComparison.OrdinalIgnoreCase)
                || prefix.Equals("abdel", StringComparison.OrdinalIgnoreCase) || prefix.Equals("abd", StringComparison.OrdinalIgnoreCase)
                || prefix.Equals("ul", StringComparison.OrdinalIgnoreCase) || prefix.Equals("abu", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var ending in SurnameEndings)
        {
            if (word.Length > ending.Length + 1 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsKnownSurname(string text, WordSpan word) => lexicon.Surnames.Contains(text.AsSpan(word.Start, word.Length));

    /// <summary>"Sara K." — an initial with its full stop belongs to the name.</summary>
    private static int WithInitial(string text, int end)
    {
        if (end + 3 <= text.Length && text[end] == ' ' && char.IsUpper(text[end + 1]) && text[end + 2] == '.'
            && (end + 3 == text.Length || !char.IsLetter(text[end + 3])))
        {
            return end + 3;
        }

        return end;
    }

    private static bool HasCue(string text, List<WordSpan> words, int i) =>
        PreviousWordIs(text, words, i, Cues) || PreviousWordIs(text, words, i, Greetings, acrossLines: true) || IsSignature(text, words[i].Start);

    private static bool HasNotPersonCue(string text, List<WordSpan> words, int i) => PreviousWordIs(text, words, i, NotPersonCues);

    /// <summary>
    /// The word before, separated only by spaces or a colon ("Mentor: Karin Lund", "mamma heter jenny");
    /// after a greeting also by a comma or a line break ("Hälsningar,\nLotta").
    /// </summary>
    private static bool PreviousWordIs(string text, List<WordSpan> words, int i, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, bool acrossLines = false, bool quoted = false)
    {
        if (i == 0)
        {
            return false;
        }

        var previous = words[i - 1];
        for (var k = previous.End; k < words[i].Start; k++)
        {
            var separator = text[k] is ' ' or ':' or '\u00A0'
                || (acrossLines && text[k] is ',' or '\n' or '\r')
                || (quoted && text[k] is '"' or '\'' or '”' or '“' or '»' or '«');
            if (!separator)
            {
                return false;
            }
        }

        return set.Contains(text.AsSpan(previous.Start, previous.Length));
    }

    /// <summary>A signature: "/Maja" at the start of a line or after a space.</summary>
    private static bool IsSignature(string text, int start) =>
        start > 0 && text[start - 1] == '/' && (start == 1 || char.IsWhiteSpace(text[start - 2]));

    private static bool IsAllLowerCase(string text)
    {
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSentenceStart(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && (text[k] is ' ' or '\t' or '"' or '\'' or '”' or '“' or '(' or '–' or '-' or '*' or '•'))
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or '\n' or '\r';
    }

    /// <summary>Names inside e-mail addresses, handles and links are reported as those, not as names.</summary>
    private static bool IsPartOfAddressOrLink(string text, WordSpan word)
    {
        if (word.Start > 0)
        {
            var before = text[word.Start - 1];
            if (before is '@' or '.' or '_' or '#' or '\\' || char.IsDigit(before))
            {
                return true;
            }

            if (before == '/' && !IsSignature(text, word.Start))
            {
                return true;
            }
        }

        if (word.End < text.Length)
        {
            var after = text[word.End];
            if (after is '@' or '_' || char.IsDigit(after))
            {
                return true;
            }

            if (after is '.' or '/' && word.End + 1 < text.Length && char.IsLetterOrDigit(text[word.End + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Anna", "anna", "Lars-Erik" are name-shaped; "ACAB", "iPhone" are not.</summary>
    private static bool HasNameCasing(ReadOnlySpan<char> word)
    {
        var upperAfterFirst = 0;
        for (var k = 1; k < word.Length; k++)
        {
            if (char.IsUpper(word[k]) && word[k - 1] != '-')
            {
                upperAfterFirst++;
            }
        }

        return upperAfterFirst == 0 && (word.Length > 1 || char.IsUpper(word[0]));
    }

    private bool[] MarkNotNames(string text, List<WordSpan> words)
    {
        var marked = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (!lexicon.NotNamesByFirstWord.TryGetValue(text.AsSpan(words[i].Start, words[i].Length), out var phrases))
            {
                continue;
            }

            foreach (var phrase in phrases)
            {
                if (i + phrase.Length > words.Count || !Matches(text, words, i, phrase))
                {
                    continue;
                }

                for (var k = 0; k < phrase.Length; k++)
                {
                    marked[i + k] = true;
                }

                break;
            }
        }

        return marked;
    }

    /// <summary>Each word equal, or the word a hyphenated compound starts with ("Fred Perry-pikéer", "Lonsdale-tröja").</summary>
    private static bool Matches(string text, List<WordSpan> words, int i, string[] phrase)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            var word = text.AsSpan(words[i + k].Start, words[i + k].Length);
            var matches = word.Equals(phrase[k], StringComparison.OrdinalIgnoreCase)
                || (word.Length > phrase[k].Length && word[phrase[k].Length] == '-' && word.StartsWith(phrase[k], StringComparison.OrdinalIgnoreCase));
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The words: a letter, then letters and combining marks, with hyphen-joined parts ("Lars-Erik"),
    /// as the pattern \p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)* would find them. Written out
    /// because it runs over every report's whole description and showed in the intake profile.
    /// </summary>
    private static List<WordSpan> Tokenise(string text)
    {
        var words = new List<WordSpan>(text.Length / 6);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            i = EndOfPart(text, i + 1);
            while (i + 1 < text.Length && text[i] == '-' && char.IsLetter(text[i + 1]))
            {
                i = EndOfPart(text, i + 2);
            }

            words.Add(new WordSpan(start, i - start));
        }

        return words;
    }

    private static int EndOfPart(string text, int i)
    {
        while (i < text.Length && (char.IsLetter(text[i]) || IsCombiningMark(text[i])))
        {
            i++;
        }

        return i;
    }

    private static bool IsCombiningMark(char c) =>
        c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private readonly record struct WordSpan(int Start, int Length)
    {
        public int End => Start + Length;
    }
}
