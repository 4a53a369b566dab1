using Reporting.Features.Summaries;

namespace Reporting.Tests.Features.Summaries;

/// <summary>Small-count protection of the shareable PDF, cell by cell.</summary>
[TestFixture]
public sealed class SmallCountsTests
{
    private static readonly SmallCounts Shareable = new(3, suppress: true);

    [Test]
    public void CountsFromOneToTwoPrintAsLessThanThree()
    {
        Assert.That(new[] { 0, 1, 2, 3, 1000 }.Select(Shareable.Format), Is.EqualTo(new[] { "0", "<3", "<3", "3", "1\u00a0000" }));
    }

    [Test]
    public void TheInternalVariantPrintsEveryNumber()
    {
        Assert.That(new SmallCounts(3, suppress: false).FormatColumn([1, 2, 9], sumsToTotal: true), Is.EqualTo(new[] { "1", "2", "9" }));
    }

    [Test]
    public void ALoneHiddenCountInAColumnWithATotalHidesTheSmallestOtherCount()
    {
        // Total 16 is printed: with only the 1 hidden, 16 − 5 − 10 would give it away.
        Assert.That(Shareable.FormatColumn([10, 1, 5, 0], sumsToTotal: true), Is.EqualTo(new[] { "10", "<3", "x", "0" }));
    }

    [Test]
    public void ColumnsWithoutATotalOrWithTwoHiddenCountsNeedNothingMore()
    {
        Assert.That(Shareable.FormatColumn([10, 1, 5], sumsToTotal: false), Is.EqualTo(new[] { "10", "<3", "5" }));
        Assert.That(Shareable.FormatColumn([10, 1, 2, 5], sumsToTotal: true), Is.EqualTo(new[] { "10", "<3", "<3", "5" }));
    }

    [Test]
    public void AGridHidesUntilNoRowOrColumnHasALoneHiddenCell()
    {
        int[,] grid =
        {
            { 1, 4, 6 },
            { 5, 7, 8 },
        };

        var cells = Shareable.FormatGrid(grid);

        // Row 0 and column 0 each had one hidden cell (the 1): 4 (row) and 5 (column) are hidden too,
        // which leaves column 1 and row 1 with one each, so 7 is hidden as well.
        Assert.That(cells, Is.EqualTo(new[,] { { "<3", "x", "6" }, { "x", "x", "8" } }));
        for (var r = 0; r < 2; r++)
        {
            Assert.That(Enumerable.Range(0, 3).Count(c => cells[r, c] is "<3" or "x"), Is.Not.EqualTo(1), $"row {r}");
        }

        for (var c = 0; c < 3; c++)
        {
            Assert.That(Enumerable.Range(0, 2).Count(r => cells[r, c] is "<3" or "x"), Is.Not.EqualTo(1), $"column {c}");
        }
    }
}
