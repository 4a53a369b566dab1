using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Person names: known first names (also hyphenated, lower-case and in the genitive), followed by
/// surnames and initials ("Per Ekström", "Sofia Andersson Rahmani", "Sara K.", "anders nilsson"),
/// and unknown words where the text itself says a name follows ("kallas Nille", "/Maja", "eleven
/// Wilma", "sms från Jonte", "Ali och Jonte"). Names that are also everyday words ("per vecka",
/// "i maj") need such support; public figures, gods, brands and organisations ("Anders Behring
/// Breivik", "Thor Steinar", "Allah") are not names, nor are the names inside a street's or a
/// school's name ("Olof Palmes gata") or after a group's ("Aktivklubb Norrort"). The word lists
/// and cues are in Lists/ (<see cref="NameLexicon"/>).
/// Names no list holds are found as words that are no Swedish word (<see cref="SwedishWords"/>) and
/// stand where a person stands: before a verb that takes a person ("Ramzan sa"), before a class or an
/// age ("Łukasz (15)"), after an initial ("D. Kowalczyk"), in the genitive before a relation
/// ("Warsames kusin"), or written in another script in a Latin text ("عبدالله: vi ses").
/// </summary>
public sealed partial class NameRecogniser(NameLexicon lexicon, SwedishWords swedish) : IIdentifierRecogniser
{
    private const double KnownName = 0.6;
    private const double NameFromContext = 0.5;

    public void Find(string text, List<Candidate> candidates)
    {
        var words = Words.Of(text);
        var notName = MarkNotNames(text, words);
        var isName = new bool[words.Count];
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

            if (IsInitialBeforeSurname(text, words, notName, i))
            {
                isName[i] = isName[i + 1] = true;
                candidates.Add(new Candidate(IdentifierKinds.Name, words[i].Start, words[i + 1].End, NameFromContext));
                i++;
                continue;
            }

            var confidence = StartsName(text, words, notName, i, out var firstEnd);
            if (confidence == 0)
            {
                continue;
            }

            var last = Extend(text, words, notName, i, firstEnd, out var end);
            for (var k = i; k <= last; k++)
            {
                isName[k] = true;
            }

            candidates.Add(new Candidate(IdentifierKinds.Name, words[i].Start, end, confidence));
            i = last;
        }

        FindCoordinated(text, words, notName, isName, candidates);
        FindOtherScripts(text, words, isName, candidates);
    }

    /// <summary>"D. Kowalczyk": a capital initial with its full stop, then a surname or a word that is no Swedish word.</summary>
    private bool IsInitialBeforeSurname(string text, List<WordSpan> words, bool[] notName, int i)
    {
        var initial = words[i];
        if (initial.Length != 1 || !char.IsUpper(text[initial.Start]) || i + 1 >= words.Count || notName[i + 1]
            || initial.End + 2 != words[i + 1].Start || text[initial.End] != '.' || text[initial.End + 1] != ' '
            || (initial.Start > 0 && !(text[initial.Start - 1] is ' ' or '(' or '\n' or ',')))
        {
            return false;
        }

        var surname = text.AsSpan(words[i + 1].Start, words[i + 1].Length);
        return char.IsUpper(surname[0]) && HasNameCasing(surname) && !IsPartOfAddressOrLink(text, words[i + 1])
            && (IsSurname(surname) || IsUnknownWord(surname));
    }

    /// <summary>
    /// A run of Arabic, Cyrillic, Ethiopic, Hebrew or Greek letters in a text written in Latin
    /// letters is a name written in its own script (in a quoted chat: "عبدالله: vi ses").
    /// </summary>
    private static void FindOtherScripts(string text, List<WordSpan> words, bool[] isName, List<Candidate> candidates)
    {
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c) || c is >= 'À' and <= 'ɏ')
            {
                latin++;
            }
            else if (IsOtherScript(c))
            {
                other++;
            }
        }

        if (other == 0 || other * 2 > latin)
        {
            return; // none, or the text is written in that script: then its words are not names by their letters
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (isName[i] || !IsOtherScript(text[words[i].Start]))
            {
                continue;
            }

            // First name and surname: a second word in the same script after one space.
            var last = i;
            while (last + 1 < words.Count && last - i < 2 && words[last + 1].Start == words[last].End + 1 && text[words[last].End] == ' '
                   && IsOtherScript(text[words[last + 1].Start]))
            {
                last++;
            }

            candidates.Add(new Candidate(IdentifierKinds.Name, words[i].Start, words[last].End, NameFromContext));
            i = last;
        }
    }

    private static bool IsOtherScript(char c) =>
        c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') // Arabic
            or (>= '\u0400' and <= '\u04FF') // Cyrillic
            or (>= '\u1200' and <= '\u137F') // Ethiopic (Tigrinya, Amharic)
            or (>= '\u0590' and <= '\u05FF') // Hebrew
            or (>= '\u0370' and <= '\u03FF'); // Greek

    /// <summary>Letters Swedish does not use but Polish, Czech, Turkish, Baltic and Balkan names do ("Łukasz", "Wiśniewski").</summary>
    private static bool HasForeignLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if ("łŁśŚńŃćĆżŻźŹęĘąĄğĞşŞıİčČřŘžŽšŠđĐőŐűŰėĖūŪīĪāĀņŅļĻķĶģĢ".Contains(c, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word of three letters or more that is no Swedish word, no place the dictionary knows and no role.</summary>
    private bool IsUnknownWord(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!char.IsLetter(c) && c != '-')
            {
                return false;
            }
        }

        return !swedish.IsWord(word) && !swedish.IsPlace(word) && !IsCueWord(word);
    }

    /// <summary>" i 7D", " (16)", ", 15 år": a class or an age right after the word.</summary>
    [GeneratedRegex(@"\G(?: i [0-9][A-ZÅÄÖa-zåäö]{1,3}(?![\p{L}\p{N}])| ?\([0-9]{1,2}(?: år)?\)|,? [0-9]{1,2} år(?![\p{L}]))", RegexOptions.CultureInvariant)]
    private static partial Regex ClassOrAge();

    private static bool FollowedByClassOrAge(string text, int end) => end < text.Length && ClassOrAge().IsMatch(text, end);

    /// <summary>
    /// The next word is a verb that takes a person ("Ramzan sa"); inside a sentence also an auxiliary
    /// ("att Rahel har börjat"), at its start an auxiliary and then such a verb ("Teklu har berättat").
    /// </summary>
    private bool FollowedByPersonVerb(string text, List<WordSpan> words, int i, bool sentenceStart)
    {
        if (i + 1 >= words.Count || words[i + 1].Start != words[i].End + 1 || text[words[i].End] != ' ')
        {
            return false;
        }

        var next = text.AsSpan(words[i + 1].Start, words[i + 1].Length);
        if (lexicon.PersonVerbs.Contains(next))
        {
            return true;
        }

        if (!lexicon.Auxiliaries.Contains(next))
        {
            return false;
        }

        if (!sentenceStart)
        {
            return true;
        }

        return i + 2 < words.Count && words[i + 2].Start == words[i + 1].End + 1
            && lexicon.PersonVerbs.Contains(text.AsSpan(words[i + 2].Start, words[i + 2].Length));
    }

    /// <summary>"från Gdańsk", "från Hjulsta och Bredäng": after a preposition of place, also through a list of capitalised words.</summary>
    private bool AfterPlaceWord(string text, List<WordSpan> words, int i)
    {
        while (true)
        {
            if (PreviousWordIs(text, words, i, lexicon.LocationWords))
            {
                return true;
            }

            // Step back over "X och" / "X," to the first of the listed words.
            if (i >= 2 && lexicon.Coordination.Contains(text.AsSpan(words[i - 1].Start, words[i - 1].Length)) && char.IsUpper(text[words[i - 2].Start]))
            {
                i -= 2;
            }
            else if (i >= 1 && char.IsUpper(text[words[i - 1].Start]) && text.AsSpan(words[i - 1].End, words[i].Start - words[i - 1].End) is ", ")
            {
                i -= 1;
            }
            else
            {
                return false;
            }
        }
    }

    /// <summary>An unknown word that stands where a person stands (see the class summary).</summary>
    private bool StandsWherePersonStands(string text, List<WordSpan> words, int i, ReadOnlySpan<char> word)
    {
        if (PreviousWordIs(text, words, i, lexicon.Determiners))
        {
            return false;
        }

        // "Iron March var …", "Hizb ut-Tahrir har …": the last word of a longer proper noun, unless its letters say otherwise.
        if (i > 0 && Words.Adjacent(text, words[i - 1], words[i], colon: false) && char.IsUpper(text[words[i - 1].Start])
            && !lexicon.FirstNames.Contains(text.AsSpan(words[i - 1].Start, words[i - 1].Length)) && !HasForeignLetters(word)
            && !(IsSentenceStart(text, words[i - 1].Start) && swedish.Contains(text.AsSpan(words[i - 1].Start, words[i - 1].Length))))
        {
            return false;
        }

        var afterPlaceWord = AfterPlaceWord(text, words, i);
        return FollowedByClassOrAge(text, words[i].End)
            || PreviousWordIs(text, words, i, lexicon.SpeechVerbs)
            || (!afterPlaceWord && FollowedByPersonVerb(text, words, i, IsSentenceStart(text, words[i].Start)))
            || (!afterPlaceWord && HasForeignLetters(word));
    }

    /// <summary>Surnames and an initial after a first name; returns the last word of the name and where it ends.</summary>
    private int Extend(string text, List<WordSpan> words, bool[] notName, int i, int firstEnd, out int end)
    {
        end = firstEnd;
        var last = i;
        var lowerCase = char.IsLower(text[words[i].Start]);
        // Surnames after a first name: "Sofia Andersson Rahmani", "anders nilsson"; a genitive -s stays outside.
        while (last + 1 < words.Count && last - i < 2 && end == words[last].End
               && IsSurnameAfter(text, words, notName, last + 1, lowerCase, out var surnameEnd))
        {
            last++;
            end = surnameEnd;
        }

        end = WithInitial(text, end);
        return last;
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
        if ((!known && (!capitalised || span.Length < 2)) || PreviousWordIs(text, words, i, lexicon.NotPerson))
        {
            return 0;
        }

        if (known && !ambiguous)
        {
            return KnownName;
        }

        // A naming verb supports any word, also in quotes ("kallad ”Snurre”"); a relation, greeting
        // or contact only a capitalised one.
        var cue = ((PreviousWordIs(text, words, i, lexicon.Naming, quoted: true) || CalledBy(text, words, i)) && !NamesAThing(text, words, i))
            || (capitalised && HasCue(text, words, i));
        if (known)
        {
            // A word-like name in lower case ("bror", "per") is a name only after a naming verb, or
            // after a relation in a text written all in lower case ("vi pratade med mamma lena").
            if (!capitalised)
            {
                return PreviousWordIs(text, words, i, lexicon.Naming) || (IsAllLowerCase(text) && PreviousWordIs(text, words, i, lexicon.Relations)) ? KnownName : 0;
            }

            if (cue || (i + 1 < words.Count && IsSurnameAfter(text, words, notName, i + 1, lowerCase: false, out _))
                || FollowedByClassOrAge(text, word.End))
            {
                return KnownName;
            }

            return !stronglyAmbiguous && !IsSentenceStart(text, word.Start) ? KnownName : 0;
        }

        // An unknown capitalised word: a name only where the text says so (and not a role: "pratade med Rektor").
        if (cue)
        {
            return IsCueWord(span) || swedish.IsPlace(span) ? 0 : NameFromContext;
        }

        // "enligt Koja": after "enligt" a capitalised word inside a sentence is who said so, also when it is a word too.
        if (capitalised && (PreviousWordIs(text, words, i, lexicon.Attribution) || (PreviousIs(text, words, i, "to") && PreviousIs(text, words, i - 1, "according")))
            && !swedish.IsPlace(span) && !IsCueWord(span))
        {
            return NameFromContext;
        }

        // A word no list and no dictionary knows, standing where a person stands ("Ramzan sa", "Łukasz (15)").
        // The context first: it is cheaper than the dictionary, and most capitalised words have none.
        if (capitalised && StandsWherePersonStands(text, words, i, span) && IsUnknownWord(span))
        {
            return NameFromContext;
        }

        // "Warsames kusin": an unknown word or a surname in the genitive before a relation.
        if (capitalised && span.Length > 3 && span[^1] == 's'
            && i + 1 < words.Count && lexicon.Relations.Contains(text.AsSpan(words[i + 1].Start, words[i + 1].Length))
            && Words.Adjacent(text, words[i], words[i + 1], colon: false)
            && (lexicon.Surnames.Contains(span[..^1]) || IsUnknownWord(span[..^1])))
        {
            end--;
            return NameFromContext;
        }

        return i + 1 < words.Count && IsKnownSurname(text, words[i + 1]) && !IsSentenceStart(text, word.Start)
            && IsSurnameAfter(text, words, notName, i + 1, lowerCase: false, out _)
            ? NameFromContext
            : 0;
    }

    /// <summary>
    /// "Ali och Jonte", "Jonte och Ali": a capitalised word joined by "och", "and" or "&amp;" to a name
    /// found already is a name too, also when the lists do not know it.
    /// </summary>
    private void FindCoordinated(string text, List<WordSpan> words, bool[] notName, bool[] isName, List<Candidate> candidates)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (isName[i] || notName[i] || IsPartOfAddressOrLink(text, words[i]))
            {
                continue;
            }

            var span = text.AsSpan(words[i].Start, words[i].Length);
            if (!char.IsUpper(span[0]) || !HasNameCasing(span) || span.Length < 2 || IsCueWord(span))
            {
                continue;
            }

            var joinedBefore = i >= 1 && isName[i - 1] && Joined(text, words[i - 1], words[i]);
            var joinedAfter = i + 1 < words.Count && isName[i + 1] && Joined(text, words[i], words[i + 1]);
            var joinedBeforeByWord = i >= 2 && isName[i - 2] && lexicon.Coordination.Contains(text.AsSpan(words[i - 1].Start, words[i - 1].Length))
                && Words.Adjacent(text, words[i - 2], words[i - 1], colon: false) && Words.Adjacent(text, words[i - 1], words[i], colon: false);
            var joinedAfterByWord = i + 2 < words.Count && isName[i + 2] && lexicon.Coordination.Contains(text.AsSpan(words[i + 1].Start, words[i + 1].Length))
                && Words.Adjacent(text, words[i], words[i + 1], colon: false) && Words.Adjacent(text, words[i + 1], words[i + 2], colon: false);
            if (joinedBefore || joinedAfter || joinedBeforeByWord || joinedAfterByWord)
            {
                isName[i] = true;
                candidates.Add(new Candidate(IdentifierKinds.Name, words[i].Start, words[i].End, NameFromContext));
            }
        }
    }

    /// <summary>Two words joined by an ampersand ("Ali &amp; Jonte"), which the word list cannot hold.</summary>
    private static bool Joined(string text, WordSpan first, WordSpan second) =>
        text.AsSpan(first.End, second.Start - first.End) is " & " or "&";

    /// <summary>A role, a cue or an institution's name: never taken for a person from context alone.</summary>
    private bool IsCueWord(ReadOnlySpan<char> word)
    {
        if (lexicon.Relations.Contains(word) || lexicon.Naming.Contains(word) || lexicon.Greetings.Contains(word) || lexicon.NotPerson.Contains(word))
        {
            return true;
        }

        foreach (var ending in lexicon.InstitutionEndings)
        {
            if (word.Length > ending.Length + 1 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"en grupp som heter ”Ummah”": the naming verb names a group, a channel or a place, not a person.</summary>
    private bool NamesAThing(string text, List<WordSpan> words, int i)
    {
        // "Ungdomen på boendet heter Berhane": a person named before the place is who is named.
        var personFirst = false;
        for (var k = Math.Max(0, i - 5); k < i - 1; k++)
        {
            var word = text.AsSpan(words[k].Start, words[k].Length);
            personFirst |= lexicon.Relations.Contains(word);
            if (!personFirst && lexicon.NotPerson.Contains(word))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>
    /// Word <paramref name="j"/> is a surname of the name before it: capitalised (or, in a name
    /// written all in lower case, lower case) and a known surname, an unambiguous first name or a
    /// word with a surname's ending.
    /// </summary>
    private bool IsSurnameAfter(string text, List<WordSpan> words, bool[] notName, int j, bool lowerCase, out int end)
    {
        end = 0;
        var previous = words[j - 1];
        var word = words[j];
        if (notName[j] || word.Start != previous.End + 1 || text[previous.End] != ' ')
        {
            return false;
        }

        var span = text.AsSpan(word.Start, word.Length);
        var casingFits = lowerCase ? char.IsLower(span[0]) : char.IsUpper(span[0]);
        if (!casingFits || !HasNameCasing(span) || span.Length < 2 || (lowerCase && (lexicon.Ambiguous.Contains(span) || IsCueWord(span))))
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

        foreach (var ending in lexicon.SurnameEndings)
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

    private bool HasCue(string text, List<WordSpan> words, int i) =>
        PreviousWordIs(text, words, i, lexicon.Relations)
        || InApposition(text, words, i)
        || IsCleft(text, words, i)
        || AfterRoleCompound(text, words, i)
        || AfterRelationOf(text, words, i)
        || PreviousWordIs(text, words, i, lexicon.Greetings, acrossLines: true)
        || PreviousWordIs(text, words, i, lexicon.ContactVerbs)
        || HasContactCue(text, words, i)
        || IsSignature(text, words[i].Start);

    /// <summary>The word before <paramref name="i"/>, separated by one space, is <paramref name="expected"/> (any casing).</summary>
    private static bool PreviousIs(string text, List<WordSpan> words, int i, string expected) =>
        i > 0 && words[i].Start == words[i - 1].End + 1 && text[words[i - 1].End] == ' '
        && text.AsSpan(words[i - 1].Start, words[i - 1].Length).Equals(expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>"kallar honom Tjecken", "kallade henne Lillan": a naming verb with its object before the name.</summary>
    private static bool CalledBy(string text, List<WordSpan> words, int i) =>
        (PreviousIs(text, words, i, "honom") || PreviousIs(text, words, i, "henne") || PreviousIs(text, words, i, "hen") || PreviousIs(text, words, i, "him") || PreviousIs(text, words, i, "her"))
        && (PreviousIs(text, words, i - 1, "kallar") || PreviousIs(text, words, i - 1, "kallade") || PreviousIs(text, words, i - 1, "call") || PreviousIs(text, words, i - 1, "called") || PreviousIs(text, words, i - 1, "calls"));

    /// <summary>"Elevens morfar, Vasilij, har …", "en bror, Shamsudin, som …": a relation, then the name between commas.</summary>
    private bool InApposition(string text, List<WordSpan> words, int i) =>
        i > 0 && text.AsSpan(words[i - 1].End, words[i].Start - words[i - 1].End) is ", "
        && lexicon.Relations.Contains(text.AsSpan(words[i - 1].Start, words[i - 1].Length))
        && words[i].End < text.Length && text[words[i].End] is ',' or '.';

    /// <summary>"Det var Jevgenij som tog med sig flygbladen": the cleft that points out a person.</summary>
    private static bool IsCleft(string text, List<WordSpan> words, int i) =>
        (PreviousIs(text, words, i, "var") || PreviousIs(text, words, i, "är")) && PreviousIs(text, words, i - 1, "det")
        && i + 1 < words.Count && text.AsSpan(words[i + 1].Start, words[i + 1].Length) is "som" && words[i + 1].Start == words[i].End + 1;

    /// <summary>"Elevassistenten Sol", "förskolläraren Maj": a compound whose last part is a role.</summary>
    private bool AfterRoleCompound(string text, List<WordSpan> words, int i)
    {
        if (i == 0 || !Words.Adjacent(text, words[i - 1], words[i], colon: true))
        {
            return false;
        }

        var previous = text.AsSpan(words[i - 1].Start, words[i - 1].Length);
        for (var k = 2; k <= previous.Length - 5; k++)
        {
            if (lexicon.Relations.Contains(previous[k..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Mamman till X", "sonen till X", "the father of X": a relation, then "till" or "of".</summary>
    private bool AfterRelationOf(string text, List<WordSpan> words, int i)
    {
        if (i < 2 || !Words.Adjacent(text, words[i - 1], words[i], colon: false) || !Words.Adjacent(text, words[i - 2], words[i - 1], colon: false))
        {
            return false;
        }

        return text.AsSpan(words[i - 1].Start, words[i - 1].Length) is "till" or "åt" or "of"
            && lexicon.Relations.Contains(text.AsSpan(words[i - 2].Start, words[i - 2].Length));
    }

    /// <summary>"sms från X", "pratade med X": the two words before.</summary>
    private bool HasContactCue(string text, List<WordSpan> words, int i)
    {
        if (i < 2 || !Words.Adjacent(text, words[i - 1], words[i], colon: false) || !Words.Adjacent(text, words[i - 2], words[i - 1], colon: false))
        {
            return false;
        }

        var phrase = string.Concat(text.AsSpan(words[i - 2].Start, words[i - 2].Length), " ", text.AsSpan(words[i - 1].Start, words[i - 1].Length));
        return lexicon.ContactAfter.Contains(phrase);
    }

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
            var separator = text[k] is ' ' or ':'
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

    /// <summary>The start of a sentence, or of a quoted phrase (a slogan's first word is capitalised for that reason).</summary>
    private static bool IsSentenceStart(string text, int start)
    {
        if (start > 0 && text[start - 1] is '"' or '”' or '“' or '«' or '»' or '\'' && (start == 1 || text[start - 2] is ' ' or ':' or '\n'))
        {
            return true;
        }

        var k = start - 1;
        while (k >= 0 && (text[k] is ' ' or '\t' or '"' or '\'' or '”' or '“' or '(' or '-' or '*' or '•'))
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

    /// <summary>
    /// Words that are not names here: the shipped phrases (public figures, brands, organisations), and
    /// the capitalised words of a street's or school's name ("Olof Palmes gata", "Drottning Kristinas väg").
    /// </summary>
    private bool[] MarkNotNames(string text, List<WordSpan> words)
    {
        var marked = new bool[words.Count];
        HashSet<string>? figures = null; // the words of a figure's full name: later alone they are the figure ("Rasmus")
        for (var i = 0; i < words.Count; i++)
        {
            if (figures is not null && !marked[i] && figures.Contains(text.Substring(words[i].Start, words[i].Length)))
            {
                marked[i] = true;
                continue;
            }

            if (lexicon.NotNamesByFirstWord.TryGetValue(text.AsSpan(words[i].Start, words[i].Length), out var phrases))
            {
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

                    if (phrase.Length > 1)
                    {
                        figures ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                        figures.UnionWith(phrase);
                    }

                    break;
                }
            }

            MarkStreetName(text, words, i, marked);
        }

        return marked;
    }

    /// <summary>Up to three capitalised words, the last in the genitive, then a street or place word: all of them are the place's name.</summary>
    private void MarkStreetName(string text, List<WordSpan> words, int i, bool[] marked)
    {
        if (!char.IsUpper(text[words[i].Start]))
        {
            return;
        }

        for (var j = i; j < Math.Min(words.Count - 1, i + 3); j++)
        {
            var word = text.AsSpan(words[j].Start, words[j].Length);
            if (j > i && (!char.IsUpper(word[0]) || !Words.Adjacent(text, words[j - 1], words[j], colon: false)))
            {
                return;
            }

            var next = text.AsSpan(words[j + 1].Start, words[j + 1].Length);
            if (word.Length > 2 && word[^1] == 's' && char.IsLower(next[0]) && lexicon.StreetWords.Contains(next)
                && Words.Adjacent(text, words[j], words[j + 1], colon: false))
            {
                for (var k = i; k <= j; k++)
                {
                    marked[k] = true;
                }

                return;
            }
        }
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
}
