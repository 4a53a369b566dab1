namespace Reporting.Features.SituationPictures;

/// <summary>
/// A source's figures over the last five years, for the lägesbild's trend table: the same source is
/// found in earlier years' pictures by its name (case ignored), or by its kind when each year has
/// only one source of that kind (a renamed police area is still the police). Rows are this year's
/// labels first, then labels only earlier years had; a year without the figure shows no value.
/// </summary>
public sealed record SourceTrend(IReadOnlyList<int> Years, IReadOnlyList<SourceTrendRow> Rows)
{
    public const int YearsShown = 5;

    public static SourceTrend? For(ExternalSource source, int year, IReadOnlyDictionary<int, SituationPictureContent> earlier, SituationPictureContent current)
    {
        var byYear = new SortedDictionary<int, ExternalSource> { [year] = source };
        for (var y = year - YearsShown + 1; y < year; y++)
        {
            if (earlier.TryGetValue(y, out var picture) && Same(source, current, picture) is { Figures.Count: > 0 } match)
            {
                byYear[y] = match;
            }
        }

        if (byYear.Count < 2)
        {
            return null;
        }

        var labels = byYear.Values.Reverse().SelectMany(s => s.Figures.Select(f => f.Label.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var years = byYear.Keys.ToList();
        var rows = labels.Select(label => new SourceTrendRow(label, [.. years.Select(y => byYear[y].Figures
            .FirstOrDefault(f => string.Equals(f.Label.Trim(), label, StringComparison.OrdinalIgnoreCase))?.Value)])).ToList();
        return new SourceTrend(years, rows);
    }

    private static ExternalSource? Same(ExternalSource source, SituationPictureContent current, SituationPictureContent earlier) =>
        earlier.Sources.FirstOrDefault(s => string.Equals(s.Name.Trim(), source.Name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? (current.Sources.Count(s => s.Kind == source.Kind) == 1 && earlier.Sources.Count(s => s.Kind == source.Kind) == 1
            ? earlier.Sources.Single(s => s.Kind == source.Kind)
            : null);
}

/// <summary>One figure's values by year, in the order of <see cref="SourceTrend.Years"/>; null where that year had none.</summary>
public sealed record SourceTrendRow(string Label, IReadOnlyList<int?> Values);
