namespace Reporting.Features.City;

/// <summary>
/// Small-count suppression across tables that share their totals (the city's administrations ×
/// environments and administrations × quarters, with the administrations', environments', quarters'
/// and the grand totals). Every count from 1 to <c>SuppressBelow − 1</c> is hidden; then, as long as
/// any sum (a row, a column, the totals) has exactly one hidden value, a second is hidden in it (the
/// smallest count, a zero only when no count is left, the sum itself last), so no hidden value
/// follows by subtracting printed values from a printed sum. The result is fixed by the counts alone.
/// </summary>
public sealed class LinkedSuppression(int suppressBelow)
{
    private readonly List<int> _values = [];
    private readonly List<(int[] Parts, int Total)> _sums = [];

    public int SuppressBelow => suppressBelow;

    /// <summary>A value; returns its handle.</summary>
    public int Add(int value)
    {
        _values.Add(value);
        return _values.Count - 1;
    }

    /// <summary>Says that the values <paramref name="parts"/> add up to the value <paramref name="total"/>.</summary>
    public void Sum(IEnumerable<int> parts, int total) => _sums.Add(([.. parts], total));

    public bool IsSmall(int value) => suppressBelow > 1 && value > 0 && value < suppressBelow;

    /// <summary>Which values to hide (by handle).</summary>
    public bool[] Hidden()
    {
        var hidden = _values.Select(IsSmall).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (parts, total) in _sums)
            {
                var line = parts.Append(total).ToArray();
                if (line.Count(i => hidden[i]) != 1)
                {
                    continue;
                }

                var complement = parts.Where(i => !hidden[i] && _values[i] > 0).OrderBy(i => _values[i]).ThenBy(i => i)
                    .Concat(parts.Where(i => !hidden[i] && _values[i] == 0))
                    .Concat(hidden[total] ? [] : [total])
                    .Cast<int?>()
                    .FirstOrDefault();
                if (complement is { } chosen)
                {
                    hidden[chosen] = true;
                    changed = true;
                }
            }
        }

        return hidden;
    }

    /// <summary>The value as the city's documents print it: the number, "&lt;3" for a small count, "x" for one hidden beside it.</summary>
    public static object Cell(int value, bool hidden, LinkedSuppression rules) =>
        !hidden ? value : rules.IsSmall(value) ? $"<{rules.SuppressBelow}" : Summaries.SmallCounts.Complementary;
}
