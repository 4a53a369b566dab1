using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// Writes one PDF out of parts that PDFsharp saved one after another (each a run of pages with its
/// own fonts and structure tree), so a thousand-page list never exists as one document in memory:
/// a part is copied to the output and dropped before the next is drawn. Each part's objects get new
/// numbers; its catalog, page tree, structure root, parent tree and document elements are replaced
/// by the joined document's own, which collect the parts' pages, top-level structure elements and
/// parent-tree entries (shifted past the earlier parts' keys).
/// </summary>
internal sealed partial class PdfPartJoiner(Stream output, string language)
{
    private const int CatalogNumber = 1;
    private const int PageTreeNumber = 2;
    private const int StructureRootNumber = 3;
    private const int DocumentElementNumber = 4;
    private const int ParentTreeNumber = 5;
    private readonly List<long> _offsets = [0, 0, 0, 0, 0];
    private readonly StringBuilder _pageKids = new();
    private readonly StringBuilder _documentKids = new();
    private readonly StringBuilder _parentTree = new();
    private long _position;
    private int _pageCount;
    private int _parentTreeKeys;
    private int? _info;
    private int? _metadata;

    /// <summary>Copies one saved part: every object but its document-level ones, renumbered.</summary>
    public void Append(ReadOnlySpan<byte> part)
    {
        if (_position == 0)
        {
            Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        }

        var objects = PdfPart.Read(part);
        var catalog = objects[objects.Root];
        var pageTree = catalog.Reference("/Pages");
        var structureRoot = catalog.Reference("/StructTreeRoot");
        var outerDocument = objects[structureRoot].Reference("/K");
        var innerDocument = objects[outerDocument].Reference("/K");
        var parentTree = objects[structureRoot].ReferenceOrNull("/ParentTree");
        var numbers = new Dictionary<int, int>
        {
            [objects.Root] = CatalogNumber,
            [pageTree] = PageTreeNumber,
            [structureRoot] = StructureRootNumber,
            [outerDocument] = DocumentElementNumber,
            [innerDocument] = DocumentElementNumber,
        };
        var dropped = new HashSet<int>(numbers.Keys) { catalog.Reference("/ViewerPreferences"), catalog.Reference("/MarkInfo") };
        if (parentTree is { } droppedTree)
        {
            dropped.Add(droppedTree);
        }

        // The first part's information and metadata (title, creator, PDF/UA identification) stand for the whole.
        var keepsDocumentInfo = _info is null;
        if (!keepsDocumentInfo)
        {
            dropped.Add(objects.Info);
            dropped.Add(catalog.Reference("/Metadata"));
        }

        var copied = objects.Numbers.Where(n => !dropped.Contains(n)).ToList();
        foreach (var number in copied)
        {
            numbers[number] = _offsets.Count + 1;
            _offsets.Add(0);
        }

        if (keepsDocumentInfo)
        {
            _info = numbers[objects.Info];
            _metadata = numbers[catalog.Reference("/Metadata")];
        }

        var keyShift = _parentTreeKeys;
        foreach (var number in copied)
        {
            CopyObject(part, objects[number], numbers[number], numbers, keyShift);
        }

        _pageKids.Append(Renumber(objects[pageTree].Value("/Kids").Trim('[', ']'), numbers)).Append(' ');
        _pageCount += int.Parse(objects[pageTree].Value("/Count"), CultureInfo.InvariantCulture);
        // A part with nothing tagged (only a page frame) has no children and no parent-tree entries.
        _documentKids.Append(Renumber((objects[innerDocument].ValueOrNull("/K") ?? "").Trim('[', ']'), numbers)).Append(' ');
        if (parentTree is { } tree && objects[tree].ValueOrNull("/Nums") is { } entries)
        {
            foreach (Match entry in ParentTreeEntry().Matches(Renumber(entries, numbers)))
            {
                _parentTree.Append(int.Parse(entry.Groups[1].Value, CultureInfo.InvariantCulture) + keyShift).Append('[').Append(entry.Groups[2].Value).Append(']');
            }
        }

        _parentTreeKeys += int.Parse(objects[structureRoot].ValueOrNull("/ParentTreeNextKey") ?? "0", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the joined document's own objects, the cross-reference table and the trailer.</summary>
    public void Finish()
    {
        if (_info is null)
        {
            throw new InvalidOperationException("A PDF needs at least one part.");
        }

        WriteObject(PageTreeNumber, $"<</Type/Pages/Count {_pageCount}/Kids[{_pageKids.ToString().TrimEnd()}]>>");
        WriteObject(DocumentElementNumber, $"<</Type/StructElem/S/Document/P {StructureRootNumber} 0 R/K[{_documentKids.ToString().TrimEnd()}]>>");
        WriteObject(ParentTreeNumber, $"<</Nums[{_parentTree}]>>");
        WriteObject(StructureRootNumber, $"<</Type/StructTreeRoot/ParentTree {ParentTreeNumber} 0 R/K {DocumentElementNumber} 0 R/ParentTreeNextKey {_parentTreeKeys}>>");
        WriteObject(CatalogNumber, $"<</Type/Catalog/Lang({EscapeLiteral(language)})/ViewerPreferences<</DisplayDocTitle true>>/MarkInfo<</Marked true>>/StructTreeRoot {StructureRootNumber} 0 R/Pages {PageTreeNumber} 0 R/Metadata {_metadata} 0 R>>");

        var crossReferences = _position;
        var table = new StringBuilder($"xref\n0 {_offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in _offsets)
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        table.Append($"trailer\n<</Size {_offsets.Count + 1}/Root {CatalogNumber} 0 R/Info {_info} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{crossReferences}\n%%EOF\n");
        Write(table.ToString());
    }

    /// <summary>One of the part's objects under its new number, its references renumbered and its stream copied as it is.</summary>
    private void CopyObject(ReadOnlySpan<byte> part, PdfPartObject item, int number, Dictionary<int, int> numbers, int keyShift)
    {
        _offsets[number - 1] = _position;
        Write($"{number} 0 obj\n");
        Write(ShiftStructParents(Renumber(item.Body, numbers), keyShift));
        if (item.Stream is { } stream)
        {
            Write("\nstream\n");
            output.Write(part.Slice(stream.Start, stream.Length));
            _position += stream.Length;
            Write("\nendstream");
        }

        Write("\nendobj\n");
    }

    private void WriteObject(int number, string body)
    {
        _offsets[number - 1] = _position;
        Write($"{number} 0 obj\n{body}\nendobj\n");
    }

    private void Write(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        output.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Gives every reference its new number; strings are copied as they are (an alternative text may contain "1 0 R").</summary>
    private static string Renumber(string body, Dictionary<int, int> numbers) =>
        PdfPart.OutsideStrings(body, plain => Reference().Replace(plain, m =>
        {
            var old = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return numbers.TryGetValue(old, out var renumbered)
                ? $"{renumbered} 0 R"
                : throw new InvalidOperationException($"A PDF part refers to its object {old}, which the joined document does not carry.");
        }));

    /// <summary>A page's key in the parent tree, moved past the keys of the parts before it.</summary>
    private static string ShiftStructParents(string body, int shift) =>
        shift == 0
            ? body
            : PdfPart.OutsideStrings(body, plain => StructParents().Replace(plain, m =>
                $"{m.Groups[1].Value} {int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + shift}"));

    private static string EscapeLiteral(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<![\w.])(\d+) 0 R(?!\w)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(/StructParents?)\s+(\d+)")]
    private static partial Regex StructParents();

    [GeneratedRegex(@"(\d+)\s*\[([^\]]*)\]")]
    private static partial Regex ParentTreeEntry();
}
