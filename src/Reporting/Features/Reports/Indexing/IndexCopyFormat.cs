using System.Text;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// The index copy's bytes: a version, the report clock, then every report's columns and codes.
/// Binary and uncompressed (compression would make the sealed length say something about the
/// codes); a different version reads as no copy, so a change of the index's shape only costs one
/// start that builds from the reports.
/// </summary>
internal static class IndexCopyFormat
{
    private const int Version = 1;

    public static byte[] Write(IReadOnlyList<IndexedReport> oldestFirst, ReportClockReading clock)
    {
        using var stream = new MemoryStream(64 + oldestFirst.Count * 160);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(clock.Revision);
            writer.Write(clock.Deletions);
            writer.Write(oldestFirst.Count);
            foreach (var report in oldestFirst)
            {
                writer.Write(report.Id.ToByteArray());
                writer.Write(report.Reference.Year);
                writer.Write(report.Reference.Number);
                writer.Write(report.ReceivedOn.DayNumber);
                writer.Write(report.Status.Code);
                writer.Write(report.ClosedOn?.DayNumber ?? -1);
                WriteList(writer, report.ForwardedTo);
                var facets = report.Facets;
                writer.Write(facets.Kind);
                writer.Write(facets.OccurredOn.DayNumber);
                writer.Write(facets.Unit);
                writer.Write(facets.Area);
                writer.Write(facets.Environment);
                WriteList(writer, facets.Observations);
                writer.Write(facets.PlaceCategory);
                writer.Write(facets.AgeGroup);
                writer.Write(facets.Gender);
                writer.Write(facets.PeopleInvolved);
                WriteList(writer, facets.ActionsTaken);
                writer.Write(facets.Channel);
                WriteOptional(writer, facets.AssessedEnvironment);
                WriteOptional(writer, facets.LinkedTo);
                writer.Write(report.Revision);
                writer.Write(report.UnreadReplies);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The copy's reports and clock, codes interned through <paramref name="code"/>; null when it is of another version.</summary>
    public static (List<IndexedReport> OldestFirst, ReportClockReading Clock)? Read(
        byte[] bytes, Func<string, string> code, Func<IReadOnlyList<string>, IReadOnlyList<string>> codes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        if (reader.ReadInt32() != Version)
        {
            return null;
        }

        var clock = new ReportClockReading(reader.ReadInt64(), reader.ReadInt64());
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException("The index copy's report count is negative.");
        }

        var reports = new List<IndexedReport>(Math.Min(count, bytes.Length / 32));
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            reader.BaseStream.ReadExactly(id);
            var reportId = new Guid(id);
            var reference = new ReportReference(reader.ReadInt32(), reader.ReadInt32());
            var receivedOn = DateOnly.FromDayNumber(reader.ReadInt32());
            var status = ReportStatus.FromCode(reader.ReadString());
            var closed = reader.ReadInt32();
            var forwardedTo = ReadList(reader, codes);
            var facets = new ReportFacets(
                Kind: code(reader.ReadString()),
                OccurredOn: DateOnly.FromDayNumber(reader.ReadInt32()),
                Unit: code(reader.ReadString()),
                Area: code(reader.ReadString()),
                Environment: code(reader.ReadString()),
                Observations: ReadList(reader, codes),
                PlaceCategory: code(reader.ReadString()),
                AgeGroup: code(reader.ReadString()),
                Gender: code(reader.ReadString()),
                PeopleInvolved: code(reader.ReadString()),
                ActionsTaken: ReadList(reader, codes),
                Channel: code(reader.ReadString()),
                AssessedEnvironment: ReadOptional(reader) is { } assessed ? code(assessed) : null,
                LinkedTo: ReadOptional(reader));
            reports.Add(new IndexedReport(reportId, reference, receivedOn, status, closed < 0 ? null : DateOnly.FromDayNumber(closed), forwardedTo, facets, reader.ReadInt64(), reader.ReadInt32()));
        }

        if (reader.BaseStream.Position != bytes.Length)
        {
            throw new InvalidDataException("The index copy has bytes after its last report.");
        }

        return (reports, clock);
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> list)
    {
        writer.Write(list.Count);
        foreach (var item in list)
        {
            writer.Write(item);
        }
    }

    private static IReadOnlyList<string> ReadList(BinaryReader reader, Func<IReadOnlyList<string>, IReadOnlyList<string>> codes)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > 1000)
        {
            throw new InvalidDataException("The index copy has a list of an impossible length.");
        }

        var list = new string[count];
        for (var i = 0; i < count; i++)
        {
            list[i] = reader.ReadString();
        }

        return codes(list);
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
