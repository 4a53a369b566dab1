using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Infrastructure.Serialization;

namespace Reporting.Features.Reports;

/// <summary>Seals a report's content into its record and opens it again: the one place that knows the envelope's layout.</summary>
public sealed class ReportSealer(EnvelopeCipher cipher)
{
    /// <summary>A new data key for the report, wrapped by the current key-encryption key, and the content sealed with it.</summary>
    public SealedReport Seal(Guid reportId, ReportContent content)
    {
        var (wrappedKey, dataKey) = cipher.NewDataKey(reportId);
        return new SealedReport(wrappedKey.KeyId, wrappedKey.Wrapped, EnvelopeCipher.SealContent(dataKey, reportId, ReportContentSerializer.Serialize(content)));
    }

    public ReportContent Open(Report report) =>
        ReportContentSerializer.Deserialize(EnvelopeCipher.OpenContent(DataKey(report), report.Id, report.Content));

    /// <summary>
    /// A note is sealed with its report's data key, bound to the note's own id (a note cannot be moved
    /// to another row), and padded like the content so its length stays hidden.
    /// </summary>
    public byte[] SealNote(Report report, Guid noteId, string text) =>
        EnvelopeCipher.SealContent(DataKey(report), report.Id, PaddedJson.Serialize(text, ReportingJsonContext.Default.String), NotePurpose(noteId));

    public string OpenNote(Report report, ReportNote note) =>
        PaddedJson.Deserialize(EnvelopeCipher.OpenContent(DataKey(report), report.Id, note.Content, NotePurpose(note.Id)), ReportingJsonContext.Default.String);

    private byte[] DataKey(Report report) => cipher.Unwrap(new WrappedDataKey(report.KeyId, report.WrappedKey), report.Id);

    private static string NotePurpose(Guid noteId) => $"note:{noteId:N}";
}
