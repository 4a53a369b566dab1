using System.Security.Cryptography;
using System.Text;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports;

/// <summary>
/// The reporter's receipt: 16 random digits in four groups ("1234 5678 9012 3456"). Only an HMAC
/// of the digits is stored, keyed by a database secret, so the table cannot be searched for codes
/// without the key.
/// </summary>
public sealed class ReceiptCode(DatabaseSecrets secrets)
{
    private const int Digits = 16;

    public static string NewCode()
    {
        // One call to the random generator per code (it showed in the intake profile when called per
        // digit); each byte below 250 gives a digit without bias (250 = 25 × 10), others are skipped.
        Span<byte> random = stackalloc byte[32];
        Span<char> digits = stackalloc char[Digits + 3];
        var position = 0;
        var written = 0;
        while (written < Digits)
        {
            Infrastructure.Encryption.SecureRandom.Fill(random);
            foreach (var b in random)
            {
                if (b >= 250 || written == Digits)
                {
                    continue;
                }

                if (written > 0 && written % 4 == 0)
                {
                    digits[position++] = ' ';
                }

                digits[position++] = (char)('0' + b % 10);
                written++;
            }
        }

        return new string(digits);
    }

    /// <summary>Digits only, as read out on the phone with any spacing; null unless exactly 16 digits.</summary>
    public static string? Normalise(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var digits = new StringBuilder(Digits);
        foreach (var c in code)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.Length == Digits ? digits.ToString() : null;
    }

    public byte[] Hash(string code)
    {
        var digits = Normalise(code) ?? throw new ArgumentException("Not a receipt code.", nameof(code));
        return HMACSHA256.HashData(secrets.ReceiptKey, Encoding.ASCII.GetBytes(digits));
    }
}
