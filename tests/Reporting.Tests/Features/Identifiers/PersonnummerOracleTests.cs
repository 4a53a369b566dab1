using System.Globalization;
using System.Text.Json;
using Reporting.Features.Identifiers;
using Reporting.Features.Identifiers.Recognisers;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Identifiers;

/// <summary>
/// A differential test against an independent implementation, the npm package personnummer 3.2.1:
/// over generated numbers and near misses in every written form it reads (YYMMDD-NNNN, YYMMDD+NNNN,
/// YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN), the recogniser and the package agree on every number,
/// and on whether it is a samordningsnummer. The domain is the numbers a person can have: centuries
/// 18–20 (the package also takes "99" or "21" as a century; the recogniser does not read 12-digit
/// numbers of other centuries as identity numbers). Dates near the hundred-year boundary (a ten-digit
/// number whose date has not yet come this year) are drawn on purpose.
/// </summary>
[TestFixture]
public sealed class PersonnummerOracleTests
{
    private static readonly PersonnummerRecogniser Recogniser = new(TimeProvider.System);

    private sealed record Verdict(bool Valid, bool Coordination);

    [Test]
    public async Task TheRecogniserAgreesWithThePersonnummerPackageOnEveryNumber()
    {
        var numbers = Generate(new Random(20261201), 4000).Distinct().ToList();

        var oracle = (await NodeOracle.RunAsync("personnummer-oracle.cjs", numbers))
            .Select(line => JsonSerializer.Deserialize<Verdict>(line, JsonSerializerOptions.Web)!)
            .ToList();

        Assert.That(oracle, Has.Count.EqualTo(numbers.Count));
        var disagreements = new List<string>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var ours = Ours(numbers[i]);
            if (ours != oracle[i])
            {
                disagreements.Add($"{numbers[i]}: package {oracle[i]}, recogniser {ours}");
            }
        }

        Assert.That(oracle.Count(v => v.Valid), Is.GreaterThan(numbers.Count / 5), "the draw has enough valid numbers to mean something");
        Assert.That(oracle.Count(v => v.Coordination), Is.GreaterThan(50), "and samordningsnummer among them");
        Assert.That(disagreements, Is.Empty, string.Join('\n', disagreements.Take(20)));
    }

    /// <summary>What the recogniser makes of the number inside a sentence: valid when a candidate covers it exactly.</summary>
    private static Verdict Ours(string number)
    {
        var text = $"Uppgiven identitet {number} enligt blanketten.";
        var candidates = new List<Candidate>();
        Recogniser.Find(CanonicalText.Of(text).Text, candidates);
        var start = text.IndexOf(number, StringComparison.Ordinal);
        var match = candidates.FirstOrDefault(c => c.Start == start && c.End == start + number.Length);
        return match == default ? new Verdict(false, false) : new Verdict(true, match.Kind == IdentifierKinds.Samordningsnummer);
    }

    private static IEnumerable<string> Generate(Random random, int count)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        for (var i = 0; i < count; i++)
        {
            // Birth dates from 125 years ago to the end of this year (so some lie ahead of today).
            var born = new DateOnly(today.Year - 125, 1, 1).AddDays(random.Next((new DateOnly(today.Year, 12, 31).DayNumber - new DateOnly(today.Year - 125, 1, 1).DayNumber) + 1));
            var day = born.Day + (random.Next(4) == 0 ? 60 : 0); // a quarter samordningsnummer
            var year = born.Year;
            var month = born.Month;
            switch (random.Next(10))
            {
                case 0: month = random.Next(13, 20); break; // no such month
                case 1: day = random.Next(2) == 0 ? 0 : random.Next(32, 61); break; // no such day
                case 2: day = random.Next(92, 100); break;
                default: break;
            }

            var serial = random.Next(10) == 0 ? "000" : random.Next(1, 1000).ToString("000", CultureInfo.InvariantCulture);
            var yymmdd = $"{year % 100:00}{month:00}{day:00}";
            var check = Luhn(yymmdd + serial);
            if (random.Next(6) == 0)
            {
                check = (check + 1 + random.Next(9)) % 10; // a wrong check digit
            }

            var digits = $"{yymmdd}{serial}{check}";
            var century = (year / 100).ToString(CultureInfo.InvariantCulture);
            var hundredOrOlder = today.AddYears(-100) >= born;
            yield return random.Next(5) switch
            {
                0 => $"{digits[..6]}-{digits[6..]}",
                1 => $"{digits[..6]}{(hundredOrOlder ? '+' : '-')}{digits[6..]}",
                2 => digits,
                3 => $"{century}{digits[..6]}-{digits[6..]}",
                _ => $"{century}{digits}",
            };
        }
    }

    private static int Luhn(string nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var value = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += value > 9 ? value - 9 : value;
        }

        return (10 - sum % 10) % 10;
    }
}
