using Reporting.Features.Reports;

namespace Reporting.Tests.Features.Reports;

/// <summary>The small value helpers of intake: random ids, receipt codes and the date parser.</summary>
[TestFixture]
public sealed class ReportValuesTests
{
    [Test]
    public void RandomIdsAreVersion4AndUnique()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => RandomIds.NewGuid()).ToList();

        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count));
        Assert.That(ids.Select(id => id.Version), Is.All.EqualTo(4), "random, not time-ordered");
        Assert.That(ids.Select(id => id.ToString()[19]), Is.All.AnyOf('8', '9', 'a', 'b'), "RFC 4122 variant");
    }

    [Test]
    public void ReceiptCodesUseEveryDigitAboutEqually()
    {
        var counts = new int[10];
        for (var i = 0; i < 5_000; i++)
        {
            var code = ReceiptCode.NewCode();
            Assert.That(code, Does.Match(@"^\d{4} \d{4} \d{4} \d{4}$"));
            foreach (var c in code.Where(char.IsAsciiDigit))
            {
                counts[c - '0']++;
            }
        }

        // 80,000 digits: 8,000 expected each; a biased generator (modulo of 256) would skew 0–5 by ~2 %.
        Assert.That(counts, Has.All.InRange(7_700, 8_300));
    }

    [TestCase("2026-11-27", true)]
    [TestCase("2024-02-29", true)]
    [TestCase("2026-02-29", false)]
    [TestCase("2026-13-01", false)]
    [TestCase("2026-00-10", false)]
    [TestCase("2026-11-31", false)]
    [TestCase("2026-1-27", false)]
    [TestCase(" 2026-11-27", false)]
    [TestCase("2026/11/27", false)]
    [TestCase("٢٠٢٦-١١-٢٧", false)]
    [TestCase("0000-01-01", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void DatesAreReadAsYyyyMmDdOnly(string? text, bool valid)
    {
        Assert.That(IsoDate.TryParse(text, out var date), Is.EqualTo(valid));
        if (valid)
        {
            Assert.That(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(text));
        }
    }
}
