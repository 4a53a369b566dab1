using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Links to personal profiles on social media (with or without https://) and @handles written on
/// their own. Organisations' and authorities' websites are not social-media domains and are left
/// alone; "@" used as "at" (followed by a space) and #hashtags are not handles.
/// </summary>
public sealed partial class SocialMediaRecogniser : IIdentifierRecogniser
{
    [GeneratedRegex(
        @"(?<![\w.@/])(?:https?://)?(?:www\.|m\.|mobile\.|vm\.)?(?:instagram\.com|facebook\.com|fb\.com|tiktok\.com|youtube\.com|t\.me|telegram\.me|vk\.com|x\.com|twitter\.com|snapchat\.com|twitch\.tv|threads\.net|reddit\.com|linkedin\.com|discord(?:app)?\.com/users|gab\.com|truthsocial\.com|bsky\.app|kick\.com|ok\.ru|odysee\.com|rumble\.com|pinterest\.com)/[^\s""'”’<>()\[\]]+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProfileLink();

    [GeneratedRegex(@"(?<![\w.@/#])@(?<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();

    private static readonly HashSet<string> GenericPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "help", "about", "legal", "privacy", "terms", "explore", "hashtag", "search", "results", "watch", "policies", "login", "signup",
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
}
