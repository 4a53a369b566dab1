using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Administrations;
using Reporting.Features.Audit;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.SituationPictures;

/// <summary>PUT /api/situation-pictures/{year}: the whole picture, with the version it was read at.</summary>
public sealed record SaveSituationPictureRequest(
    int? Year,
    int? Version,
    IReadOnlyList<SourceRequest>? Sources,
    SituationAssessments? Assessments,
    bool? ConfirmNoIdentifiers) : IStrictJsonBody<SaveSituationPictureRequest>
{
    public static JsonTypeInfo<SaveSituationPictureRequest> JsonTypeInfo => ReportingJsonContext.Default.SaveSituationPictureRequest;

    public static int MaxBytes => SituationPictureEndpoints.MaxBodyBytes;
}

public sealed record SourceRequest(
    string? Name, string? Kind, string? Period, IReadOnlyList<FigureRequest>? Figures, string? Text, string? Caveats, bool? Published = null, SourceMapping? Mapping = null);

public sealed record FigureRequest(string? Label, int? Value);

public sealed record SaveSituationPictureCommand(string Actor, int Year, SaveSituationPictureRequest Request) : ICommand<SaveSituationPictureOutcome>;

public enum SaveSituationPictureResult
{
    Saved,
    StaleVersion,
    Refused,
}

/// <summary>The new version when saved; the first field whose text still identifies someone (and every such field) when refused.</summary>
public sealed record SaveSituationPictureOutcome(
    SaveSituationPictureResult Result,
    int Version,
    string? Field = null,
    IReadOnlyDictionary<string, IReadOnlyList<IdentifierFinding>>? Findings = null);

public sealed record SavedSituationPicture(int Year, int Version);

public sealed class SaveSituationPictureValidator : AbstractValidator<SaveSituationPictureCommand>
{
    public const int MaxSources = 30;
    public const int MaxFigures = 30;
    public const int NameMaxLength = 200;
    public const int PeriodMaxLength = 50;
    public const int TextMaxLength = 10_000;
    public const int CaveatsMaxLength = 4_000;

    public SaveSituationPictureValidator(OrganisationProfile organisation)
    {
        RuleFor(c => c.Year).Must(year => SummaryYears.IsValid(year, organisation)).WithName("year").WithMessage(SummaryYears.Message);
        RuleFor(c => c.Request.Year).Must((command, year) => year is null || year == command.Year).WithName("year")
            .WithMessage("Året i förfrågan är ett annat än året i adressen.");
        RuleFor(c => c.Request.Version).NotNull().WithName("version").WithMessage("Skicka med version från GET (0 för en ny lägesbild).")
            .GreaterThanOrEqualTo(0).WithName("version").WithMessage("Versionen kan inte vara negativ.");
        RuleFor(c => c.Request.Sources).Must(s => s is null || s.Count <= MaxSources).WithName("sources").WithMessage($"Högst {MaxSources} källor.");
        RuleForEach(c => c.Request.Sources).ChildRules(source =>
        {
            source.RuleFor(s => s.Name).Cascade(CascadeMode.Stop)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Ange källans namn.")
                .MaximumLength(NameMaxLength).WithMessage($"Högst {NameMaxLength} tecken.")
                .CleanText("Namnet");
            source.RuleFor(s => s.Kind).Must(SourceKinds.Contains)
                .WithMessage($"Välj en av {string.Join(", ", SourceKinds.Entries.Select(e => e.Code))}.");
            source.RuleFor(s => s.Period).MaximumLength(PeriodMaxLength).WithMessage($"Högst {PeriodMaxLength} tecken.").CleanText("Perioden");
            source.RuleFor(s => s.Text).MaximumLength(TextMaxLength).WithMessage($"Högst {TextMaxLength} tecken.").CleanText("Texten");
            source.RuleFor(s => s.Caveats).MaximumLength(CaveatsMaxLength).WithMessage($"Högst {CaveatsMaxLength} tecken.").CleanText("Förbehållen");
            source.RuleFor(s => s.Figures).Must(f => f is null || f.Count <= MaxFigures).WithMessage($"Högst {MaxFigures} siffror per källa.");
            source.RuleForEach(s => s.Figures).ChildRules(figure =>
            {
                figure.RuleFor(f => f.Label).Cascade(CascadeMode.Stop)
                    .Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("Ange vad siffran räknar.")
                    .MaximumLength(NameMaxLength).WithMessage($"Högst {NameMaxLength} tecken.")
                    .CleanText("Rubriken");
                figure.RuleFor(f => f.Value).Must(v => v is null or >= 0).WithMessage("Ange ett heltal, noll eller större.");
            });
            source.RuleFor(s => s.Mapping).Must(m => m is null || (!string.IsNullOrWhiteSpace(m.Label) && !string.IsNullOrWhiteSpace(m.Value)
                    && m.Label.Length <= ImportSourceFiguresValidator.ColumnMaxLength && m.Value.Length <= ImportSourceFiguresValidator.ColumnMaxLength))
                .WithMessage($"Ange båda kolumnerna, högst {ImportSourceFiguresValidator.ColumnMaxLength} tecken var.");
        });
        RuleFor(c => c.Request.Assessments!).ChildRules(assessments =>
        {
            assessments.RuleFor(a => a.Overall).Assessment();
            assessments.RuleFor(a => a.WhitePower).Assessment().OverridePropertyName("white-power");
            assessments.RuleFor(a => a.Autonomous).Assessment();
            assessments.RuleFor(a => a.Islamist).Assessment();
            assessments.RuleFor(a => a.Other).Assessment();
            assessments.RuleFor(a => a.Activities).Assessment();
        }).When(c => c.Request.Assessments is not null);
    }
}

internal static class AssessmentRules
{
    public static IRuleBuilderOptions<T, string?> Assessment<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.MaximumLength(SaveSituationPictureValidator.TextMaxLength).WithMessage($"Högst {SaveSituationPictureValidator.TextMaxLength} tecken.")
            .CleanText("Bedömningen");
}

/// <summary>
/// Saves the next version: every text through the identifier check (blocking kinds refused,
/// warnings need confirming), sealed at rest, the audit log told which parts changed (never what
/// they say). A save from an older version is refused (409), so one coordinator never overwrites
/// another's work unseen.
/// </summary>
public sealed class SaveSituationPictureHandler(ReportingDbContext db, SituationPictureSealer sealer, IdentifierScanner identifiers, AuditLog audit, AdministrationScope administration)
    : ICommandHandler<SaveSituationPictureCommand, SaveSituationPictureOutcome>
{
    public async ValueTask<SaveSituationPictureOutcome> Handle(SaveSituationPictureCommand command, CancellationToken cancellationToken)
    {
        var content = ContentOf(command.Request);
        var findings = Findings(content, command.Request.ConfirmNoIdentifiers == true);
        if (findings.Count > 0)
        {
            return new SaveSituationPictureOutcome(SaveSituationPictureResult.Refused, command.Request.Version!.Value, findings.Keys.First(), findings);
        }

        var picture = await db.SituationPictures.SingleOrDefaultAsync(p => p.Year == command.Year, cancellationToken);
        var before = picture is null ? SituationPictureContent.Empty : sealer.Open(picture);
        if ((picture?.Version ?? 0) != command.Request.Version)
        {
            return new SaveSituationPictureOutcome(SaveSituationPictureResult.StaleVersion, picture?.Version ?? 0);
        }

        var isNew = picture is null;
        if (picture is null)
        {
            picture = SituationPicture.Start(command.Year, RandomIds.NewGuid(), administration.Owned);
            db.SituationPictures.Add(picture);
        }

        sealer.Seal(picture, content);
        audit.Append(db, command.Actor, AuditActions.SituationPictureSaved,
            detail: $"{SituationPictureAudit.DetailPrefix(command.Year)}version {picture.Version}, {content.Sources.Count} {(content.Sources.Count == 1 ? "källa" : "källor")}; ändrat: {Changed(before, content)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || isNew)
        {
            // Someone else saved between the read and this write (a changed version, or the same new year's first save).
            return new SaveSituationPictureOutcome(SaveSituationPictureResult.StaleVersion, picture.Version - 1);
        }

        return new SaveSituationPictureOutcome(SaveSituationPictureResult.Saved, picture.Version);
    }

    private static SituationPictureContent ContentOf(SaveSituationPictureRequest request) => new(
        [.. (request.Sources ?? []).Select(s => new ExternalSource(
            FreeTextRules.Stored(s.Name)!,
            s.Kind!,
            FreeTextRules.Stored(s.Period),
            [.. (s.Figures ?? []).Select(f => new SourceFigure(FreeTextRules.Stored(f.Label)!, f.Value))],
            FreeTextRules.Stored(s.Text),
            FreeTextRules.Stored(s.Caveats),
            s.Published ?? false,
            s.Mapping is { } m ? new SourceMapping(m.Label.Trim(), m.Value.Trim()) : null))],
        request.Assessments is { } a
            ? new SituationAssessments(FreeTextRules.Stored(a.Overall), FreeTextRules.Stored(a.WhitePower), FreeTextRules.Stored(a.Autonomous), FreeTextRules.Stored(a.Islamist), FreeTextRules.Stored(a.Other), FreeTextRules.Stored(a.Activities))
            : SituationAssessments.Empty);

    /// <summary>Every text a person typed, by the field name a problem gives it.</summary>
    private static IEnumerable<(string Field, string Text)> Texts(SituationPictureContent content)
    {
        for (var i = 0; i < content.Sources.Count; i++)
        {
            var source = content.Sources[i];
            yield return ($"sources[{i}].name", source.Name);
            if (source.Period is { } period)
            {
                yield return ($"sources[{i}].period", period);
            }

            for (var f = 0; f < source.Figures.Count; f++)
            {
                yield return ($"sources[{i}].figures[{f}].label", source.Figures[f].Label);
            }

            if (source.Text is { } text)
            {
                yield return ($"sources[{i}].text", text);
            }

            if (source.Caveats is { } caveats)
            {
                yield return ($"sources[{i}].caveats", caveats);
            }
        }

        foreach (var (field, _, _, text) in content.Assessments.Parts())
        {
            if (text is not null)
            {
                yield return ($"assessments.{field}", text);
            }
        }
    }

    private Dictionary<string, IReadOnlyList<IdentifierFinding>> Findings(SituationPictureContent content, bool confirmed)
    {
        var refused = new Dictionary<string, IReadOnlyList<IdentifierFinding>>(StringComparer.Ordinal);
        foreach (var (field, text) in Texts(content))
        {
            var findings = identifiers.Scan(text);
            if (IdentifierVerdict.Refuses(findings, confirmed))
            {
                refused[field] = findings;
            }
        }

        return refused;
    }

    /// <summary>"källor, samlad bedömning, bedömning av den islamistiska extremistiska miljön": the parts that differ, in words.</summary>
    private static string Changed(SituationPictureContent before, SituationPictureContent after)
    {
        var parts = new List<string>();
        if (!before.Sources.SequenceEqual(after.Sources, SourceComparer.Instance))
        {
            parts.Add("källor");
        }

        parts.AddRange(before.Assessments.Parts().Zip(after.Assessments.Parts())
            .Where(pair => pair.First.Text != pair.Second.Text)
            .Select(pair => InWords(pair.First.Field, pair.First.Heading)));
        return parts.Count == 0 ? "inget" : string.Join(", ", parts);
    }

    private static string InWords(string field, string heading) => field switch
    {
        "overall" or "activities" => heading.ToLowerInvariant(),
        "other" => "bedömning av annan miljö",
        _ => "bedömning av " + heading.ToLowerInvariant(),
    };

    /// <summary>Sources compared by value, figures included (records compare lists by reference).</summary>
    private sealed class SourceComparer : IEqualityComparer<ExternalSource>
    {
        public static readonly SourceComparer Instance = new();

        public bool Equals(ExternalSource? x, ExternalSource? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Kind == y.Kind && x.Period == y.Period && x.Text == y.Text
            && x.Caveats == y.Caveats && x.Published == y.Published && x.Mapping == y.Mapping && x.Figures.SequenceEqual(y.Figures);

        public int GetHashCode(ExternalSource obj) => HashCode.Combine(obj.Name, obj.Kind);
    }
}
