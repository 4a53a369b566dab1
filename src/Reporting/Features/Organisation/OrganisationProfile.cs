using Microsoft.Extensions.Options;

namespace Reporting.Features.Organisation;

/// <summary>
/// The organisation as the rest of the code sees it: defaults applied, time zone resolved,
/// and "today" counted in the district's zone (received dates, months and quarters use it).
/// </summary>
public sealed class OrganisationProfile
{
    private readonly TimeProvider _time;

    public OrganisationProfile(IOptions<OrganisationOptions> options, TimeProvider time, Symbols.SymbolCatalogue symbols)
    {
        _time = time;
        Symbols = symbols;
        var value = options.Value;
        Name = value.Name;
        Contact = value.Contact;
        Units = value.Units.Count > 0 ? value.Units : OrganisationOptions.DefaultUnits;
        Areas = value.Areas.Count > 0 ? value.Areas : OrganisationOptions.DefaultAreas;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(value.TimeZone);
        UnitCodes = Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        AreaCodes = Areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    public string? Contact { get; }

    public IReadOnlyList<OrganisationEntry> Units { get; }

    public IReadOnlyList<OrganisationEntry> Areas { get; }

    public IReadOnlySet<string> UnitCodes { get; }

    public IReadOnlySet<string> AreaCodes { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The symbols a report may name and the summaries count.</summary>
    public Symbols.SymbolCatalogue Symbols { get; }

    /// <summary>A unit's name for people; a code no longer configured shows as itself.</summary>
    public string UnitName(string code) => Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    /// <summary>An area's name for people ("Okänt" for unknown); a code no longer configured shows as itself.</summary>
    public string AreaName(string code) => Areas.FirstOrDefault(a => a.Code == code)?.Name ?? (code == "unknown" ? "Okänt" : code);

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), TimeZone).DateTime);

    /// <summary>How long until the next local day starts (a limit per day is lifted then).</summary>
    public TimeSpan UntilTomorrow() => TimeSpan.FromMilliseconds(StartOfDay(Today().AddDays(1)) - _time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>A stored instant (Unix milliseconds, UTC) as the district's local time.</summary>
    public DateTimeOffset LocalTime(long unixMilliseconds) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds), TimeZone);

    /// <summary>A local day and time of day as an instant.</summary>
    public DateTimeOffset LocalInstant(DateOnly day, TimeOnly at)
    {
        var local = day.ToDateTime(at);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>The first instant of a local day, as Unix milliseconds (how audit times are stored and compared).</summary>
    public long StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }
}
