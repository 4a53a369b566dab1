using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FsCheck;
using FsCheck.Fluent;
using Reporting.Features.Identifiers;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Identifiers;

/// <summary>
/// Property-based: generated valid personnummer, samordningsnummer, phone numbers and e-mail
/// addresses, each written the ways pasted text writes them (en dash, non-breaking hyphen, minus
/// sign, no-break and thin spaces, a zero-width space or soft hyphen inside, full-width,
/// Arabic-Indic and Devanagari digits, digits spaced out, groups joined by dots, a full-width at-sign or
/// no-break spaces around it), are found as
/// blocking findings that cover the original characters, and the API refuses the report.
/// </summary>
[TestFixture]
public sealed class UnicodeVariantTests : HostFixture
{
    private static readonly IdentifierScanner Scanner = IdentifierScanner.CreateDefault(TimeProvider.System);

    /// <summary>An identifier as written, where it stands in its sentence, and the kind it must be found as.</summary>
    public sealed record Written(string Text, int Start, int End, string Kind, string Variant)
    {
        public override string ToString() => $"{Variant} {Kind}: {Text}";
    }

    private static readonly (string Name, Func<string, Random, string> Apply)[] Variants =
    [
        ("ascii", (s, _) => s),
        ("en dash", (s, _) => s.Replace('-', '–')),
        ("non-breaking hyphen", (s, _) => s.Replace('-', '\u2011')),
        ("minus sign", (s, _) => s.Replace('-', '\u2212')),
        ("full-width hyphen", (s, _) => s.Replace('-', '\uFF0D')),
        ("no-break space", (s, _) => s.Replace(' ', '\u00A0').Replace("-", "\u00A0", StringComparison.Ordinal)),
        ("thin space", (s, _) => s.Replace(' ', '\u2009').Replace("-", "\u2009", StringComparison.Ordinal)),
        ("zero-width space inside", (s, r) => Insert(s, "\u200B", r)),
        ("soft hyphen inside", (s, r) => Insert(s, "\u00AD", r)),
        ("word joiner inside", (s, r) => Insert(s, "\u2060", r)),
        ("full-width digits", (s, _) => Digits(s, '\uFF10')),
        ("arabic-indic digits", (s, _) => Digits(s, '\u0660')),
        ("devanagari digits", (s, _) => Digits(s, '\u0966')),
        ("digits spaced out", (s, _) => SpacedOut(s)),
    ];

    private static string Insert(string s, string invisible, Random random)
    {
        var at = 1 + random.Next(Math.Max(1, s.Length - 2));
        return s.Insert(at, invisible);
    }

    private static string Digits(string s, char zero) =>
        string.Concat(s.Select(c => char.IsAsciiDigit(c) ? ((char)(zero + (c - '0'))).ToString() : c.ToString()));

    /// <summary>"811218-9876" → "8 1 1 2 1 8 - 9 8 7 6".</summary>
    private static string SpacedOut(string s) => string.Join(' ', s.Where(c => c != ' ').Select(c => c.ToString()));

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

    private static string Personnummer(Random random, bool coordination)
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var born = today.AddDays(-random.Next(1, 99 * 365));
        var yymmdd = $"{born.Year % 100:00}{born.Month:00}{born.Day + (coordination ? 60 : 0):00}";
        var serial = random.Next(1, 1000).ToString("000", CultureInfo.InvariantCulture);
        var digits = $"{yymmdd}{serial}{Luhn(yymmdd + serial)}";
        return random.Next(3) switch
        {
            0 => $"{digits[..6]}-{digits[6..]}",
            1 => $"{born.Year / 100}{digits[..6]}-{digits[6..]}",
            _ => $"{digits[..6]}-{digits[6..]}",
        };
    }

    private static string Phone(Random random) => random.Next(4) switch
    {
        0 => $"07{random.Next(0, 4)}-{random.Next(100, 1000)} {random.Next(10, 100)} {random.Next(10, 100)}",
        1 => $"08-{random.Next(100, 1000)} {random.Next(100, 1000)} {random.Next(10, 100)}",
        2 => $"+46 7{random.Next(0, 4)} {random.Next(100, 1000)} {random.Next(10, 100)} {random.Next(10, 100)}",
        _ => $"031-{random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}",
    };

    private static string Email(Random random)
    {
        var names = new[] { "kontakt", "nordvind", "a.berg", "vit.kraft88", "info", "hemligt_konto" };
        var domains = new[] { "example.com", "example.se", "kommun.example", "mail.example.org" };
        return $"{names[random.Next(names.Length)]}{random.Next(100)}@{domains[random.Next(domains.Length)]}";
    }

    private static Written Write(int seed)
    {
        var random = new Random(seed);
        var kind = random.Next(4);
        var (value, expected, variants) = kind switch
        {
            0 => (Personnummer(random, false), IdentifierKinds.Personnummer, Variants),
            1 => (Personnummer(random, true), IdentifierKinds.Samordningsnummer, Variants),
            2 => (Phone(random), IdentifierKinds.Phone, [.. Variants.Where(v => v.Name != "digits spaced out"), ("dots between groups", (s, _) => s.Replace(' ', '.').Replace('-', '.'))]),
            _ => (Email(random), IdentifierKinds.Email, [
                ("ascii", (s, _) => s),
                ("full-width at-sign", (s, _) => s.Replace('@', '\uFF20')),
                ("no-break spaces around the at-sign", (s, _) => s.Replace("@", "\u00A0@\u00A0", StringComparison.Ordinal)),
                ("zero-width space inside", (s, r) => Insert(s, "\u200B", r)),
                ("soft hyphen inside", (s, r) => Insert(s, "\u00AD", r)),
                ("full-width letters", (s, _) => string.Concat(s.Select(c => c is >= 'a' and <= 'z' ? ((char)(c - 'a' + '\uFF41')).ToString() : c.ToString()))),
            ]),
        };
        var (name, apply) = variants[random.Next(variants.Length)];
        var written = apply(value, random);
        var before = new[] { "Uppgiften ", "Hans nummer: ", "enligt lappen ", "(" }[random.Next(4)];
        var after = new[] { " stod på lappen.", ") lämnades av mannen", ".", " och mer vet vi inte" }[random.Next(4)];
        return new Written(before + written + after, before.Length, before.Length + written.Length, expected, name);
    }

    // Seeds over the whole range (an int arbitrary stays near zero at small sizes, which would repeat a few hundred cases).
    private static Arbitrary<Written> Identifiers() => Gen.Choose(0, int.MaxValue - 1).Select(Write).ToArbitrary();

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property EveryWrittenFormIsFoundAsABlockingFindingThatCoversIt() =>
        Prop.ForAll(Identifiers(), written =>
        {
            var findings = Scanner.Scan(written.Text);
            return findings.Any(f => f.Blocking && f.Start <= written.Start && f.End >= written.End && f.Start < written.End)
                .Label($"{written} → {string.Join(", ", findings.Select(f => $"{f.Kind} {f.Start}–{f.End}"))} (expected {written.Start}–{written.End})");
        });

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property TheApiRefusesAReportWithAnyWrittenForm() =>
        Prop.ForAll(Identifiers(), written =>
        {
            var report = SampleReports.Valid(written.Text);
            report["confirmNoIdentifiers"] = true; // blocking kinds cannot be confirmed away
            using var response = Client.PostAsJsonAsync("/api/reports", report).GetAwaiter().GetResult();
            return (response.StatusCode == HttpStatusCode.UnprocessableEntity).Label($"{written} → {(int)response.StatusCode}");
        });

    /// <summary>Characters from every corner that pasted text reaches: digits of several scripts, dashes, spaces, format characters, emoji, combining marks, lone surrogates.</summary>
    private static Arbitrary<string> Unicode()
    {
        string[] pieces =
        [
            "a", "Ö", "é", "1", "7", "١", "٢", "۳", "४", "０", "９", "১", "-", "–", "‑", "−", "—", " ", "\u00A0", "\u2009", "\u200B", "\u200D",
            "\u00AD", "\u2060", "\uFEFF", "\u202E", "\u2066", "@", "＠", ".", "/", ":", "+", "😀", "👩‍👧", "\u0301", "\u0308", "\uD800", "\uDC00",
            "\n", "\r\n", "\t", "\u0000", "\u001B", "ﬁ", "²", "½", "Ⅻ", "ß", "İ", "ı", "\uFFFD", "\u2028", "漢", "ש", "ع",
        ];
        return Gen.ArrayOf(Gen.Elements(pieces))
            .Select(parts => string.Concat(parts))
            .Select(s => "Text " + s + " 811218-9876 " + s)
            .ToArbitrary();
    }

    [FsCheck.NUnit.Property(MaxTest = 120)]
    public Property NoTextGivesA5xxFromTheCheckTheApiOrTheForm() =>
        Prop.ForAll(Unicode(), text =>
        {
            using var check = Client.PostAsJsonAsync("/api/identifier-check", new { text }).GetAwaiter().GetResult();
            using var report = Client.PostAsJsonAsync("/api/reports", SampleReports.Valid(text)).GetAwaiter().GetResult();
            var form = PostFormAsync(text).GetAwaiter().GetResult();
            var statuses = new[] { (int)check.StatusCode, (int)report.StatusCode, form };
            return statuses.All(s => s < 500).Label($"{string.Join(",", statuses)} for {Escape(text)}");
        });

    private async Task<int> PostFormAsync(string description)
    {
        var page = await Client.GetStringAsync("/");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value),
            ["kind"] = "incident",
            ["occurredOn"] = "2026-11-20",
            ["unit"] = "grundskola",
            ["environment"] = "white-power",
            ["observations"] = "stickers",
            ["description"] = description,
        });
        using var response = await Client.PostAsync("/", form);
        return (int)response.StatusCode;
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));

    [TestCase("\u202E")]
    [TestCase("\u202A")]
    [TestCase("\u2067")]
    [TestCase("\u2069")]
    public async Task ABidiControlIsRefusedNamingTheField(string control)
    {
        var report = SampleReports.Valid($"Numret 9876-812118{control} stod på väggen i korridoren.");
        report["confirmNoIdentifiers"] = true;

        using var response = await Client.PostAsJsonAsync("/api/reports", report);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("\"description\"").And.Contain("riktning"));
    }

    [Test]
    public async Task TheFormExplainsABidiControlInSwedish()
    {
        var status = await PostFormAsync("Klotter i korridoren\u202E med text.");
        var page = await Client.GetStringAsync("/");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(page, Does.Contain("Rapportera"), "the form still answers");
    }

    [Test]
    public async Task FullWidthDigitsNextToAsciiOnesGiveNo500()
    {
        // Once int.Parse on a \d match: "１2" parsed as digits by the regex, refused by the parser.
        foreach (var text in new[] { "Nummer １2 3456-7890 här", "pnr ８11218-9876", "ring 0７0-174 06 12", "１２３４５６-７８９０" })
        {
            using var check = await Client.PostAsJsonAsync("/api/identifier-check", new { text });
            using var report = await Client.PostAsJsonAsync("/api/reports", SampleReports.Valid(text));
            Assert.That((int)check.StatusCode, Is.LessThan(500), text);
            Assert.That((int)report.StatusCode, Is.LessThan(500), text);
        }
    }

    [Test]
    public void FindingsCoverTheInvisibleCharactersInsideAnIdentifier()
    {
        const string text = "pnr 811218\u200B-98\u00AD76 enligt blanketten";

        var finding = Scanner.Scan(text).Single(f => f.Kind == IdentifierKinds.Personnummer);

        Assert.That(text[finding.Start..finding.End], Is.EqualTo("811218\u200B-98\u00AD76"));
    }
}
