using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Infrastructure.Serialization;

namespace Reporting.Features.Reports;

/// <summary>Seals a report's content into its record and opens it again: the one place that knows the envelope's layout.</summary>
public sealed class ReportSealer(EnvelopeCipher cipher)
{
    public void Seal(ReportRecord record, ReportContent content)
    {
        var (wrappedKey, dataKey) = cipher.NewDataKey(record.Id);
        record.KeyId = wrappedKey.KeyId;
        record.WrappedKey = wrappedKey.Wrapped;
        record.Content = EnvelopeCipher.SealContent(dataKey, record.Id, ReportContentSerializer.Serialize(content));
    }

    public ReportContent Open(ReportRecord record) =>
        ReportContentSerializer.Deserialize(EnvelopeCipher.OpenContent(DataKey(record), record.Id, record.Content));

    /// <summary>
    /// A note is sealed with its report's data key, bound to the note's own id (a note cannot be moved
    /// to another row), and padded like the content so its length stays hidden.
    /// </summary>
    public byte[] SealNote(ReportRecord record, Guid noteId, string text) =>
        EnvelopeCipher.SealContent(DataKey(record), record.Id, PaddedJson.Serialize(text, ReportingJsonContext.Default.String), NotePurpose(noteId));

    public string OpenNote(ReportRecord record, ReportNote note) =>
        PaddedJson.Deserialize(EnvelopeCipher.OpenContent(DataKey(record), record.Id, note.Content, NotePurpose(note.Id)), ReportingJsonContext.Default.String);

    private byte[] DataKey(ReportRecord record) => cipher.Unwrap(new WrappedDataKey(record.KeyId, record.WrappedKey), record.Id);

    private static string NotePurpose(Guid noteId) => $"note:{noteId:N}";
}
