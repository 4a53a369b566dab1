namespace Reporting.Features.Reports;

/// <summary>The one reader of dates as the API and the pages write them: "yyyy-MM-dd".</summary>
public static class IsoDate
{
    /// <summary>
    /// "yyyy-MM-dd" exactly (ASCII digits), parsed by hand: the framework's exact-format parser
    /// compares culture-aware strings and showed up in the intake profile.
    /// </summary>
    public static bool TryParse(string? value, out DateOnly date)
    {
        date = default;
        if (value is not { Length: 10 } || value[4] != '-' || value[7] != '-')
        {
            return false;
        }

        if (!TryDigits(value.AsSpan(0, 4), out var year) || !TryDigits(value.AsSpan(5, 2), out var month) || !TryDigits(value.AsSpan(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int number)
    {
        number = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = number * 10 + (c - '0');
        }

        return true;
    }
}
