using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Reporting.Features.SituationPictures;

/// <summary>A source's file as a table: its column names and its rows, numbered as a spreadsheet shows them (the header is row 1).</summary>
public sealed record SourceTable(IReadOnlyList<string> Columns, IReadOnlyList<SourceRow> Rows);

public sealed record SourceRow(int Number, IReadOnlyList<SourceCell> Cells)
{
    public SourceCell Cell(int column) => column < Cells.Count ? Cells[column] : SourceCell.Empty;
}

/// <summary>One cell's text; <see cref="Numeric"/> when the spreadsheet stored a number (its text is then invariant).</summary>
public sealed record SourceCell(string Text, bool Numeric)
{
    public static SourceCell Empty { get; } = new(string.Empty, false);
}

/// <summary>A file that cannot be read as a table: the message names the row where it can.</summary>
public sealed class SourceFileException(string message) : Exception(message);

/// <summary>
/// Reads the file a police, incident-system or graffiti statistician sends: CSV as Excel writes it in
/// Sweden (<c>;</c> separated, Windows-1252 unless it is valid UTF-8, an optional <c>sep=</c> line) or
/// as others write it (<c>,</c> separated, UTF-8), and XLSX (the first sheet). What the file is comes
/// from its bytes, not its name: an XLSX is a zip, an old XLS is refused with what to do instead.
/// CsvHelper reads CSV; MiniExcel reads XLSX because it streams rows without building the workbook
/// in memory (ClosedXML loads all of it) and is the writer the summaries' export already uses.
/// </summary>
public static class SourceFile
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 2_000;
    public const int MaxColumns = 50;

    private static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static SourceFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SourceTable Read(byte[] content)
    {
        if (content.Length == 0)
        {
            throw new SourceFileException("Filen är tom.");
        }

        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return ReadXlsx(content);
        }

        if (content.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            throw new SourceFileException("Filen är en äldre Excel-fil (xls). Spara den som Excel-arbetsbok (xlsx) eller CSV och försök igen.");
        }

        if (content.AsSpan().Contains((byte)0))
        {
            throw new SourceFileException("Filen är varken en CSV-fil eller en Excel-arbetsbok (xlsx).");
        }

        return ReadCsv(Decode(content));
    }

    /// <summary>UTF-8 (with or without its byte order mark) when the bytes are valid UTF-8; otherwise Windows-1252, what Swedish Excel saves as "CSV (semikolonavgränsad)".</summary>
    public static string Decode(byte[] content)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return Utf8Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    private static SourceTable ReadCsv(string text)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        using var reader = CsvReader.Create(new StringReader(text), options);
        var records = new List<SourceRow>();
        try
        {
            while (reader.Read())
            {
                if (reader.FieldCount > MaxColumns)
                {
                    throw new SourceFileException($"Rad {reader.LineNumber}: fler än {MaxColumns} kolumner.");
                }

                var cells = new SourceCell[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = new SourceCell(reader.GetString(i).Trim(), Numeric: false);
                }

                records.Add(new SourceRow((int)reader.LineNumber, cells));
                if (records.Count > MaxRows + 1)
                {
                    throw new SourceFileException($"Filen har fler än {MaxRows} rader.");
                }
            }
        }
        catch (CsvFormatException)
        {
            // The reader's message is not passed on: it may quote the file.
            throw new SourceFileException($"Rad {records.Count + 1}: citattecknen går inte ihop, så raden kan inte delas upp i kolumner.");
        }
        catch (Exception exception) when (exception is not SourceFileException)
        {
            throw new SourceFileException($"Rad {records.Count + 1}: raden kunde inte läsas som CSV.");
        }

        return Table(records);
    }

    private static SourceTable ReadXlsx(byte[] content)
    {
        var records = new List<SourceRow>();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var number = 0;
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                if (row.Count > MaxColumns)
                {
                    throw new SourceFileException($"Rad {number}: fler än {MaxColumns} kolumner.");
                }

                records.Add(new SourceRow(number, [.. row.Values.Select(Cell)]));
                if (records.Count > MaxRows + 1)
                {
                    throw new SourceFileException($"Filen har fler än {MaxRows} rader.");
                }
            }
        }
        catch (Exception exception) when (exception is not SourceFileException)
        {
            throw new SourceFileException("Excel-filen kunde inte läsas. Öppna den i Excel, spara den som Excel-arbetsbok (xlsx) och försök igen.");
        }

        return Table(records);
    }

    private static SourceCell Cell(object? value) => value switch
    {
        null => SourceCell.Empty,
        double number => new SourceCell(number.ToString("R", CultureInfo.InvariantCulture), Numeric: true),
        int or long or decimal or float => new SourceCell(Convert.ToString(value, CultureInfo.InvariantCulture)!, Numeric: true),
        DateTime date => new SourceCell(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Numeric: false),
        _ => new SourceCell(Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty, Numeric: false),
    };

    /// <summary>The first non-empty row names the columns; a column without a name is called by its letter.</summary>
    private static SourceTable Table(List<SourceRow> records)
    {
        var nonEmpty = records.Where(r => r.Cells.Any(c => c.Text.Length > 0)).ToList();
        if (nonEmpty.Count == 0)
        {
            throw new SourceFileException("Filen har inga rader.");
        }

        var header = nonEmpty[0];
        var width = nonEmpty.Max(r => r.Cells.Count);
        var columns = Enumerable.Range(0, width)
            .Select(i => header.Cell(i).Text is { Length: > 0 } name ? name : ColumnLetter(i))
            .ToList();
        return new SourceTable(columns, nonEmpty.Skip(1).ToList());
    }

    /// <summary>A, B, … Z, AA, AB …: how a spreadsheet names column <paramref name="index"/> (0-based).</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
