using System.Globalization;
using System.Text;

namespace Reporting.Features.Audit;

/// <summary>
/// One audit line as an RFC 5424 message: facility log audit (13), severity notice (5); the action
/// code as MSGID; the line's id, account and report reference as structured data
/// (<c>[audit@32473 …]</c>, the documentation enterprise number of RFC 5612). Codes only: the
/// line's free-form detail is not sent, so nothing typed can reach the log system. The timestamp is
/// the line's own, which for what a reporter did is the day only.
/// </summary>
public static class SyslogMessage
{
    public const int Priority = (13 * 8) + 5;
    public const string StructuredDataId = "audit@32473";

    public static byte[] Frame(AuditEntry entry, string hostName)
    {
        var message = Format(entry, hostName);
        var bytes = Encoding.UTF8.GetBytes(message);
        // RFC 6587 octet counting: "LENGTH SP MESSAGE", so a message may hold any byte.
        return [.. Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + " "), .. bytes];
    }

    public static string Format(AuditEntry entry, string hostName)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(entry.At).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var data = new StringBuilder($"[{StructuredDataId} id=\"{entry.Id.ToString(CultureInfo.InvariantCulture)}\" actor=\"{Escape(entry.Actor)}\"");
        if (entry.Reference is { } reference)
        {
            data.Append(CultureInfo.InvariantCulture, $" reference=\"{Escape(reference)}\"");
        }

        if (entry.ReportId is { } report)
        {
            data.Append(CultureInfo.InvariantCulture, $" report=\"{report}\"");
        }

        data.Append(']');
        return $"<{Priority}>1 {at} {Field(hostName, 255)} reporting - {Field(entry.Action, 32)} {data}";
    }

    /// <summary>A header field: printable US-ASCII without spaces, "-" when empty.</summary>
    private static string Field(string value, int maxLength)
    {
        var printable = new string([.. value.Where(c => c is > ' ' and < '\u007F')]);
        return printable.Length == 0 ? "-" : printable[..Math.Min(printable.Length, maxLength)];
    }

    /// <summary>A PARAM-VALUE: '"', '\' and ']' escaped with a backslash (RFC 5424 6.3.3).</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
