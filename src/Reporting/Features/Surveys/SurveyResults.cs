using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Surveys;

/// <summary>
/// A count as the results give it: a number, or in the shareable variant the string "&lt;3" (a
/// count from 1 to SuppressBelow − 1) or "x" (hidden because it, with a total, would give away a
/// suppressed one).
/// </summary>
[JsonConverter(typeof(SurveyCountConverter))]
public readonly record struct SurveyCount(int Value, string? Shown)
{
    public bool IsHidden => Shown is not null;

    public override string ToString() => Shown ?? SmallCounts.Number(Value);
}

public sealed class SurveyCountConverter : JsonConverter<SurveyCount>
{
    public override SurveyCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new SurveyCount(reader.GetInt32(), null) : new SurveyCount(0, reader.GetString());

    public override void Write(Utf8JsonWriter writer, SurveyCount value, JsonSerializerOptions options)
    {
        if (value.Shown is { } shown)
        {
            writer.WriteStringValue(shown);
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }
}

/// <summary>The answers to one question (or one environment's frequency question): a count per code, every code listed.</summary>
public sealed record SurveyDistributions(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, SurveyCount>> Observed,
    IReadOnlyDictionary<string, SurveyCount> Observations,
    IReadOnlyDictionary<string, SurveyCount> KnowsWhereToTurn,
    IReadOnlyDictionary<string, SurveyCount> Trained);

/// <summary>One unit type's answers; absent (null) in the shareable variant when it has fewer than SuppressBelow answers.</summary>
public sealed record SurveyUnitResults(SurveyCount Responses, SurveyDistributions Answers);

/// <summary>
/// GET /api/surveys/{id}/results. While the survey takes answers (<see cref="Preliminary"/>) only the
/// count of responses and of codes handed out: a coordinator who handed out the slips and watched the
/// distributions change could otherwise tie each new answer to the unit manager who just got one.
/// After it has closed, the full results, unless fewer than SuppressBelow answered
/// (<see cref="Withheld"/>). <see cref="ResponseRate"/> only with codes (and not when the shareable
/// variant hides the count); <see cref="Comments"/> only in the internal variant, shuffled on every read.
/// </summary>
public sealed record SurveyResults(
    Guid Id,
    int Year,
    string Variant,
    bool Preliminary,
    DateOnly OpenedOn,
    DateOnly ClosesOn,
    DateOnly? EndedOn,
    SurveyCount Responses,
    int? CodesIssued,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Withheld,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ResponseRate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, SurveyCount>? ByUnit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SurveyDistributions? Answers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, SurveyUnitResults?>? Units,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Comments)
{
    /// <summary>The distributions may be shown: the survey has closed with enough answers.</summary>
    [JsonIgnore]
    public bool HasDistributions => Answers is not null;
}

/// <summary>
/// Counts the answers of a survey (decrypted once per request; a survey has at most a few thousand)
/// and formats them for the variant with the shareable PDF's rules (<see cref="SmallCounts"/>): the
/// single-answer questions sum to the response count, so a lone suppressed cell gets a second one hidden.
/// </summary>
public sealed class SurveyTally(ReportingDbContext db, SurveySealer sealer, OrganisationProfile organisation, IOptions<SummariesOptions> options)
{
    public async Task<SurveyResults> ResultsAsync(Survey survey, SummaryVariant variant, CancellationToken cancellationToken)
    {
        var stored = await db.SurveyAnswers.AsNoTracking().Where(a => a.SurveyId == survey.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return Format(survey, sealer.OpenAll(survey, stored), variant, organisation, options.Value.SuppressBelow);
    }

    /// <summary>The results of these answers (pure but for the comments' shuffle: the property tests call it with generated answers).</summary>
    public static SurveyResults Format(
        Survey survey, IReadOnlyList<SurveyAnswerContent> answers, SummaryVariant variant, OrganisationProfile organisation, int suppressBelow)
    {
        var counts = new SmallCounts(suppressBelow, variant == SummaryVariant.Shareable);
        var today = organisation.Today();
        var responses = Single(counts, [answers.Count], sumsToTotal: false)[0];
        var preliminary = survey.TakesAnswers(today);
        var withheld = !preliminary && suppressBelow > 1 && answers.Count < suppressBelow;
        var header = new SurveyResults(
            survey.Id, survey.Year, variant == SummaryVariant.Internal ? "internal" : "shareable", preliminary, survey.OpenedOn, survey.ClosesOn,
            survey.EndedOn(today), responses, survey.CodesIssued, withheld ? true : null, null, null, null, null, null);
        if (preliminary || withheld)
        {
            return header;
        }

        var unitCodes = organisation.Units.Select(u => u.Code).Where(code => answers.Any(a => a.Unit == code)).ToList();
        var byUnit = Distribution(counts, unitCodes, answers, a => [a.Unit], sumsToTotal: true);
        var hiddenUnits = HiddenUnits(counts, suppressBelow, unitCodes.ToDictionary(code => code, code => answers.Count(a => a.Unit == code)));
        var units = unitCodes.ToDictionary(
            code => code,
            code =>
            {
                var ofUnit = answers.Where(a => a.Unit == code).ToList();
                return hiddenUnits.Contains(code) ? null : new SurveyUnitResults(new SurveyCount(ofUnit.Count, null), Distributions(counts, ofUnit));
            },
            StringComparer.Ordinal);
        return header with
        {
            ResponseRate = survey.CodesIssued is { } issued && !responses.IsHidden ? Math.Round((double)answers.Count / issued, 3) : null,
            ByUnit = byUnit,
            Answers = Distributions(counts, answers),
            Units = units,
            // Shuffled on every read: no order (of storage or of arrival) follows a comment to the page.
            Comments = variant == SummaryVariant.Internal ? Shuffled([.. answers.Select(a => a.Comment).OfType<string>()]) : null,
        };
    }

    private static List<string> Shuffled(List<string> comments)
    {
        for (var i = comments.Count - 1; i > 0; i--)
        {
            var j = System.Security.Cryptography.RandomNumberGenerator.GetInt32(i + 1);
            (comments[i], comments[j]) = (comments[j], comments[i]);
        }

        return comments;
    }

    /// <summary>
    /// The units not broken down in the shareable variant: those with fewer than SuppressBelow
    /// answers, and then the smallest shown ones until the hidden units together have none or at
    /// least SuppressBelow answers, since the whole minus the shown units is the hidden ones' sum.
    /// </summary>
    private static HashSet<string> HiddenUnits(SmallCounts counts, int suppressBelow, Dictionary<string, int> answersByUnit)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (!counts.Suppresses)
        {
            return hidden;
        }

        hidden.UnionWith(answersByUnit.Where(u => u.Value < suppressBelow).Select(u => u.Key));
        while (hidden.Sum(u => answersByUnit[u]) is > 0 and var total && total < suppressBelow && answersByUnit.Keys.Any(u => !hidden.Contains(u)))
        {
            hidden.Add(answersByUnit.Where(u => !hidden.Contains(u.Key)).MinBy(u => u.Value).Key);
        }

        return hidden;
    }

    private static SurveyDistributions Distributions(SmallCounts counts, IReadOnlyList<SurveyAnswerContent> answers) => new(
        SurveyQuestions.Environments.ToDictionary(
            environment => environment,
            environment => Distribution(counts, [.. SurveyQuestions.Frequency.Codes], answers, a => [a.Observed[environment]], sumsToTotal: true),
            StringComparer.Ordinal),
        Distribution(counts, [.. SurveyQuestions.Observations.Codes], answers, a => a.Observations, sumsToTotal: false),
        Distribution(counts, [.. SurveyQuestions.KnowsWhereToTurn.Codes], answers, a => [a.KnowsWhereToTurn], sumsToTotal: true),
        Distribution(counts, [.. SurveyQuestions.Trained.Codes], answers, a => [a.Trained], sumsToTotal: true));

    private static IReadOnlyDictionary<string, SurveyCount> Distribution(
        SmallCounts counts, IReadOnlyList<string> codes, IReadOnlyList<SurveyAnswerContent> answers, Func<SurveyAnswerContent, IEnumerable<string>> chosen, bool sumsToTotal)
    {
        var values = codes.Select(code => answers.Count(a => chosen(a).Contains(code))).ToList();
        var formatted = Single(counts, values, sumsToTotal);
        return codes.Select((code, i) => (code, formatted[i])).ToDictionary(p => p.code, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>Counts as numbers, or as the marks <see cref="SmallCounts"/> prints for them.</summary>
    private static IReadOnlyList<SurveyCount> Single(SmallCounts counts, IReadOnlyList<int> values, bool sumsToTotal)
    {
        var shown = counts.FormatColumn(values, sumsToTotal);
        return [.. values.Select((value, i) => shown[i] == counts.Small || shown[i] == SmallCounts.Complementary ? new SurveyCount(value, shown[i]) : new SurveyCount(value, null))];
    }
}
