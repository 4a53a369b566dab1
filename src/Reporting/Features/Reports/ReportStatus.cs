namespace Reporting.Features.Reports;

/// <summary>
/// Where a report is in the coordinator's handling. The codes (API, storage) and the Swedish labels
/// (pages, documents) live here and nowhere else.
/// </summary>
public sealed record ReportStatus
{
    public static readonly ReportStatus New = new("new", "Ny");
    public static readonly ReportStatus InReview = new("in-review", "Under bedömning");
    public static readonly ReportStatus Forwarded = new("forwarded", "Vidarebefordrad");
    public static readonly ReportStatus Closed = new("closed", "Avslutad");

    private ReportStatus(string code, string label)
    {
        Code = code;
        Label = label;
    }

    public static IReadOnlyList<ReportStatus> All { get; } = [New, InReview, Forwarded, Closed];

    /// <summary>The same list as a closed list (for filters, counts and tables that treat every closed list alike).</summary>
    public static CodeList Codes { get; } = new("status", [.. All.Select(s => (s.Code, s.Label))]);

    public string Code { get; }

    public string Label { get; }

    /// <summary>Open reports still need the coordinator; a closed one counts towards retention.</summary>
    public bool IsOpen => this != Closed;

    public static bool TryParse(string? code, out ReportStatus status)
    {
        status = All.FirstOrDefault(s => s.Code == code)!;
        return status is not null;
    }

    public static ReportStatus FromCode(string code) =>
        TryParse(code, out var status) ? status : throw new InvalidDataException($"'{code}' is not a report status.");

    public override string ToString() => Code;
}
