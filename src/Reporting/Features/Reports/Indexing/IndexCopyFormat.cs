using System.Text;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// The index copy's bytes: a header (version, the report clock, the slots of each set and a
/// dictionary of codes, padded to a whole block), then every report as an entry of one fixed size
/// whose codes are numbers into the dictionary. So the sealed length says how many reports there
/// are (which the references say anyway) and nothing about their codes: a report with eleven
/// observations is as long as one with one. The dictionary holds every code the service knows
/// (the closed lists, the units and areas) and any other a report holds, padded to <see cref="HeaderBlock"/>,
/// so it does not tell which codes are in use either. Uncompressed (compression would make the
/// length depend on the codes again); a different version reads as no copy, so a change of the
/// index's shape only costs one start that builds from the reports.
/// </summary>
internal static class IndexCopyFormat
{
    /// <summary>The layout's own number: raise it when the way an entry is written changes.</summary>
    private const int LayoutVersion = 5;
    private const int HeaderBlock = 4096;
    private const ushort NoCode = ushort.MaxValue;

    /// <summary>A set holds each code of its closed list at most once: its slots are the list's length.</summary>
    private static readonly int ForwardedToSlots = ReportCodes.ForwardedTo.Entries.Count;
    private static readonly int ObservationSlots = ReportCodes.Observation.Entries.Count;
    private static readonly int ActionSlots = ClosedQuestions.ActionsTaken.Codes.Entries.Count;

    /// <summary>The symbols' catalogue is configurable, so their slots are the most a report may name.</summary>
    private static readonly int SymbolSlots = Symbols.SymbolCatalogue.MaxPerReport;

    /// <summary>The codes every copy's dictionary holds whatever the reports use.</summary>
    private static IReadOnlyList<string> ClosedListCodes(ClosedQuestions questions) =>
    [
        .. ReportStatus.Codes.Codes, .. ReportCodes.Kind.Codes, .. ReportCodes.Environment.Codes, .. ReportCodes.Observation.Codes,
        .. questions.SelectMany(q => q.Codes.Codes), .. ReportCodes.ForwardedTo.Codes, .. ReportCodes.Channel.Codes, ReportCodes.Unknown,
    ];

    /// <summary>
    /// The version a copy carries: the layout's number and a fingerprint of what an entry is made
    /// from (every property of <see cref="ReportFacets"/> and <see cref="IndexedReport"/>, every
    /// closed question and every closed list's codes). A field, a question or a code added to the
    /// declarations changes it by itself, so a copy written before is read as no copy (the index builds
    /// from the reports once) instead of being misread; nobody has to remember to raise a number.
    /// </summary>
    private static int Version(ClosedQuestions questions) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Shape(questions))));

    /// <summary>What the version is a fingerprint of, in words (internal for the test that holds it to the declarations).</summary>
    internal static string Shape(ClosedQuestions? questions = null)
    {
        questions ??= ClosedQuestions.Standard;
        return string.Join('|',
        [
            $"layout {LayoutVersion}",
            .. typeof(ReportFacets).GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"facets.{p.Name}:{p.PropertyType}"),
            .. typeof(IndexedReport).GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"report.{p.Name}:{p.PropertyType}"),
            .. questions.Select(q => $"question.{q.Name}:{(q.IsSet ? "set" : "one")}:{(q.IsOther ? "other" : "own")}"),
            .. ClosedListCodes(questions),
        ]);
    }

    /// <summary>Bytes of one entry with these slots (every entry of a copy has this size).</summary>
    public static int EntrySize(int forwardedTo, int observations, int actions, int symbols, int otherAnswers = 0) =>
        16 + 4 + 4 + 4 + 2 + 4 + (2 * forwardedTo) + 2 + 4 + 2 + 2 + 2 + (2 * observations) + 2 + 2 + 2 + 2 + (2 * actions) + (2 * symbols) + 2 + 2 + 2 + 4 + 4 + 8 + 4
        + 2 + (2 * otherAnswers);

    /// <summary>The slots of the questions kept by name: one for a single choice, the list's length for a set.</summary>
    private static int OtherSlots(ClosedQuestion question) => question.IsSet ? question.Codes.Entries.Count : 1;

    public static byte[] Write(IReadOnlyList<IndexedReport> oldestFirst, ReportClockReading clock, IEnumerable<string> knownCodes, ClosedQuestions? questions = null)
    {
        questions ??= ClosedQuestions.Standard;
        var others = questions.Where(q => q.IsOther).ToList();
        var dictionary = Dictionary(oldestFirst, [.. knownCodes, .. ClosedListCodes(questions)], others);
        var numbers = dictionary.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => checked((ushort)p.i), StringComparer.Ordinal);
        var otherSlots = others.Sum(OtherSlots);
        using var stream = new MemoryStream(HeaderBlock + oldestFirst.Count * EntrySize(ForwardedToSlots, ObservationSlots, ActionSlots, SymbolSlots, otherSlots));
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version(questions));
            writer.Write(clock.Revision);
            writer.Write(clock.Deletions);
            writer.Write(ForwardedToSlots);
            writer.Write(ObservationSlots);
            writer.Write(ActionSlots);
            writer.Write(SymbolSlots);
            writer.Write(dictionary.Count);
            foreach (var code in dictionary)
            {
                writer.Write(code);
            }

            writer.Write(new byte[PaddingTo(stream.Position + 4, HeaderBlock)]);
            writer.Write(oldestFirst.Count);
            foreach (var report in oldestFirst)
            {
                var facets = report.Facets;
                writer.Write(report.Id.ToByteArray());
                writer.Write(report.Reference.Year);
                writer.Write(report.Reference.Number);
                writer.Write(report.ReceivedOn.DayNumber);
                writer.Write(numbers[report.Status.Code]);
                writer.Write(report.ClosedOn?.DayNumber ?? -1);
                WriteSet(writer, report.ForwardedTo, ForwardedToSlots, numbers);
                writer.Write(numbers[facets.Kind]);
                writer.Write(facets.OccurredOn.DayNumber);
                writer.Write(numbers[facets.Unit]);
                writer.Write(numbers[facets.Area]);
                writer.Write(numbers[facets.Environment]);
                WriteSet(writer, facets.Observations, ObservationSlots, numbers);
                writer.Write(numbers[facets.PlaceCategory]);
                writer.Write(numbers[facets.AgeGroup]);
                writer.Write(numbers[facets.Gender]);
                writer.Write(numbers[facets.PeopleInvolved]);
                WriteSet(writer, facets.ActionsTaken, ActionSlots, numbers);
                WriteSet(writer, facets.Symbols, SymbolSlots, numbers);
                writer.Write(numbers[facets.Channel]);
                writer.Write(facets.AssessedEnvironment is { } assessed ? numbers[assessed] : NoCode);
                writer.Write(facets.Secrecy is { } secrecy ? numbers[secrecy] : NoCode);
                var linked = ReportReference.TryParse(facets.LinkedTo, out var link) ? link : default;
                writer.Write(linked.Year);
                writer.Write(linked.Number);
                writer.Write(report.Revision);
                writer.Write(report.UnreadReplies);
                writer.Write(report.Administration is { } administration ? numbers[administration] : NoCode);
                foreach (var question in others)
                {
                    WriteSet(writer, question.Of(facets), OtherSlots(question), numbers);
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>The copy's reports and clock, codes interned through <paramref name="code"/>; null when it is of another version.</summary>
    public static (List<IndexedReport> OldestFirst, ReportClockReading Clock)? Read(
        byte[] bytes, Func<string, string> code, Func<IReadOnlyList<string>, IReadOnlyList<string>> codes, ClosedQuestions? questions = null)
    {
        questions ??= ClosedQuestions.Standard;
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        if (reader.ReadInt32() != Version(questions))
        {
            return null;
        }

        var others = questions.Where(q => q.IsOther).ToList();

        var clock = new ReportClockReading(reader.ReadInt64(), reader.ReadInt64());
        var (forwardedSlots, observationSlots, actionSlots, symbolSlots) = (Slots(reader), Slots(reader), Slots(reader), Slots(reader));
        var dictionaryCount = reader.ReadInt32();
        if (dictionaryCount is < 0 or > NoCode)
        {
            throw new InvalidDataException("The index copy's dictionary has an impossible size.");
        }

        var dictionary = new string[dictionaryCount];
        for (var i = 0; i < dictionaryCount; i++)
        {
            dictionary[i] = code(reader.ReadString());
        }

        reader.BaseStream.Seek(PaddingTo(reader.BaseStream.Position + 4, HeaderBlock), SeekOrigin.Current);
        var count = reader.ReadInt32();
        var entrySize = EntrySize(forwardedSlots, observationSlots, actionSlots, symbolSlots, others.Sum(OtherSlots));
        if (count < 0 || bytes.Length - reader.BaseStream.Position != (long)count * entrySize)
        {
            throw new InvalidDataException("The index copy's length does not match its report count.");
        }

        string Code(ushort number) => number < dictionary.Length ? dictionary[number] : throw new InvalidDataException("The index copy names a code it does not have.");
        IReadOnlyList<string> Set(int slots) => codes([.. Enumerable.Range(0, slots).Select(_ => reader.ReadUInt16()).Where(n => n != NoCode).Select(Code)]);

        var reports = new List<IndexedReport>(count);
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            reader.BaseStream.ReadExactly(id);
            var reportId = new Guid(id);
            var reference = new ReportReference(reader.ReadInt32(), reader.ReadInt32());
            var receivedOn = DateOnly.FromDayNumber(reader.ReadInt32());
            var status = ReportStatus.FromCode(Code(reader.ReadUInt16()));
            var closed = reader.ReadInt32();
            var forwardedTo = Set(forwardedSlots);
            // Read in the order written; the symbols stand between the actions and the channel.
            var (kind, occurredOn, unit, area, environment) = (Code(reader.ReadUInt16()), DateOnly.FromDayNumber(reader.ReadInt32()), Code(reader.ReadUInt16()), Code(reader.ReadUInt16()), Code(reader.ReadUInt16()));
            var observations = Set(observationSlots);
            var (placeCategory, ageGroup, gender, peopleInvolved) = (Code(reader.ReadUInt16()), Code(reader.ReadUInt16()), Code(reader.ReadUInt16()), Code(reader.ReadUInt16()));
            var actions = Set(actionSlots);
            var symbols = Set(symbolSlots);
            var channel = Code(reader.ReadUInt16());
            var assessed = reader.ReadUInt16();
            var secrecy = reader.ReadUInt16();
            var linked = new ReportReference(reader.ReadInt32(), reader.ReadInt32());
            var facets = new ReportFacets(
                kind, occurredOn, unit, area, environment, observations, placeCategory, ageGroup, gender, peopleInvolved, actions, channel,
                AssessedEnvironment: assessed != NoCode ? Code(assessed) : null,
                LinkedTo: linked.Year > 0 ? linked.ToString() : null)
            {
                Symbols = symbols,
                Secrecy = secrecy != NoCode ? Code(secrecy) : null,
            };
            var (revision, unread, administration) = (reader.ReadInt64(), reader.ReadInt32(), reader.ReadUInt16());
            if (others.Count > 0)
            {
                var answers = others.Select(q => (q.Name, Codes: Set(OtherSlots(q)))).Where(a => a.Codes.Count > 0).ToDictionary(a => a.Name, a => a.Codes, StringComparer.Ordinal);
                facets = facets with { OtherAnswers = answers.Count > 0 ? answers : null };
            }

            reports.Add(new IndexedReport(reportId, reference, receivedOn, status, closed < 0 ? null : DateOnly.FromDayNumber(closed), forwardedTo, facets, revision, unread,
                administration != NoCode ? Code(administration) : null));
        }

        return (reports, clock);
    }

    /// <summary>Every known code and every code a report holds, in one order (sorted, so the dictionary says nothing of which came first).</summary>
    private static List<string> Dictionary(IReadOnlyList<IndexedReport> oldestFirst, IEnumerable<string> knownCodes, IReadOnlyList<ClosedQuestion> others)
    {
        var all = new HashSet<string>(knownCodes, StringComparer.Ordinal);
        foreach (var report in oldestFirst)
        {
            var facets = report.Facets;
            all.Add(facets.Unit);
            all.Add(facets.Area);
            // A code no longer in a closed list (stored before a list changed) still has to be written.
            all.UnionWith([report.Status.Code, facets.Kind, facets.Environment, facets.PlaceCategory, facets.AgeGroup, facets.Gender, facets.PeopleInvolved, facets.Channel]);
            all.UnionWith(report.ForwardedTo);
            all.UnionWith(facets.Observations);
            all.UnionWith(facets.ActionsTaken);
            all.UnionWith(facets.Symbols);
            if (report.Administration is { } administration)
            {
                all.Add(administration);
            }

            foreach (var question in others)
            {
                all.UnionWith(question.Of(facets));
            }
            if (facets.AssessedEnvironment is { } assessed)
            {
                all.Add(assessed);
            }

            if (facets.Secrecy is { } secrecy)
            {
                all.Add(secrecy);
            }
        }

        return [.. all.Order(StringComparer.Ordinal)];
    }

    private static void WriteSet(BinaryWriter writer, IReadOnlyList<string> set, int slots, Dictionary<string, ushort> numbers)
    {
        if (set.Count > slots)
        {
            throw new InvalidDataException("A report holds more codes in a set than its closed list has.");
        }

        foreach (var item in set)
        {
            writer.Write(numbers[item]);
        }

        for (var i = set.Count; i < slots; i++)
        {
            writer.Write(NoCode);
        }
    }

    private static int Slots(BinaryReader reader) =>
        reader.ReadInt32() is var slots and >= 0 and <= 1000 ? slots : throw new InvalidDataException("The index copy has a set of an impossible size.");

    private static int PaddingTo(long position, int block) => (int)((block - (position % block)) % block);
}
