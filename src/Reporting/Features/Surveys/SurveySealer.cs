using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Serialization;

namespace Reporting.Features.Surveys;

/// <summary>Seals each answer with its survey's data key, bound to the answer's id and padded like a report.</summary>
public sealed class SurveySealer(EnvelopeCipher cipher)
{
    private const string ContentPurpose = "survey-answer";

    /// <summary>Gives a new survey its data key, wrapped with its administration's key.</summary>
    public void Key(Survey survey)
    {
        var (wrapped, _) = cipher.NewDataKey(survey.Id, Survey.KeyPurpose, survey.KeyOwner);
        survey.Rewrap(wrapped);
    }

    public byte[] Seal(Survey survey, Guid answerId, SurveyAnswerContent content) =>
        EnvelopeCipher.SealContent(DataKey(survey), answerId, PaddedJson.Serialize(content, ReportingJsonContext.Default.SurveyAnswerContent), ContentPurpose);

    /// <summary>Every answer's content, the data key unwrapped once.</summary>
    public IReadOnlyList<SurveyAnswerContent> OpenAll(Survey survey, IEnumerable<SurveyAnswer> answers)
    {
        var key = DataKey(survey);
        return [.. answers.Select(a => PaddedJson.Deserialize(EnvelopeCipher.OpenContent(key, a.Id, a.Content, ContentPurpose), ReportingJsonContext.Default.SurveyAnswerContent))];
    }

    private byte[] DataKey(Survey survey) => cipher.Unwrap(new WrappedDataKey(survey.KeyId, survey.WrappedKey), survey.Id, Survey.KeyPurpose);
}
