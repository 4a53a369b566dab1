using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Serialization;

namespace Reporting.Features.Reports;

/// <summary>Seals a report's content, facets and notes and opens them again: the one place that knows the envelopes' layout.</summary>
public sealed class ReportSealer(EnvelopeCipher cipher)
{
    private const string FacetsPurpose = "facets";

    /// <summary>
    /// A new data key for the report, wrapped by the current key-encryption key, and the content and its
    /// facets sealed with it; <paramref name="secrecy"/> is the marking suggested for the report's unit.
    /// </summary>
    /// <summary>Seals a new report under a new data key, wrapped with its administration's key (<paramref name="administration"/>: its stored code).</summary>
    public SealedReport Seal(Guid reportId, ReportContent content, string channel, string? secrecy = null, string? administration = null)
    {
        var (wrappedKey, dataKey) = cipher.NewDataKey(reportId, administration: administration);
        return new SealedReport(
            wrappedKey.KeyId,
            wrappedKey.Wrapped,
            EnvelopeCipher.SealContent(dataKey, reportId, ReportContentSerializer.Serialize(content)),
            SealFacets(dataKey, reportId, ReportFacets.Of(content, channel) with { Secrecy = secrecy }));
    }

    public ReportContent Open(Report report) =>
        ReportContentSerializer.Deserialize(EnvelopeCipher.OpenContent(DataKey(report), report.Id, report.Content));

    public ReportFacets OpenFacets(Report report) => OpenFacets(report.Id, report.KeyId, report.WrappedKey, report.Facets);

    /// <summary>Opens facets from the columns alone (the index reads them without loading the content).</summary>
    public ReportFacets OpenFacets(Guid reportId, string keyId, byte[] wrappedKey, byte[] sealedFacets) =>
        PaddedJson.Deserialize(
            EnvelopeCipher.OpenContent(cipher.Unwrap(new WrappedDataKey(keyId, wrappedKey), reportId), reportId, sealedFacets, FacetsPurpose),
            ReportingJsonContext.Default.ReportFacets);

    /// <summary>Seals changed facets into the report (the same data key, a new nonce).</summary>
    public void ReplaceFacets(Report report, ReportFacets facets) =>
        report.ReplaceFacets(SealFacets(DataKey(report), report.Id, facets));

    /// <summary>
    /// A note is sealed with its report's data key, bound to the note's own id (a note cannot be moved
    /// to another row), and padded like the content so its length stays hidden.
    /// </summary>
    public byte[] SealNote(Report report, Guid noteId, string text) =>
        EnvelopeCipher.SealContent(DataKey(report), report.Id, PaddedJson.Serialize(text, ReportingJsonContext.Default.String), NotePurpose(noteId));

    public string OpenNote(Report report, ReportNote note) =>
        PaddedJson.Deserialize(EnvelopeCipher.OpenContent(DataKey(report), report.Id, note.Content, NotePurpose(note.Id)), ReportingJsonContext.Default.String);

    /// <summary>A message is sealed like a note: the report's data key, bound to the message's id, padded.</summary>
    public byte[] SealMessage(Report report, Guid messageId, string text) =>
        EnvelopeCipher.SealContent(DataKey(report), report.Id, PaddedJson.Serialize(text, ReportingJsonContext.Default.String), MessagePurpose(messageId));

    public string OpenMessage(Report report, ReportMessage message) =>
        PaddedJson.Deserialize(EnvelopeCipher.OpenContent(DataKey(report), report.Id, message.Content, MessagePurpose(message.Id)), ReportingJsonContext.Default.String);

    /// <summary>
    /// A photo is sealed with its report's data key, bound to the photo's own id, and padded to a
    /// multiple of 64 KiB so its length tells little about what it shows.
    /// </summary>
    public byte[] SealPhoto(Report report, Guid photoId, ReadOnlySpan<byte> jpeg)
    {
        var padded = new byte[(4 + jpeg.Length + PhotoBlock - 1) / PhotoBlock * PhotoBlock];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(padded, jpeg.Length);
        jpeg.CopyTo(padded.AsSpan(4));
        return EnvelopeCipher.SealContent(DataKey(report), report.Id, padded, PhotoPurpose(photoId));
    }

    public byte[] OpenPhoto(Report report, Features.Photos.ReportPhoto photo)
    {
        var padded = EnvelopeCipher.OpenContent(DataKey(report), report.Id, photo.Content, PhotoPurpose(photo.Id));
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(padded);
        return length >= 0 && length <= padded.Length - 4
            ? padded.AsSpan(4, length).ToArray()
            : throw new System.Security.Cryptography.CryptographicException("The sealed photo's length is wrong.");
    }

    /// <summary>A request for the report and its decision (<see cref="Records.Disclosure"/>), sealed like a note and bound to its own id.</summary>
    public byte[] SealDisclosure(Report report, Guid disclosureId, Records.DisclosureContent content) =>
        EnvelopeCipher.SealContent(DataKey(report), report.Id, PaddedJson.Serialize(content, ReportingJsonContext.Default.DisclosureContent), DisclosurePurpose(disclosureId));

    public Records.DisclosureContent OpenDisclosure(Report report, Records.Disclosure disclosure) =>
        PaddedJson.Deserialize(EnvelopeCipher.OpenContent(DataKey(report), report.Id, disclosure.Content, DisclosurePurpose(disclosure.Id)), ReportingJsonContext.Default.DisclosureContent);

    private static string DisclosurePurpose(Guid disclosureId) => $"disclosure:{disclosureId:N}";

    private const int PhotoBlock = 64 * 1024;

    private static string PhotoPurpose(Guid photoId) => $"photo:{photoId:N}";

    /// <summary>A transferred report's data key, wrapped again with the receiving administration's key (nothing sealed under it changes).</summary>
    public void RewrapFor(Report report) =>
        report.Rewrap(cipher.RewrapFor(new WrappedDataKey(report.KeyId, report.WrappedKey), report.Id, report.Administration));

    private byte[] DataKey(Report report) => cipher.Unwrap(new WrappedDataKey(report.KeyId, report.WrappedKey), report.Id);

    // Padded like the content: the number of observations or actions does not show in the length.
    private static byte[] SealFacets(byte[] dataKey, Guid reportId, ReportFacets facets) =>
        EnvelopeCipher.SealContent(dataKey, reportId, PaddedJson.Serialize(facets, ReportingJsonContext.Default.ReportFacets), FacetsPurpose);

    private static string NotePurpose(Guid noteId) => $"note:{noteId:N}";

    private static string MessagePurpose(Guid messageId) => $"message:{messageId:N}";
}
