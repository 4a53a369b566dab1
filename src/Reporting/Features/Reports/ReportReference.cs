using System.Globalization;

namespace Reporting.Features.Reports;

/// <summary>
/// The coordinator's human reference, <c>YYYY-NNN</c>: the year the report was received and its
/// number among that year's reports, counting from 1 each year without gaps (so 2027-001 is the
/// first report received in 2027). The rule is stated here; persistence hands the numbers out,
/// atomically across instances (see WriterSession).
/// </summary>
public readonly record struct ReportReference(int Year, int Number) : IComparable<ReportReference>
{
    /// <summary>The year whose counter numbers a report received on <paramref name="receivedOn"/>.</summary>
    public static int CounterYearFor(DateOnly receivedOn) => receivedOn.Year;

    public static bool TryParse(string? text, out ReportReference reference)
    {
        reference = default;
        if (text is not { Length: >= 8 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 2000 || number < 1 || text.Length - 5 < 3)
        {
            return false;
        }

        reference = new ReportReference(year, number);
        return true;
    }

    public int CompareTo(ReportReference other) => Year != other.Year ? Year.CompareTo(other.Year) : Number.CompareTo(other.Number);

    public override string ToString() => $"{Year}-{Number:000}";
}
