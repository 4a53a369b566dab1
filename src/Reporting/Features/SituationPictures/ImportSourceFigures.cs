using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.SituationPictures;

/// <summary>Which column of a source's file holds the figures' labels and which their values: a column's name, letter (B) or number (2).</summary>
public sealed record SourceMapping(string Label, string Value);

/// <summary>POST /api/situation-pictures/{year}/sources/import: a source's file to read, not to save.</summary>
public sealed record ImportSourceFiguresQuery(string Actor, int Year, byte[] File, string? Kind, string? Name, SourceMapping? Mapping) : IQuery<ImportedSource>;

/// <summary>
/// What was read, to review before saving the picture: the figures, the mapping used and where it
/// came from (<c>request</c>, <c>remembered</c> from this or last year's source of the same name or
/// kind, or <c>guessed</c> from the columns' contents), and the file's columns to choose from.
/// </summary>
public sealed record ImportedSource(
    string Kind, string? Name, SourceMapping Mapping, string MappingFrom, IReadOnlyList<string> Columns, IReadOnlyList<SourceFigure> Figures, int SkippedRows);

public sealed class ImportSourceFiguresValidator : AbstractValidator<ImportSourceFiguresQuery>
{
    public const int ColumnMaxLength = 100;

    public ImportSourceFiguresValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Year).Must(year => SummaryYears.IsValid(year, organisation)).WithName("year").WithMessage(SummaryYears.Message);
        RuleFor(q => q.File).Must(f => f.Length > 0).WithName("file").WithMessage("Välj en CSV- eller Excel-fil (xlsx).")
            .Must(f => f.Length <= SourceFile.MaxBytes).WithName("file").WithMessage($"Filen är större än {SourceFile.MaxBytes / 1024 / 1024} MB.");
        RuleFor(q => q.Kind).Must(SourceKinds.Contains).WithName("kind")
            .WithMessage($"Välj en av {string.Join(", ", SourceKinds.Entries.Select(e => e.Code))}.");
        RuleFor(q => q.Name).MaximumLength(SaveSituationPictureValidator.NameMaxLength).WithName("name").WithMessage($"Högst {SaveSituationPictureValidator.NameMaxLength} tecken.")
            .CleanText("Namnet");
        RuleFor(q => q.Mapping!.Label).Cascade(CascadeMode.Stop).NotEmpty().WithName("mapping.label").WithMessage("Ange kolumnen med rubrikerna.")
            .MaximumLength(ColumnMaxLength).WithName("mapping.label").WithMessage($"Högst {ColumnMaxLength} tecken.")
            .When(q => q.Mapping is not null);
        RuleFor(q => q.Mapping!.Value).Cascade(CascadeMode.Stop).NotEmpty().WithName("mapping.value").WithMessage("Ange kolumnen med antalen.")
            .MaximumLength(ColumnMaxLength).WithName("mapping.value").WithMessage($"Högst {ColumnMaxLength} tecken.")
            .When(q => q.Mapping is not null);
    }
}

/// <summary>
/// Reads a source's figures from its file for the coordinator to review: one figure per row with a
/// label, its value a whole number (Swedish "1 234" and "12,0" included). Nothing is saved here; the
/// figures and the mapping are saved with the picture (PUT), and the mapping is then offered again
/// next year. A bad file is refused naming the row and column, never quoting the file.
/// </summary>
public sealed partial class ImportSourceFiguresHandler(ReportingDbContext db, SituationPictureSealer sealer, AuditLog audit)
    : IQueryHandler<ImportSourceFiguresQuery, ImportedSource>
{
    public async ValueTask<ImportedSource> Handle(ImportSourceFiguresQuery query, CancellationToken cancellationToken)
    {
        SourceTable table;
        try
        {
            table = SourceFile.Read(query.File);
        }
        catch (SourceFileException refused)
        {
            throw RequestValidationException.For("file", refused.Message);
        }

        var (mapping, from) = query.Mapping is { } given
            ? (given, "request")
            : await RememberedAsync(query, cancellationToken) is { } remembered && Resolves(table, remembered)
                ? (remembered, "remembered")
                : (Guess(table), "guessed");
        var labelColumn = Column(table, mapping.Label, "mapping.label");
        var valueColumn = Column(table, mapping.Value, "mapping.value");
        var (figures, skipped) = Figures(table, labelColumn, valueColumn);

        await audit.AppendNowAsync(db, query.Actor, AuditActions.SituationPictureRead,
            detail: SituationPictureAudit.DetailPrefix(query.Year) + $"{figures.Count} siffror inlästa ur fil för en källa av typen {query.Kind} (inte sparade)",
            cancellationToken: cancellationToken);
        return new ImportedSource(query.Kind!, query.Name, mapping, from, table.Columns, figures, skipped);
    }

    /// <summary>The mapping saved with the latest of the last five years' sources of the same name (or, failing that, kind).</summary>
    private async Task<SourceMapping?> RememberedAsync(ImportSourceFiguresQuery query, CancellationToken cancellationToken)
    {
        var pictures = await db.SituationPictures.AsNoTracking()
            .Where(p => p.Year <= query.Year && p.Year > query.Year - SourceTrend.YearsShown)
            .ToListAsync(cancellationToken);
        foreach (var picture in pictures.OrderByDescending(p => p.Year))
        {
            var sources = sealer.Open(picture).Sources.Where(s => s.Mapping is not null).ToList();
            var match = sources.FirstOrDefault(s => query.Name is not null && string.Equals(s.Name, query.Name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? sources.FirstOrDefault(s => s.Kind == query.Kind);
            if (match is not null)
            {
                return match.Mapping;
            }
        }

        return null;
    }

    private static bool Resolves(SourceTable table, SourceMapping mapping) =>
        TryColumn(table, mapping.Label) is not null && TryColumn(table, mapping.Value) is not null;

    /// <summary>The label column: the first whose cells are mostly words; the value column: the first whose cells are all whole numbers.</summary>
    private static SourceMapping Guess(SourceTable table)
    {
        int? label = null, value = null;
        for (var column = 0; column < table.Columns.Count; column++)
        {
            var cells = table.Rows.Select(r => r.Cell(column)).Where(c => c.Text.Length > 0).ToList();
            if (cells.Count == 0)
            {
                continue;
            }

            var numbers = cells.Count(c => Whole(c) is not null);
            if (label is null && numbers * 2 < cells.Count)
            {
                label = column;
            }
            else if (value is null && numbers == cells.Count)
            {
                value = column;
            }
        }

        if (label is null || value is null)
        {
            throw RequestValidationException.For("mapping",
                $"Välj vilken kolumn som har rubrikerna och vilken som har antalen. Filen har kolumnerna {string.Join(", ", table.Columns)}.");
        }

        return new SourceMapping(table.Columns[label.Value], table.Columns[value.Value]);
    }

    private static int Column(SourceTable table, string name, string field) =>
        TryColumn(table, name) ?? throw RequestValidationException.For(field,
            $"Kolumnen \"{name.Trim()}\" finns inte i filen. Filen har kolumnerna {string.Join(", ", table.Columns)}.");

    /// <summary>By name first (case and surrounding spaces ignored), then as a letter (B) or a number (2).</summary>
    private static int? TryColumn(SourceTable table, string name)
    {
        var wanted = name.Trim();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i], wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (ColumnLetters().IsMatch(wanted))
        {
            var index = wanted.ToUpperInvariant().Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
            return index < table.Columns.Count ? index : null;
        }

        return int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= table.Columns.Count
            ? number - 1
            : null;
    }

    private static (List<SourceFigure> Figures, int Skipped) Figures(SourceTable table, int labelColumn, int valueColumn)
    {
        var figures = new List<SourceFigure>();
        var skipped = 0;
        foreach (var row in table.Rows)
        {
            var label = row.Cell(labelColumn).Text;
            var cell = row.Cell(valueColumn);
            if (label.Length == 0 && cell.Text.Length == 0)
            {
                skipped++;
                continue;
            }

            if (label.Length == 0)
            {
                throw RequestValidationException.For("file", $"Rad {row.Number}, kolumn {table.Columns[labelColumn]}: rubriken saknas.");
            }

            if (label.Length > SaveSituationPictureValidator.NameMaxLength)
            {
                throw RequestValidationException.For("file", $"Rad {row.Number}, kolumn {table.Columns[labelColumn]}: rubriken är längre än {SaveSituationPictureValidator.NameMaxLength} tecken.");
            }

            int? value = null;
            if (cell.Text.Length > 0)
            {
                value = Whole(cell) ?? throw RequestValidationException.For("file",
                    $"Rad {row.Number}, kolumn {table.Columns[valueColumn]}: inte ett heltal, noll eller större.");
            }

            figures.Add(new SourceFigure(label, value));
            if (figures.Count > SaveSituationPictureValidator.MaxFigures)
            {
                throw RequestValidationException.For("file",
                    $"Rad {row.Number}: filen har fler än {SaveSituationPictureValidator.MaxFigures} rader med siffror, så många tar en källa inte. Ta bort de rader som inte ska med.");
            }
        }

        return (figures, skipped);
    }

    /// <summary>A whole number of zero or more: "1 234", "1 234" (no-break space), "12,0", "12.0", or a spreadsheet number without a fraction.</summary>
    public static int? Whole(SourceCell cell)
    {
        if (cell.Numeric)
        {
            return double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0 && number <= int.MaxValue && number == Math.Floor(number)
                ? (int)number
                : null;
        }

        var match = WholeNumber().Match(cell.Text);
        return match.Success && int.TryParse(match.Groups["digits"].Value.Replace(" ", string.Empty, StringComparison.Ordinal)
                .Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal),
                NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(@"^(?<digits>\d{1,3}(?:[ \u00A0\u202F]\d{3})+|\d+)(?:[,.]0+)?$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex("^[A-Za-z]{1,2}$")]
    private static partial Regex ColumnLetters();
}
