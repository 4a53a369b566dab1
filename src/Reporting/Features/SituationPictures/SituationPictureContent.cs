using System.Text.Json.Serialization;

namespace Reporting.Features.SituationPictures;

/// <summary>
/// What the coordinator writes into a year's situation picture: the external sources and the
/// assessments. Sealed at rest as one padded envelope (<see cref="SituationPictureSealer"/>).
/// </summary>
public sealed record SituationPictureContent(IReadOnlyList<ExternalSource> Sources, SituationAssessments Assessments)
{
    public static SituationPictureContent Empty { get; } = new([], SituationAssessments.Empty);

    /// <summary>Last year's sources as this year's starting list: names, kinds, caveats and figure labels, no values, texts or period.</summary>
    public SituationPictureContent OfferedForNextYear() =>
        new([.. Sources.Select(s => s with { Period = null, Text = null, Figures = [.. s.Figures.Select(f => f with { Value = null })] })], SituationAssessments.Empty);
}

/// <summary>
/// One external source (the police, the incident system, graffiti statistics...): its figures, and
/// its caveats: what the source can and cannot show. <see cref="Published"/>: the source has made
/// these figures public itself; an unpublished source's small figures are suppressed in the shareable
/// variant like the reports' (a count of 1 or 2 from a small area can point at a person).
/// <see cref="Mapping"/>: the columns the figures were last imported from, offered again next year.
/// </summary>
public sealed record ExternalSource(
    string Name, string Kind, string? Period, IReadOnlyList<SourceFigure> Figures, string? Text, string? Caveats, bool Published = false, SourceMapping? Mapping = null);

/// <summary>A labelled count from a source; no value yet when the label was offered from last year.</summary>
public sealed record SourceFigure(string Label, int? Value);

/// <summary>The assessment overall and per environment, and the activities planned from it.</summary>
public sealed record SituationAssessments(
    string? Overall,
    [property: JsonPropertyName("white-power")] string? WhitePower,
    string? Autonomous,
    string? Islamist,
    string? Other,
    string? Activities)
{
    public static SituationAssessments Empty { get; } = new(null, null, null, null, null, null);

    /// <summary>Each assessment with its JSON name, the environment code it belongs to (if any) and its heading.</summary>
    public IEnumerable<(string Field, string? Environment, string Heading, string? Text)> Parts()
    {
        yield return ("overall", null, "Samlad bedömning", Overall);
        yield return ("white-power", "white-power", Reports.ReportCodes.Environment.Label("white-power"), WhitePower);
        yield return ("autonomous", "autonomous", Reports.ReportCodes.Environment.Label("autonomous"), Autonomous);
        yield return ("islamist", "islamist", Reports.ReportCodes.Environment.Label("islamist"), Islamist);
        yield return ("other", "other", Reports.ReportCodes.Environment.Label("other"), Other);
        yield return ("activities", null, "Planerade aktiviteter", Activities);
    }
}

/// <summary>The kinds of external source the action plan names, with their Swedish labels.</summary>
public static class SourceKinds
{
    public static IReadOnlyList<(string Code, string Label)> Entries { get; } =
    [
        ("police", "Polisen"),
        ("incident-system", "Incidentrapporteringssystemet (IA)"),
        ("graffiti", "Klotterstatistik (Trafikkontoret, SISAB)"),
        ("survey", "Enkät"),
        ("security-service", "Säkerhetspolisen via lokalpolisen"),
        ("staff", "Förvaltningar och verksamheter"),
        ("other", "Annan källa"),
    ];

    public static bool Contains(string? code) => Entries.Any(e => e.Code == code);

    public static string Label(string code) => Entries.FirstOrDefault(e => e.Code == code).Label ?? code;
}
