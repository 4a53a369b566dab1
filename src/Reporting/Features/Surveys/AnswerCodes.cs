using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Surveys;

/// <summary>
/// Single-use answer codes such as <c>K7QF-2M9P</c>: eight characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L), about 40 bits, read off a paper slip. Only an HMAC of the code,
/// keyed by a database secret and bound to the survey, is stored, so a code of one survey is
/// unknown to every other and the table cannot be searched without the key.
/// </summary>
public sealed class AnswerCodes(DatabaseSecrets secrets)
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 8;
    public const string FormatMessage = "Koden ska vara åtta tecken, till exempel K7QF-2M9P.";

    public static string NewCode()
    {
        // Bytes below 248 (8 × 31) give a character without bias; the rest are skipped.
        Span<byte> random = stackalloc byte[32];
        var code = new StringBuilder(Length + 1);
        var written = 0;
        while (written < Length)
        {
            Infrastructure.Encryption.SecureRandom.Fill(random);
            foreach (var b in random)
            {
                if (b >= 248 || written == Length)
                {
                    continue;
                }

                if (written == Length / 2)
                {
                    code.Append('-');
                }

                code.Append(Alphabet[b % Alphabet.Length]);
                written++;
            }
        }

        return code.ToString();
    }

    /// <summary>
    /// The code's eight characters as typed from a slip (any case, spaces or dashes of any kind,
    /// full-width letters); null unless exactly eight characters of the alphabet remain.
    /// </summary>
    public static string? Normalise(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var kept = new StringBuilder(Length);
        foreach (var c in code.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.DashPunctuation or UnicodeCategory.Format)
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal) || kept.Length == Length)
            {
                return null;
            }

            kept.Append(upper);
        }

        return kept.Length == Length ? kept.ToString() : null;
    }

    /// <summary>Shown as printed: four, a dash, four.</summary>
    public static string Display(string normalised) => $"{normalised[..4]}-{normalised[4..]}";

    public byte[] Hash(Guid surveyId, string code)
    {
        var normalised = Normalise(code) ?? throw new ArgumentException("Not an answer code.", nameof(code));
        Span<byte> input = stackalloc byte[16 + Length];
        surveyId.TryWriteBytes(input);
        Encoding.ASCII.GetBytes(normalised, input[16..]);
        return HMACSHA256.HashData(secrets.SurveyCodeKey, input);
    }
}
