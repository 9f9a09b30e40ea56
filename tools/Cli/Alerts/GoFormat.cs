using System.Globalization;
using System.Text;

namespace Surge.Cli.Alerts;

/// <summary>Text formats as Go's standard library prints them, so that the webhook looks like one Alertmanager sends.</summary>
internal static class GoFormat
{
    /// <summary>Go's zero <c>time.Time</c> in RFC 3339, which Alertmanager sends as <c>endsAt</c> of a firing alert.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>Formats a time as Go's <c>time.RFC3339Nano</c> does: up to nine fraction digits without trailing zeros, <c>Z</c> for UTC.</summary>
    /// <remarks>.NET keeps 100 ns ticks, so at most seven fraction digits are ever non-zero.</remarks>
    public static string Rfc3339Nano(DateTimeOffset time)
    {
        var text = new StringBuilder(time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));

        var nanoseconds = (time.Ticks % TimeSpan.TicksPerSecond) * 100;
        if (nanoseconds != 0)
        {
            text.Append('.').Append(nanoseconds.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        if (time.Offset == TimeSpan.Zero)
        {
            text.Append('Z');
        }
        else
        {
            var sign = time.Offset < TimeSpan.Zero ? '-' : '+';
            text.Append(sign).Append(time.Offset.Duration().ToString("hh':'mm", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Escapes text for a URL query as Go's <c>url.QueryEscape</c> does: spaces become <c>+</c>, bytes outside <c>A-Z a-z 0-9 - _ . ~</c> become <c>%XX</c>.</summary>
    public static string QueryEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var value in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)value) || value is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                escaped.Append((char)value);
            }
            else if (value == (byte)' ')
            {
                escaped.Append('+');
            }
            else
            {
                escaped.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    /// <summary>Formats a label set as Prometheus's <c>LabelSet.String</c> does: <c>{a="1", b="2"}</c>, sorted by name.</summary>
    /// <remarks>Values are quoted with only <c>\</c> and <c>"</c> escaped, which matches Go's <c>%q</c> for printable text.</remarks>
    public static string LabelSet(IReadOnlyDictionary<string, string> labels)
    {
        var pairs = labels.Keys
            .Order(StringComparer.Ordinal)
            .Select(name => name + "=\"" + labels[name].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        return "{" + string.Join(", ", pairs) + "}";
    }
}
