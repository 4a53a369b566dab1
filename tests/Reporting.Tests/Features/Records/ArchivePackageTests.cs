using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Records;

/// <summary>
/// <c>archive --year</c>: the package's METS manifest validates against the METS schema's elements, every
/// file it names is in the package with the size and SHA-256 it states, and the documents read back.
/// </summary>
[TestFixture]
public sealed class ArchivePackageTests
{
    private static readonly XNamespace Mets = "http://www.loc.gov/METS/";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    [Test]
    public async Task ThePackageValidatesAndItsChecksumsMatchItsFiles()
    {
        using var folder = new TempFolder();
        var year = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).Year;
        var references = new List<string>();
        using (var host = new ReportingHost(folder.Path))
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await host.SubmitAsync(SampleReports.Valid("Qz5Arkivtext om klistermärken vid entrén."));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            references.AddRange(await host.ReadColumnAsync("SELECT CAST(ReferenceYear AS TEXT) || '-' || printf('%03d', ReferenceNumber) FROM Reports ORDER BY ReferenceNumber"));
        }

        var zipPath = folder.File("arkiv", $"arkiv-{year}.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "archive", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", zipPath);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(zipPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        using var zip = ZipFile.OpenRead(zipPath);
        var root = zip.Entries[0].FullName.Split('/')[0];
        Assert.That(zip.Entries.Select(e => e.FullName), Has.All.StartWith(root + "/"), "one package folder");
        byte[] Read(string path)
        {
            var entry = zip.GetEntry($"{root}/{path}") ?? throw new AssertionException($"{path} is not in the package");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        var metsBytes = Read("METS.xml");
        var schemas = new XmlSchemaSet();
        var schemaFolder = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "tests", "Reporting.Tests", "Features", "Records", "Schemas");
        schemas.Add("http://www.w3.org/1999/xlink", Path.Combine(schemaFolder, "xlink-attributes.xsd"));
        schemas.Add("http://www.loc.gov/METS/", Path.Combine(schemaFolder, "mets-package.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using (var reader = XmlReader.Create(new MemoryStream(metsBytes), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.That(errors, Is.Empty, "METS.xml validates");

        // The schema is not a formality: a manifest without a file's location type, or with an unknown checksum type, fails.
        var broken = System.Text.Encoding.UTF8.GetString(metsBytes).Replace("LOCTYPE=\"URL\"", "", StringComparison.Ordinal).Replace("SHA-256", "SHA-999", StringComparison.Ordinal);
        var brokenErrors = new List<string>();
        var brokenSettings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        brokenSettings.ValidationEventHandler += (_, e) => brokenErrors.Add(e.Message);
        using (var reader = XmlReader.Create(new StringReader(broken), brokenSettings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.That(brokenErrors, Is.Not.Empty);
        var mets = XDocument.Load(new MemoryStream(metsBytes));
        var files = mets.Descendants(Mets + "file").ToList();
        Assert.That(files, Has.Count.EqualTo(3));
        foreach (var file in files.Append(mets.Descendants(Mets + "mdRef").Single()))
        {
            var href = (file.Name == Mets + "file" ? file.Element(Mets + "FLocat")! : file).Attribute(XLink + "href")!.Value;
            var content = Read(href);
            Assert.That(long.Parse(file.Attribute("SIZE")!.Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(content.Length), href);
            Assert.That(file.Attribute("CHECKSUM")!.Value, Is.EqualTo(Convert.ToHexString(SHA256.HashData(content))), href);
            Assert.That(file.Attribute("CHECKSUMTYPE")!.Value, Is.EqualTo("SHA-256"));
        }

        var register = System.Text.Encoding.UTF8.GetString(Read($"representations/rep1/data/registerutdrag-{year}.csv"));
        Assert.That(references, Has.All.Matches<string>(r => register.Contains(r!, StringComparison.Ordinal)), "the register extract lists every report");
        using (var summary = new PdfReading(Read($"representations/rep1/data/arssammanstallning-{year}.pdf")))
        {
            Assert.That(summary.AllText, Does.Contain(year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        using (var picture = new PdfReading(Read($"representations/rep1/data/lagesbild-{year}.pdf")))
        {
            Assert.That(picture.AllText, Does.Contain("Lägesbild").IgnoreCase);
        }

        var everything = string.Concat(zip.Entries.Select(e => e.FullName)) + System.Text.Encoding.Latin1.GetString(metsBytes) + register;
        Assert.That(everything, Does.Not.Contain("Qz5Arkivtext"), "no report content in the package");
        Assert.That(Read("metadata/preservation/premis.xml"), Is.Not.Empty);

        var again = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "archive", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", zipPath);
        Assert.That(again.ExitCode, Is.Not.Zero, "an existing file is never overwritten");
    }
}
