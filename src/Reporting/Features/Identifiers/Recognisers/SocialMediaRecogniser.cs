using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Links to personal profiles on social media (with or without https://), @handles written on
/// their own, and account names given after a platform's name without an @ ("Snapchat: kalle_99",
/// "Discord-namnet X", "heter lisa.k på Instagram", "u/name"). Organisations' and authorities'
/// websites are not social-media domains and are left alone; "@" used as "at" (followed by a space)
/// and #hashtags are not handles; a plain word after a platform's name ("på Snapchat och
/// Instagram") is not an account name unless a label says it is one ("användarnamnet Vargen").
/// </summary>
public sealed partial class SocialMediaRecogniser(SwedishWords swedish) : IIdentifierRecogniser
{
    [GeneratedRegex(
        @"(?<![\w.@/])(?:https?://)?(?:www\.|m\.|mobile\.|vm\.|old\.|new\.)?(?:instagram\.com|instagr\.am|facebook\.com|fb\.com|fb\.me|tiktok\.com|youtube\.com|youtu\.be|t\.me|telegram\.me|vk\.com|x\.com|twitter\.com|snapchat\.com|kik\.me|steamcommunity\.com|twitch\.tv|threads\.net|reddit\.com|linkedin\.com|discord(?:app)?\.com/users|gab\.com|truthsocial\.com|bsky\.app|kick\.com|ok\.ru|odysee\.com|rumble\.com|bitchute\.com|minds\.com|gettr\.com|parler\.com|tumblr\.com|pinterest\.com|soundcloud\.com|wa\.me)/[^\s""'”’<>()\[\]]+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProfileLink();

    /// <summary>A Discord name with its four-digit discriminator ("Wotan#4421"): an account name wherever it stands.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@/#])[\p{L}\p{N}_.]{2,32}#[0-9]{4}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordName();

    [GeneratedRegex(@"(?<![\w.@/#])@(?<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();

    /// <summary>A word that could be an account name: letters, digits, '_', '.' and '-' (not ending in a dot or hyphen).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@/#\-])(?:u/)?[\p{L}\p{N}_](?:[\p{L}\p{N}_.\-]{0,30}[\p{L}\p{N}_])?(?![\p{L}\p{N}_@]|[.\-][\p{L}\p{N}_])", RegexOptions.CultureInvariant)]
    private static partial Regex AccountName();

    private static readonly HashSet<string> GenericPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "help", "about", "legal", "privacy", "terms", "explore", "hashtag", "search", "results", "watch", "policies", "login", "signup", "r",
    };

    /// <summary>Platforms whose account names people write without an @ (lower case; compounds such as "Discord-namnet" are split at the hyphen).</summary>
    private static readonly HashSet<string> Platforms = new(StringComparer.OrdinalIgnoreCase)
    {
        "snapchat", "snap", "snapen", "discord", "discorden", "instagram", "insta", "ig", "tiktok", "telegram", "kik", "steam", "twitch",
        "x", "twitter", "reddit", "facebook", "fb", "youtube", "vk", "threads", "roblox", "kick", "signal",
    };

    /// <summary>Words that say an account name follows, with or without a platform's name.</summary>
    private static readonly HashSet<string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "användarnamn", "användarnamnet", "nick", "nicket", "nickname", "alias", "aliaset", "konto", "kontot", "profil", "profilen",
        "handle", "username", "account", "snapnamn", "snapnamnet", "kanalnamnet", "inloggad", "inloggade", "loggar", "loggade", "logged",
    };

    /// <summary>Labels that name the account itself, so even a plain word after them is one ("användarnamnet Vargen"); "kontot tillhör …" is not.</summary>
    private static readonly HashSet<string> NameLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "användarnamn", "användarnamnet", "nick", "nicket", "nickname", "alias", "aliaset", "username", "snapnamn", "snapnamnet", "kanalnamnet",
    };

    /// <summary>Words that say an account name follows only where a platform is named too ("på X under namnet …"; not "His name is …").</summary>
    private static readonly HashSet<string> PlatformLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "namn", "namnet", "name", "id", "user", "kanal", "kanalen",
    };

    /// <summary>Words between the platform (or label) and the account name: "Hans Kik är X", "streamar på Twitch som X".</summary>
    private static readonly HashSet<string> Links = new(StringComparer.OrdinalIgnoreCase)
    {
        "är", "var", "som", "heter", "hette", "kallas", "kallar", "sig", "under", "is", "was", "as", "named", "called", "på", "on", "namnet", "name",
        "in", "från", "from", // "loggar in som X", "en Snapchat från X"
        "han", "hon", "hen", "de", "dom", "det", "den", "jag", "vi", "man", "he", "she", "they", "it",
    };

    /// <summary>Words before an account name that is followed by "på/on/in Platform": "heter X på Instagram", "kontot X på TikTok".</summary>
    private static readonly HashSet<string> Holders = new(StringComparer.OrdinalIgnoreCase)
    {
        "heter", "hette", "kallas", "kallar", "sig", "kontot", "konto", "profilen", "användaren", "användarnamnet", "med", "följer", "av", "från",
        "kanalen", "kanal", "named", "called", "account", "user", "with", "follows", "from", "by", "channel",
    };

    /// <summary>Everyday words that are never an account name, even after a label.</summary>
    private static readonly HashSet<string> NotAccounts = new(StringComparer.OrdinalIgnoreCase)
    {
        "och", "eller", "men", "som", "är", "var", "att", "det", "den", "de", "en", "ett", "på", "i", "med", "för", "till", "från", "av", "om",
        "har", "hade", "han", "hon", "hen", "vi", "ni", "sin", "sitt", "sina", "hans", "hennes", "deras", "inte", "också", "där", "här", "nu",
        "and", "or", "the", "a", "an", "is", "was", "on", "in", "of", "to", "with", "his", "her", "their", "not", "also", "there", "chat",
        "grupp", "gruppen", "server", "servern", "chatt", "chatten", "kanal", "kanalen", "konto", "kontot", "bild", "bilder", "video", "videor",
    };

    /// <summary>Verbs that give a name: after them a word shaped like an account name is one ("kallar sig NordicLion99", "han heter kriger_nord där").</summary>
    private static readonly HashSet<string> AccountNaming = new(StringComparer.OrdinalIgnoreCase)
    {
        "heter", "hette", "kallas", "kallades", "sig", "named", "called", "himself", "herself",
    };

    public void Find(string text, List<Candidate> candidates)
    {
        // Cheap pre-checks: a profile link always has a path, a handle an at sign.
        if (text.Contains('/'))
        {
            FindProfileLinks(text, candidates);
        }

        if (text.Contains('@'))
        {
            FindHandles(text, candidates);
        }

        if (text.Contains('#'))
        {
            foreach (Match match in DiscordName().Matches(text))
            {
                candidates.Add(new Candidate(IdentifierKinds.SocialHandle, match.Index, match.Index + match.Length, 0.85));
            }
        }

        FindNamedAccounts(text, candidates);

        FindAccountNames(text, candidates);
    }

    private static void FindProfileLinks(string text, List<Candidate> candidates)
    {
        foreach (Match match in ProfileLink().Matches(text))
        {
            var value = match.Value.TrimEnd('.', ',', ';', ':', '!', '?');
            var path = value[(value.IndexOf('/', value.IndexOf('.', StringComparison.Ordinal)) + 1)..];
            var firstSegment = path.Split('/', '?')[0];
            if (firstSegment.Length == 0 || GenericPaths.Contains(firstSegment))
            {
                continue;
            }

            candidates.Add(new Candidate(IdentifierKinds.Url, match.Index, match.Index + value.Length, 0.9));
        }
    }

    private static void FindHandles(string text, List<Candidate> candidates)
    {
        foreach (Match match in Handle().Matches(text))
        {
            candidates.Add(new Candidate(IdentifierKinds.SocialHandle, match.Index, match.Index + match.Length, 0.85));
        }
    }

    /// <summary>Account names without an @: found by what stands before them (a platform, a label) or after them ("på Instagram").</summary>
    private void FindAccountNames(string text, List<Candidate> candidates)
    {
        if (!MentionsAPlatformOrLabel(text))
        {
            return;
        }

        foreach (Match match in AccountName().Matches(text))
        {
            var token = match.Value;
            if (token.StartsWith("u/", StringComparison.OrdinalIgnoreCase) && token.Length > 3)
            {
                candidates.Add(new Candidate(IdentifierKinds.SocialHandle, match.Index, match.Index + match.Length, 0.85));
                continue;
            }

            if (NotAccounts.Contains(token) || Platforms.Contains(token) || Labels.Contains(token) || PlatformLabels.Contains(token) || token.All(char.IsAsciiDigit))
            {
                continue;
            }

            var before = WordsBefore(text, match.Index, 4);
            var labelled = IsLabelled(before);
            var followedByPlatform = IsFollowedByPlatform(text, match.Index + match.Length) && before.Count > 0 && Holders.Contains(before[^1].Word);
            // "heter brandvakten på Discord": a name given on a platform is its account; after other words
            // ("följer kontot X på TikTok") a word that is no Swedish word is one too.
            if ((labelled && (before[^1].Colon || HandleShaped(token) || before[^1].ExplicitLabel))
                || (followedByPlatform && (HandleShaped(token) || AccountNaming.Contains(before[^1].Word) || (char.IsLower(token[0]) && !swedish.IsWord(token)))))
            {
                candidates.Add(new Candidate(IdentifierKinds.SocialHandle, match.Index, match.Index + match.Length, 0.8));
            }
        }
    }

    /// <summary>"kallar sig NordicLion99", "heter kriger_nord": a name given that is shaped like an account's, on any platform or none.</summary>
    private static void FindNamedAccounts(string text, List<Candidate> candidates)
    {
        foreach (var verb in AccountNaming)
        {
            for (var at = text.IndexOf(verb, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(verb, at + verb.Length, StringComparison.OrdinalIgnoreCase))
            {
                var start = at + verb.Length;
                if ((at > 0 && char.IsLetter(text[at - 1])) || start >= text.Length || text[start] != ' ')
                {
                    continue;
                }

                var match = AccountName().Match(text, start + 1);
                if (match.Success && match.Index == start + 1 && HandleShaped(match.Value) && !match.Value.All(char.IsAsciiDigit)
                    && !NotAccounts.Contains(match.Value))
                {
                    candidates.Add(new Candidate(IdentifierKinds.SocialHandle, match.Index, match.Index + match.Length, 0.8));
                }
            }
        }
    }

    /// <summary>Shaped like an account name rather than a word: a digit, an underscore, a dot inside, or a capital inside ("xXKrigareXx").</summary>
    private static bool HandleShaped(string token) =>
        token.Any(c => char.IsDigit(c) || c is '_' or '.') || token.Skip(1).Any(char.IsUpper);

    private readonly record struct Previous(string Word, bool Colon, bool ExplicitLabel);

    /// <summary>
    /// Does the account name stand right after a platform's name or a label, perhaps through linking
    /// words ("Snapchat:", "Discord-namnet", "Hans Kik är", "användarnamnet på snap är", "på X under namnet")?
    /// </summary>
    private static bool IsLabelled(List<Previous> before)
    {
        for (var k = before.Count - 1; k >= 0; k--)
        {
            var word = before[k].Word;
            if (Platforms.Contains(word) || Labels.Contains(word) || IsPlatformCompound(word))
            {
                return true;
            }

            if (!Links.Contains(word) && !PlatformLabels.Contains(word))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "Discord-namnet", "Snapchat-kontot", "Instagramkontot", "Steam-namn". With
    /// <paramref name="namesTheAccount"/> only those whose second part names the account ("-namnet", not "-kontot").
    /// </summary>
    private static bool IsPlatformCompound(ReadOnlySpan<char> word, bool namesTheAccount = false)
    {
        bool IsLabel(ReadOnlySpan<char> part) => namesTheAccount
            ? NameLabelLookup.Contains(part) || part.Equals("namn", StringComparison.OrdinalIgnoreCase) || part.Equals("namnet", StringComparison.OrdinalIgnoreCase) || part.Equals("name", StringComparison.OrdinalIgnoreCase)
            : LabelLookup.Contains(part);

        var hyphen = word.IndexOf('-');
        if (hyphen > 0)
        {
            return PlatformLookup.Contains(word[..hyphen]) && IsLabel(word[(hyphen + 1)..]);
        }

        foreach (var platform in CompoundPlatforms)
        {
            if (word.Length > platform.Length && word.StartsWith(platform, StringComparison.OrdinalIgnoreCase) && IsLabel(word[platform.Length..]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlatformLookup =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(Platforms, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LabelLookup =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(Labels.Concat(PlatformLabels), StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NameLabelLookup =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(NameLabels, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Platforms long enough to stand at the start of a written-together compound ("Instagramkontot").</summary>
    private static readonly string[] CompoundPlatforms = [.. Platforms.Where(p => p.Length >= 4)];

    private static bool IsFollowedByPlatform(string text, int end)
    {
        var after = text.AsSpan(end).TrimStart(' ');
        foreach (var preposition in (ReadOnlySpan<string>)["på ", "on ", "in ", "via "])
        {
            if (after.StartsWith(preposition, StringComparison.OrdinalIgnoreCase))
            {
                var rest = after[preposition.Length..];
                var length = 0;
                while (length < rest.Length && char.IsLetter(rest[length]))
                {
                    length++;
                }

                return length > 0 && Platforms.Contains(rest[..length].ToString());
            }
        }

        return false;
    }

    /// <summary>The last few words before <paramref name="start"/> (nearest last), each with whether a colon followed it.</summary>
    private static List<Previous> WordsBefore(string text, int start, int count)
    {
        var words = new List<Previous>(count);
        var i = start - 1;
        var colon = false;
        while (i >= 0 && words.Count < count)
        {
            while (i >= 0 && text[i] is ' ' or ':' or ',')
            {
                colon |= text[i] == ':';
                i--;
            }

            var end = i + 1;
            while (i >= 0 && (char.IsLetter(text[i]) || text[i] == '-'))
            {
                i--;
            }

            if (end == i + 1)
            {
                break; // punctuation or a digit: the phrase ends here
            }

            var word = text[(i + 1)..end];
            words.Insert(0, new Previous(word, colon, NameLabels.Contains(word) || IsPlatformCompound(word, namesTheAccount: true)));
            colon = false;
            if (i >= 0 && text[i] is not (' ' or ':' or ','))
            {
                break;
            }
        }

        return words;
    }

    /// <summary>Platform names and labels, for the cheap check whether a text mentions any.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Mentions =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(Platforms.Concat(Labels), StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Most texts name no platform: then no word needs a closer look.</summary>
    private static bool MentionsAPlatformOrLabel(string text)
    {
        foreach (var word in Words.Of(text))
        {
            var value = text.AsSpan(word.Start, word.Length);
            if (Mentions.Contains(value) || (value.Length > 4 && IsPlatformCompound(value)))
            {
                return true;
            }
        }

        return text.Contains("u/", StringComparison.OrdinalIgnoreCase);
    }
}
