using Microsoft.Extensions.Options;

namespace Reporting.Features.Organisation;

/// <summary>
/// The organisation as the rest of the code sees it: defaults applied, time zone resolved,
/// and "today" counted in the district's zone (received dates, months and quarters use it).
/// </summary>
public sealed class Organisation
{
    private readonly TimeProvider _time;

    public Organisation(IOptions<OrganisationOptions> options, TimeProvider time)
    {
        _time = time;
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

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), TimeZone).DateTime);

    /// <summary>A stored instant (Unix milliseconds, UTC) as the district's local time.</summary>
    public DateTimeOffset LocalTime(long unixMilliseconds) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds), TimeZone);

    /// <summary>The first instant of a local day, as Unix milliseconds (how audit times are stored and compared).</summary>
    public long StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
    }
}

public static class OrganisationRegistration
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddOptions<OrganisationOptions>()
            .BindConfiguration(OrganisationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Organisation>();
        return services;
    }
}
