using System.Globalization;
using System.Text.RegularExpressions;

namespace Surge.Cli.Arguments;

/// <summary>
/// Reads durations as people type them: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>, or <c>hh:mm:ss</c> as the
/// API writes them.
/// </summary>
internal static partial class DurationText
{
    /// <summary>Returns the duration <paramref name="text"/> names, or null when it is not one.</summary>
    public static TimeSpan? Parse(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var clock) && clock >= TimeSpan.Zero ? clock : null;
        }

        var parts = Part().Matches(text);
        if (parts.Count == 0 || parts.Sum(part => part.Length) != text.Length)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            if (!long.TryParse(part.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 1_000_000)
            {
                return null;
            }

            total += part.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
        }

        return total;
    }

    [GeneratedRegex("(?<number>[0-9]+)(?<unit>ms|s|m|h)")]
    private static partial Regex Part();
}
