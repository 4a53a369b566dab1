using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence.Records;

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

    public ReportContent Open(ReportRecord record)
    {
        var dataKey = cipher.Unwrap(new WrappedDataKey(record.KeyId, record.WrappedKey), record.Id);
        return ReportContentSerializer.Deserialize(EnvelopeCipher.OpenContent(dataKey, record.Id, record.Content));
    }
}
