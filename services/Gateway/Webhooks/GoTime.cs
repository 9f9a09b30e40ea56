using System.Globalization;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Parses RFC 3339 timestamps as Go's encoder writes them: up to nine fractional digits, which .NET's parser rejects
/// past seven, and always an offset (<c>Z</c> or <c>+02:00</c>), so the result never depends on the machine's time zone.
/// </summary>
public static class GoTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses an RFC 3339 timestamp, keeping at most seven fractional digits (100 ns); returns false when it is not one.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // RFC 3339 allows lowercase 't' and 'z'; the offset is mandatory, and 'K' alone would also accept none.
        text = TruncateFraction(text.ToUpperInvariant());
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static string TruncateFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 > 7 ? string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end)) : text;
    }
}
