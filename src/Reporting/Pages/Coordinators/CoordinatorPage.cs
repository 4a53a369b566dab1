namespace Reporting.Pages.Coordinators;

/// <summary>What every coordinator page shares besides the form helpers: date filters and paging links.</summary>
public abstract class CoordinatorPage : FormPage
{
    /// <summary>The query parameter of a list's page number (not "page": Razor Pages keeps that route value for itself).</summary>
    public const string PageParameter = "sida";

    /// <summary>A date filter from the query string; a wrong one becomes a field error, not an exception.</summary>
    protected DateOnly? ParseDate(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Features.Reports.IsoDate.TryParse(value.Trim(), out var day))
        {
            return day;
        }

        Errors[field] = "Skriv datumet som år-månad-dag, till exempel 2026-11-27.";
        return null;
    }

    /// <summary>The same page with these query parameters (empty ones left out): paging links keep the filters.</summary>
    protected static string Link(string path, IEnumerable<(string Name, string? Value)> query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path,
            query.Select(q => (q.Name, Value: Empty(q.Value))).Where(q => q.Value is not null).Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));
}
