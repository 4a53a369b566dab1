using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// IPv4 (four octets, so times like 10.15 and rooms like 2.14 never match) and IPv6 (validated by
/// the parser, so clock times like 14:02:33 never match).
/// </summary>
public sealed partial class IpAddressRecogniser : IIdentifierRecogniser
{
    [GeneratedRegex(@"(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![0-9]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex V4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:)?(?:%\w+)?(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex V6();

    public void Find(string text, List<Candidate> candidates)
    {
        if (text.Contains('.'))
        {
            foreach (Match match in V4().Matches(text))
            {
                candidates.Add(new Candidate(IdentifierKinds.Ip, match.Index, match.Index + match.Length, 0.9));
            }
        }

        if (text.Contains(':'))
        {
            foreach (Match match in V6().Matches(text))
            {
                var value = match.Value.TrimEnd(':');
                if (value.Count(c => c == ':') >= 2
                    && IPAddress.TryParse(value, out var address)
                    && address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    candidates.Add(new Candidate(IdentifierKinds.Ip, match.Index, match.Index + value.Length, 0.9));
                }
            }
        }
    }
}
