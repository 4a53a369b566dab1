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
        Span<char> digits = stackalloc char[Digits + 3];
        var position = 0;
        for (var i = 0; i < Digits; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                digits[position++] = ' ';
            }

            digits[position++] = (char)('0' + RandomNumberGenerator.GetInt32(10));
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
