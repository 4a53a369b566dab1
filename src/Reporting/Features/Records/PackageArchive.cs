using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Records;

/// <summary>
/// The year's documents that are kept for ever, as a submission information package for the
/// municipality's e-archive: the yearly summary and the lägesbild as PDF and the register extract as
/// CSV, described by a METS manifest in the E-ARK common specification's shape (the structure the
/// Swedish FGS Paketstruktur builds on) with a SHA-256 checksum and size per file, and PREMIS events
/// for how the package was made. No report content is in it.
/// </summary>
public sealed record PackageArchiveCommand(string Actor, int Year) : ICommand<ArchivePackage>;

public sealed record ArchivePackage(string Id, byte[] Zip, IReadOnlyList<string> Files);

public sealed class PackageArchiveHandler(IMediator mediator, ReportingDbContext db, AuditLog audit, OrganisationProfile organisation, TimeProvider time)
    : ICommandHandler<PackageArchiveCommand, ArchivePackage>
{
    public static readonly XNamespace Mets = "http://www.loc.gov/METS/";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";
    public static readonly XNamespace Csip = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    public static readonly XNamespace Premis = "http://www.loc.gov/premis/v3";

    public async ValueTask<ArchivePackage> Handle(PackageArchiveCommand command, CancellationToken cancellationToken)
    {
        var year = await mediator.Send(new ExportYearSummaryQuery(command.Actor, command.Year, SummaryVariant.Internal), cancellationToken);
        var picture = await mediator.Send(new ExportSituationPictureQuery(command.Actor, command.Year, SummaryVariant.Internal, SituationPictureFormat.Pdf), cancellationToken);
        var register = await mediator.Send(new GetRegisterQuery(command.Actor, command.Year, "arkiv"), cancellationToken);
        var now = time.GetUtcNow();
        var id = $"reporting-{command.Year}-{now.UtcDateTime:yyyyMMddHHmmss}";
        List<(string Path, string MimeType, byte[] Content)> files =
        [
            ($"representations/rep1/data/arssammanstallning-{command.Year}.pdf", "application/pdf", year.Content),
            ($"representations/rep1/data/lagesbild-{command.Year}.pdf", "application/pdf", picture.Content),
            ($"representations/rep1/data/registerutdrag-{command.Year}.csv", "text/csv", RegisterDocuments.Csv(register)),
        ];
        var premis = Encode(PremisDocument(id, files, now));
        var mets = Encode(MetsDocument(id, command.Year, files, premis, now));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files.Select(f => (f.Path, f.Content)).Prepend(("metadata/preservation/premis.xml", premis)).Prepend(("METS.xml", mets)))
            {
                var entry = archive.CreateEntry($"{id}/{path}", CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                await using var stream = entry.Open();
                await stream.WriteAsync(content, cancellationToken);
            }
        }

        await audit.AppendNowAsync(db, command.Actor, AuditActions.ArchivePackaged, detail: $"{command.Year}, {files.Count} filer", cancellationToken: cancellationToken);
        return new ArchivePackage(id, zip.ToArray(), [.. files.Select(f => f.Path).Prepend("metadata/preservation/premis.xml").Prepend("METS.xml")]);
    }

    private XDocument MetsDocument(string id, int year, List<(string Path, string MimeType, byte[] Content)> files, byte[] premis, DateTimeOffset now)
    {
        var created = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Mets + "mets",
                new XAttribute(XNamespace.Xmlns + "mets", Mets),
                new XAttribute(XNamespace.Xmlns + "xlink", XLink),
                new XAttribute(XNamespace.Xmlns + "csip", Csip),
                new XAttribute("OBJID", id),
                new XAttribute("LABEL", $"Rapporter om oro och händelser – våldsbejakande extremism, {year}"),
                new XAttribute("TYPE", "Other"),
                new XAttribute(Csip + "OTHERTYPE", "Lägesbild och sammanställningar"),
                new XAttribute(Csip + "CONTENTINFORMATIONTYPE", "MIXED"),
                new XAttribute("PROFILE", "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"),
                new XElement(Mets + "metsHdr",
                    new XAttribute("CREATEDATE", created),
                    new XAttribute("RECORDSTATUS", "NEW"),
                    new XAttribute(Csip + "OAISPACKAGETYPE", "SIP"),
                    new XElement(Mets + "agent", new XAttribute("ROLE", "CREATOR"), new XAttribute("TYPE", "OTHER"), new XAttribute("OTHERTYPE", "SOFTWARE"),
                        new XElement(Mets + "name", "Reporting"),
                        new XElement(Mets + "note", new XAttribute(Csip + "NOTETYPE", "SOFTWARE VERSION"), typeof(PackageArchiveHandler).Assembly.GetName().Version?.ToString() ?? "1.0")),
                    new XElement(Mets + "agent", new XAttribute("ROLE", "ARCHIVIST"), new XAttribute("TYPE", "ORGANIZATION"),
                        new XElement(Mets + "name", organisation.Name))),
                new XElement(Mets + "amdSec",
                    new XElement(Mets + "digiprovMD", new XAttribute("ID", "digiprov-premis"),
                        new XElement(Mets + "mdRef",
                            new XAttribute("LOCTYPE", "URL"), new XAttribute(XLink + "type", "simple"), new XAttribute(XLink + "href", "metadata/preservation/premis.xml"),
                            new XAttribute("MDTYPE", "PREMIS"), new XAttribute("MIMETYPE", "text/xml"), new XAttribute("SIZE", premis.Length), new XAttribute("CREATED", created),
                            new XAttribute("CHECKSUM", Sha256(premis)), new XAttribute("CHECKSUMTYPE", "SHA-256")))),
                new XElement(Mets + "fileSec", new XAttribute("ID", "filesec"),
                    new XElement(Mets + "fileGrp", new XAttribute("ID", "filegrp-rep1"), new XAttribute("USE", "Representations/rep1"),
                        files.Select((file, i) => new XElement(Mets + "file",
                            new XAttribute("ID", $"file-{i + 1}"), new XAttribute("MIMETYPE", file.MimeType), new XAttribute("SIZE", file.Content.Length),
                            new XAttribute("CREATED", created), new XAttribute("CHECKSUM", Sha256(file.Content)), new XAttribute("CHECKSUMTYPE", "SHA-256"),
                            new XElement(Mets + "FLocat", new XAttribute("LOCTYPE", "URL"), new XAttribute(XLink + "type", "simple"), new XAttribute(XLink + "href", file.Path)))))),
                new XElement(Mets + "structMap", new XAttribute("TYPE", "PHYSICAL"), new XAttribute("LABEL", "CSIP"),
                    new XElement(Mets + "div", new XAttribute("ID", "struct-root"), new XAttribute("LABEL", id),
                        new XElement(Mets + "div", new XAttribute("ID", "struct-metadata"), new XAttribute("LABEL", "Metadata"), new XAttribute("ADMID", "digiprov-premis")),
                        new XElement(Mets + "div", new XAttribute("ID", "struct-rep1"), new XAttribute("LABEL", "Representations/rep1"),
                            files.Select((_, i) => new XElement(Mets + "fptr", new XAttribute("FILEID", $"file-{i + 1}"))))))));
    }

    /// <summary>PREMIS: each file as an object with its fixity, and the event that made the package.</summary>
    private XDocument PremisDocument(string id, List<(string Path, string MimeType, byte[] Content)> files, DateTimeOffset now) =>
        new(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Premis + "premis", new XAttribute("version", "3.0"),
                new XAttribute(XNamespace.Xmlns + "premis", Premis),
                new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                files.Select((file, i) => new XElement(Premis + "object",
                    new XAttribute(XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance") + "type", "premis:file"),
                    new XElement(Premis + "objectIdentifier", new XElement(Premis + "objectIdentifierType", "local"), new XElement(Premis + "objectIdentifierValue", $"file-{i + 1}")),
                    new XElement(Premis + "objectCharacteristics",
                        new XElement(Premis + "fixity", new XElement(Premis + "messageDigestAlgorithm", "SHA-256"), new XElement(Premis + "messageDigest", Sha256(file.Content))),
                        new XElement(Premis + "size", file.Content.Length),
                        new XElement(Premis + "format", new XElement(Premis + "formatDesignation", new XElement(Premis + "formatName", file.MimeType)))),
                    new XElement(Premis + "originalName", file.Path))),
                new XElement(Premis + "event",
                    new XElement(Premis + "eventIdentifier", new XElement(Premis + "eventIdentifierType", "local"), new XElement(Premis + "eventIdentifierValue", $"{id}-creation")),
                    new XElement(Premis + "eventType", "creation"),
                    new XElement(Premis + "eventDateTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    new XElement(Premis + "eventDetailInformation", new XElement(Premis + "eventDetail", $"Arkivpaket skapat av Reporting för {organisation.Name}")),
                    new XElement(Premis + "eventOutcomeInformation", new XElement(Premis + "eventOutcome", "success")))));

    private static byte[] Encode(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content));
}
