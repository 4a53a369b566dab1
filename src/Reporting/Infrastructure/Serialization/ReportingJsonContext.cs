using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Features.Identifiers;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;

namespace Reporting.Infrastructure.Serialization;

/// <summary>
/// Source-generated JSON for every type the service reads or writes: no reflection on the hot
/// path, and strict reading (unknown and duplicate properties are errors, depth is bounded).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SubmitReportCommand))]
[JsonSerializable(typeof(ReportReceipt))]
[JsonSerializable(typeof(ReportContent))]
[JsonSerializable(typeof(ReportFacets))]
[JsonSerializable(typeof(CheckIdentifiersQuery))]
[JsonSerializable(typeof(IdentifierCheckResult))]
[JsonSerializable(typeof(IReadOnlyList<IdentifierFinding>))]
[JsonSerializable(typeof(QuarterSummary))]
[JsonSerializable(typeof(YearSummary))]
[JsonSerializable(typeof(ReportList))]
[JsonSerializable(typeof(ReportDetails))]
[JsonSerializable(typeof(UpdateReportRequest))]
[JsonSerializable(typeof(ReportState))]
[JsonSerializable(typeof(Reporting.Features.Coordinators.CoordinatorSession))]
[JsonSerializable(typeof(Reporting.Features.FollowUp.FollowUpRequest))]
[JsonSerializable(typeof(Reporting.Features.FollowUp.FollowUpReplyRequest))]
[JsonSerializable(typeof(Reporting.Features.FollowUp.FollowUpView))]
[JsonSerializable(typeof(RegisterReportRequest))]
[JsonSerializable(typeof(RegisteredReport))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(Reporting.Features.Photos.RedactPhotoRequest))]
[JsonSerializable(typeof(Reporting.Features.Photos.RedactedPhoto))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Photos.PhotoBox>))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Symbols.Symbol>))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Records.RegisterLine>))]
[JsonSerializable(typeof(Reporting.Features.Records.RedactedCopyRequest))]
[JsonSerializable(typeof(Reporting.Features.Records.DisclosureContent))]
[JsonSerializable(typeof(Reporting.Features.Records.RecordDisclosureRequest))]
[JsonSerializable(typeof(Reporting.Features.Records.RecordedDisclosure))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Records.DisclosureView>))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Retention.RetentionLogLine>))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Audit.AuditExportLine>))]
[JsonSerializable(typeof(Reporting.Features.SituationPictures.SituationPictureContent))]
[JsonSerializable(typeof(Reporting.Features.SituationPictures.SituationPictureView))]
[JsonSerializable(typeof(Reporting.Features.SituationPictures.SaveSituationPictureRequest))]
[JsonSerializable(typeof(Reporting.Features.SituationPictures.SavedSituationPicture))]
[JsonSerializable(typeof(Reporting.Features.SituationPictures.ImportedSource))]
[JsonSerializable(typeof(Reporting.Features.SituationPictures.SourceMapping))]
[JsonSerializable(typeof(Reporting.Features.Surveys.OpenSurveyRequest))]
[JsonSerializable(typeof(Reporting.Features.Surveys.OpenedSurvey))]
[JsonSerializable(typeof(Reporting.Features.Surveys.SurveyAnswerRequest))]
[JsonSerializable(typeof(Reporting.Features.Surveys.SurveyAnswerContent))]
[JsonSerializable(typeof(Reporting.Features.Surveys.SurveyAnswered))]
[JsonSerializable(typeof(Reporting.Features.Surveys.SurveyResults))]
[JsonSerializable(typeof(Reporting.Features.Surveys.SurveySlipsRequest))]
[JsonSerializable(typeof(IReadOnlyList<Reporting.Features.Surveys.SurveyOverview>))]
public sealed partial class ReportingJsonContext : JsonSerializerContext;
