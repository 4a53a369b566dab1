using Reporting.Features.Reports;
using Reporting.Pages.StaffForm;

namespace Reporting.Tests.Pages;

/// <summary>
/// Each closed list of the form (ReportCodes, and the questions of ClosedQuestions) against the
/// consumers that must know every code: the form's English text has a label of its own for each one
/// (a code added without one would show Swedish on the English form; a question declares its own,
/// and cannot be declared without), and every code has a Swedish label and is unique in its list.
/// The index copy's version covers every code too (IndexCopyFormatTests); every other consumer is
/// held to the declarations by ClosedQuestionConsumerTests.
/// </summary>
[TestFixture]
public sealed class ClosedListConsumerTests
{
    /// <summary>The lists with a role of their own that the staff form shows (ForwardedTo and Channel are the coordinator's, in Swedish only).</summary>
    private static readonly CodeList[] FormLists = [ReportCodes.Kind, ReportCodes.Environment, ReportCodes.Observation];

    private static IEnumerable<CodeList> AllLists() =>
        typeof(ReportCodes).GetFields().Where(f => f.FieldType == typeof(CodeList)).Select(f => (CodeList)f.GetValue(null)!)
            .Concat(ClosedQuestions.Standard.Select(q => q.Codes));

    [Test]
    public void EveryQuestionHasAnEnglishLabelOfItsOwnForEveryCode()
    {
        var missing = ClosedQuestions.Standard
            .SelectMany(question => question.Codes.Codes.Select(code => (question, code)))
            .Where(x => x.question.Label(x.code, english: true) == x.question.Label(x.code))
            .Select(x => $"{x.question.Name}.{x.code}")
            .ToList();

        Assert.That(missing, Is.Empty, "codes the English form would show in Swedish");
    }

    [Test]
    public void EveryCodeOfTheFormHasAnEnglishLabelOfItsOwn()
    {
        var missing = FormLists
            .SelectMany(list => list.Codes.Select(code => (list, code)))
            .Where(x => FormText.English.Label(x.list, x.code) == x.list.Label(x.code))
            .Select(x => $"{x.list.Field}.{x.code}")
            .ToList();

        Assert.That(missing, Is.Empty, "codes the English form would show in Swedish: add them to FormText.English");
    }

    [Test]
    public void EveryClosedListHasUniqueCodesWithSwedishLabels()
    {
        Assert.Multiple(() =>
        {
            foreach (var list in AllLists())
            {
                Assert.That(list.Codes, Is.Unique, list.Field);
                Assert.That(list.Entries.Where(e => string.IsNullOrWhiteSpace(e.Label) || e.Label == e.Code).Select(e => e.Code), Is.Empty, list.Field);
            }
        });
    }
}
