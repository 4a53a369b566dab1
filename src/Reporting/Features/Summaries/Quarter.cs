using System.Globalization;
using System.Text.RegularExpressions;

namespace Reporting.Features.Summaries;

/// <summary>A calendar quarter such as 2026-Q3. Reports belong to the quarter in which they were received.</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public Quarter SameQuarterLastYear => new(Year - 1, Number);

    public IEnumerable<DateOnly> Months
    {
        get
        {
            var first = FirstDay;
            return Enumerable.Range(0, 3).Select(first.AddMonths);
        }
    }

    /// <summary>This quarter and the <paramref name="count"/> − 1 before it, oldest first.</summary>
    public IReadOnlyList<Quarter> AndPrevious(int count)
    {
        var quarters = new Quarter[count];
        var quarter = this;
        for (var i = count - 1; i >= 0; i--)
        {
            quarters[i] = quarter;
            quarter = quarter.Previous;
        }

        return quarters;
    }

    /// <summary>A quarter from a request, or a 400 naming the field.</summary>
    public static Quarter Parse(string? value) =>
        TryParse(value, out var quarter) ? quarter : throw Pipeline.RequestValidationException.For("quarter", "Use a quarter like 2026-Q3.");

    public static Quarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public static bool TryParse(string? value, out Quarter quarter)
    {
        quarter = default;
        var match = value is null ? Match.Empty : Shape().Match(value);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 9998)
        {
            return false;
        }

        quarter = new Quarter(year, match.Groups["number"].Value[0] - '0');
        return true;
    }

    public override string ToString() => $"{Year}-Q{Number}";

    [GeneratedRegex(@"^(?<year>\d{4})-[Qq](?<number>[1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
