using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Surveys;

/// <summary>
/// A year's staff survey as stored. Its data key (wrapped like a report's) seals every answer.
/// With answer codes, <see cref="CodesIssued"/> says how many were handed out; the codes
/// themselves are <see cref="SurveyCode"/> rows, deleted as they are used. Dates only, never a time.
/// </summary>
public sealed class Survey : ISealedRecord, Administrations.IOwnedByAdministration
{
    public const string TableName = "Surveys";

    public static string KeyPurpose => "survey-key";

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>The administration's code; empty in a deployment with one (ADR 19).</summary>
    public string Administration { get; set; } = string.Empty;

    /// <summary>The data key is wrapped with the administration's own key; with one administration, the master key.</summary>
    public string? KeyOwner => Administration.Length == 0 ? null : Administration;

    public DateOnly OpenedOn { get; private set; }

    /// <summary>The last day answers are taken.</summary>
    public DateOnly ClosesOn { get; private set; }

    /// <summary>Set when a coordinator closes the survey before <see cref="ClosesOn"/>.</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Null for an open link: anyone with the address may answer.</summary>
    public int? CodesIssued { get; private set; }

    public string KeyId { get; private set; } = string.Empty;

    public byte[] WrappedKey { get; private set; } = [];

    public void Rewrap(Infrastructure.Encryption.WrappedDataKey key)
    {
        KeyId = key.KeyId;
        WrappedKey = key.Wrapped;
    }

    private Survey()
    {
    }

    /// <summary>A new survey of the opening coordinator's administration (as stored, <see cref="Administrations.AdministrationScope.Owned"/>): set here, because its key is wrapped with that administration's before the row is saved.</summary>
    public static Survey Open(Guid id, int year, string administration, DateOnly today, DateOnly closesOn, int? codes) =>
        new() { Id = id, Year = year, Administration = administration, OpenedOn = today, ClosesOn = closesOn, CodesIssued = codes };

    public bool UsesCodes => CodesIssued is not null;

    public bool TakesAnswers(DateOnly today) => ClosedOn is null && today <= ClosesOn;

    /// <summary>The day answers stopped: the coordinator's closing, or the day after the last day.</summary>
    public DateOnly? EndedOn(DateOnly today) => ClosedOn ?? (today > ClosesOn ? ClosesOn.AddDays(1) : null);

    /// <summary>Closes now; false when it already takes no answers.</summary>
    public bool Close(DateOnly today)
    {
        if (!TakesAnswers(today))
        {
            return false;
        }

        ClosedOn = today;
        return true;
    }
}

/// <summary>One unused answer code, as its keyed hash only (bound to the survey). Using it deletes the row.</summary>
public sealed class SurveyCode
{
    public const string TableName = "SurveyCodes";

    public byte[] Hash { get; private set; } = [];

    public Guid SurveyId { get; private set; }

    private SurveyCode()
    {
    }

    public static SurveyCode For(Guid surveyId, byte[] hash) => new() { SurveyId = surveyId, Hash = hash };
}

/// <summary>
/// One answer, sealed with the survey's key. A random id, the survey, the sealed content and
/// nothing else: no date, no code, no client, so neither the row nor its neighbours say who or when.
/// </summary>
public sealed class SurveyAnswer
{
    public const string TableName = "SurveyAnswers";

    public Guid Id { get; private set; }

    public Guid SurveyId { get; private set; }

    public byte[] Content { get; private set; } = [];

    private SurveyAnswer()
    {
    }

    public static SurveyAnswer Of(Guid id, Guid surveyId, byte[] content) => new() { Id = id, SurveyId = surveyId, Content = content };
}

/// <summary>How <see cref="Survey"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> survey)
    {
        survey.ToTable(Features.Surveys.Survey.TableName);
        survey.HasKey(s => s.Id);
        survey.HasIndex(s => new { s.Administration, s.Year }).IsUnique(); // one survey per administration and year: "the year's survey"
        survey.Property(s => s.Administration).HasMaxLength(40).HasDefaultValue(string.Empty);
        survey.Property(s => s.KeyId).HasMaxLength(64); // "master/administration" for an administration's own key
    }
}

/// <summary>How <see cref="SurveyCode"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class SurveyCodeConfiguration : IEntityTypeConfiguration<SurveyCode>
{
    public void Configure(EntityTypeBuilder<SurveyCode> code)
    {
        code.ToTable(Features.Surveys.SurveyCode.TableName);
        code.HasKey(c => c.Hash);
        code.HasIndex(c => c.SurveyId);
        code.HasOne<Features.Surveys.Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How <see cref="SurveyAnswer"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> answer)
    {
        answer.ToTable(Features.Surveys.SurveyAnswer.TableName);
        answer.HasKey(a => a.Id);
        answer.HasIndex(a => a.SurveyId);
        answer.HasOne<Features.Surveys.Survey>().WithMany().HasForeignKey(a => a.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}
