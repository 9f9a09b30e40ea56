using System.Globalization;

namespace Surge.Gateway.Webhooks;

/// <summary>Parses timestamps as Go's encoder writes them (RFC 3339 with up to nine fractional digits), which .NET's parser rejects past seven.</summary>
public static class GoTime
{
    /// <summary>Parses an RFC 3339 timestamp, keeping at most seven fractional digits (100 ns); returns false when it is not one.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var digits = end - dot - 1;
            if (digits > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value)
            && text.Contains('T', StringComparison.Ordinal);
    }
}
