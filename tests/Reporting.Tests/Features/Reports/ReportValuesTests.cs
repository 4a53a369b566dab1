using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

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
    public void ReceiptCodesUseEveryDigitEquallyOften()
    {
        var counts = new long[10];
        const int Codes = 25_000; // 400,000 digits
        for (var i = 0; i < Codes; i++)
        {
            var code = ReceiptCode.NewCode();
            Assert.That(code, Does.Match(@"^\d{4} \d{4} \d{4} \d{4}$"));
            foreach (var c in code.Where(char.IsAsciiDigit))
            {
                counts[c - '0']++;
            }
        }

        // Chi-square against equal frequencies, 9 degrees of freedom: 33.7 is exceeded by chance once
        // in ten thousand runs. A modulo of a random byte (0–5 slightly likelier than 6–9) gives about 150 here.
        var expected = counts.Sum() / 10.0;
        var chiSquare = counts.Sum(n => (n - expected) * (n - expected) / expected);
        Assert.That(chiSquare, Is.LessThan(33.7), $"digit counts {string.Join(", ", counts)}");

        // The same bias seen directly: digits 0–5 against 6–9, per digit.
        var low = counts.Take(6).Average();
        var high = counts.Skip(6).Average();
        Assert.That(Math.Abs(low - high) / expected, Is.LessThan(0.01), $"0–5 average {low:0}, 6–9 average {high:0}");
    }

    [Test]
    public void TheDigitTestWouldCatchAModuloBias()
    {
        // The same statistic over a generator with the bias the test is there to catch: it must fail it.
        var counts = new long[10];
        var random = new Random(4711);
        for (var i = 0; i < 400_000; i++)
        {
            counts[random.Next(256) % 10]++;
        }

        var expected = counts.Sum() / 10.0;
        var chiSquare = counts.Sum(n => (n - expected) * (n - expected) / expected);
        Assert.That(chiSquare, Is.GreaterThan(33.7));
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
