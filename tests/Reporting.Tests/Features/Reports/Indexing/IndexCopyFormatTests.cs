using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Tests.Features.Reports.Indexing;

/// <summary>The index copy's bytes: every entry one size whatever its codes, and read back as written.</summary>
[TestFixture]
public sealed class IndexCopyFormatTests
{
    private static readonly string[] KnownCodes = ["grundskola", "forskola", "kungsholmen", "stadshagen"];

    private static IndexedReport Report(int number, IReadOnlyList<string> observations, IReadOnlyList<string> forwardedTo, string? assessed, string? linkedTo, IReadOnlyList<string>? symbols = null) =>
        new(
            Guid.NewGuid(),
            new ReportReference(2026, number),
            new DateOnly(2026, 11, number % 28 + 1),
            forwardedTo.Count > 0 ? ReportStatus.Forwarded : ReportStatus.New,
            null,
            forwardedTo,
            new ReportFacets("incident", new DateOnly(2026, 11, 1), number % 2 == 0 ? "grundskola" : "forskola", "kungsholmen", "white-power",
                observations, "other", "unknown", "unknown", "unknown", [], "form", assessed, linkedTo) { Symbols = symbols ?? [], Secrecy = number % 2 == 0 ? "OSL 23 kap. 2 §" : null },
            Revision: number,
            UnreadReplies: number % 3);

    [Test]
    public void TheSealedLengthSaysHowManyReportsNotWhichCodes()
    {
        var clock = new ReportClockReading(7, 1);
        var few = IndexCopyFormat.Write([Report(1, ["symbols"], [], null, null), Report(2, ["other"], [], null, null)], clock, KnownCodes);
        var many = IndexCopyFormat.Write(
            [Report(1, [.. ReportCodes.Observation.Codes], [.. ReportCodes.ForwardedTo.Codes], "islamist", "2026-001", ["tyr-rune", "odal-rune", "black-sun"]), Report(2, ["travel", "threats"], ["police"], "other", null)],
            clock, KnownCodes);

        Assert.That(many, Has.Length.EqualTo(few.Length), "eleven observations, three symbols and a link take the room of one");
        var three = IndexCopyFormat.Write([Report(1, ["symbols"], [], null, null), Report(2, ["other"], [], null, null), Report(3, ["other"], [], null, null)], clock, KnownCodes);
        Assert.That(three.Length - few.Length, Is.EqualTo(IndexCopyFormat.EntrySize(ReportCodes.ForwardedTo.Entries.Count, ReportCodes.Observation.Entries.Count, ClosedQuestions.ActionsTaken.Codes.Entries.Count, Reporting.Features.Symbols.SymbolCatalogue.MaxPerReport)));
    }

    [Test]
    public void TheDictionaryHoldsEveryKnownCodeSoItsLengthSaysNothingOfWhichAreUsed()
    {
        var clock = new ReportClockReading(1, 0);
        var onlyKnown = IndexCopyFormat.Write([Report(2, ["symbols"], [], null, null)], clock, KnownCodes);
        var otherUnit = IndexCopyFormat.Write([Report(3, ["symbols"], [], null, null)], clock, KnownCodes);
        Assert.That(otherUnit, Has.Length.EqualTo(onlyKnown.Length), "the dictionary holds every known code, used or not");
    }

    [Test]
    public void WhatIsWrittenIsReadBack()
    {
        IndexedReport[] reports =
        [
            Report(1, [.. ReportCodes.Observation.Codes], [.. ReportCodes.ForwardedTo.Codes], "islamist", "2026-004"),
            Report(2, ["stickers"], [], null, null, ["tyr-rune", "is-flag"]),
            Report(1234, ["online", "threats"], ["police"], null, "2025-1001") with { ClosedOn = new DateOnly(2026, 12, 1), Status = ReportStatus.Closed },
        ];
        var bytes = IndexCopyFormat.Write(reports, new ReportClockReading(99, 3), KnownCodes);

        var read = IndexCopyFormat.Read(bytes, code => code, codes => codes);

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Value.Clock, Is.EqualTo(new ReportClockReading(99, 3)));
        Assert.That(read.Value.OldestFirst, Has.Count.EqualTo(3));
        for (var i = 0; i < reports.Length; i++)
        {
            var (expected, actual) = (reports[i], read.Value.OldestFirst[i]);
            Assert.That(actual with { Facets = expected.Facets, ForwardedTo = expected.ForwardedTo }, Is.EqualTo(expected));
            Assert.That(actual.ForwardedTo, Is.EqualTo(expected.ForwardedTo));
            Assert.That(actual.Facets with { Observations = expected.Facets.Observations, ActionsTaken = expected.Facets.ActionsTaken, Symbols = expected.Facets.Symbols }, Is.EqualTo(expected.Facets));
            Assert.That(actual.Facets.Observations, Is.EqualTo(expected.Facets.Observations));
            Assert.That(actual.Facets.Symbols, Is.EqualTo(expected.Facets.Symbols));
        }
    }

    [Test]
    public void ACopyOfTheFirstFormatReadsAsNoCopy()
    {
        var bytes = IndexCopyFormat.Write([Report(1, ["symbols"], [], null, null)], new ReportClockReading(1, 0), KnownCodes);
        BitConverter.GetBytes(1).CopyTo(bytes, 0); // version 1: variable-length entries
        Assert.That(IndexCopyFormat.Read(bytes, code => code, codes => codes), Is.Null);
    }

    /// <summary>
    /// The copy's version is a fingerprint of the declarations it is written from: every field of the
    /// facets and of an indexed report, and every closed list's codes. So a field or a code added
    /// without touching the copy's writer changes the version, and an older copy reads as none.
    /// </summary>
    [Test]
    public void TheVersionCoversEveryFieldAndEveryClosedCode()
    {
        var shape = IndexCopyFormat.Shape();
        var lists = typeof(ReportCodes).GetFields().Where(f => f.FieldType == typeof(CodeList)).Select(f => (CodeList)f.GetValue(null)!)
            .Concat(ClosedQuestions.Standard.Select(q => q.Codes)).ToList();

        Assert.Multiple(() =>
        {
            foreach (var property in typeof(ReportFacets).GetProperties())
            {
                Assert.That(shape, Does.Contain($"facets.{property.Name}:"), property.Name);
            }

            foreach (var property in typeof(IndexedReport).GetProperties())
            {
                Assert.That(shape, Does.Contain($"report.{property.Name}:"), property.Name);
            }

            Assert.That(lists, Has.Count.GreaterThanOrEqualTo(9));
            foreach (var list in lists)
            {
                foreach (var code in list.Codes)
                {
                    Assert.That(shape.Split('|'), Does.Contain(code), $"{list.Field}: {code}");
                }
            }
        });
    }
}
