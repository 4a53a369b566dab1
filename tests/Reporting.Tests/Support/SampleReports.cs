namespace Reporting.Tests.Support;

/// <summary>Report bodies as a client would post them (JSON property names from CONTRACT.md).</summary>
public static class SampleReports
{
    public const string Description = "Klistermärken med solkors på skolgården, borttagna samma dag.";

    public static Dictionary<string, object?> Valid(string? description = null, string occurredOn = "2026-11-20") => new()
    {
        ["kind"] = "incident",
        ["occurredOn"] = occurredOn,
        ["unit"] = "grundskola",
        ["area"] = "stadshagen",
        ["environment"] = "white-power",
        ["observations"] = new[] { "stickers", "symbols" },
        ["placeCategory"] = "schoolyard",
        ["ageGroup"] = "13-15",
        ["gender"] = "unknown",
        ["peopleInvolved"] = "two-to-five",
        ["actionsTaken"] = new[] { "manager" },
        ["description"] = description ?? Description,
        ["reporterContact"] = null,
        ["confirmNoIdentifiers"] = false,
    };

    public static Dictionary<string, object?> With(string field, object? value)
    {
        var report = Valid();
        report[field] = value;
        return report;
    }

    public static Dictionary<string, object?> Without(string field)
    {
        var report = Valid();
        report.Remove(field);
        return report;
    }
}
