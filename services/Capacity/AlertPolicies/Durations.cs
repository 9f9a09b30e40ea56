using System.Globalization;

namespace Surge.Capacity.AlertPolicies;

/// <summary>Parses durations written the way Prometheus and Alertmanager write them: <c>90s</c>, <c>5m</c>, <c>1h</c>.</summary>
public static class Durations
{
    /// <summary>Parses a whole number followed by one unit (ms, s, m, h, d); returns false for anything else, including durations longer than <see cref="TimeSpan.MaxValue"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unitStart = text.Length - (text.EndsWith("ms", StringComparison.Ordinal) ? 2 : 1);
        if (unitStart < 1 || !long.TryParse(text.AsSpan(0, unitStart), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        try
        {
            TimeSpan? parsed = text[unitStart..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => null,
            };
            duration = parsed ?? TimeSpan.Zero;
            return parsed is not null;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A number that fits a long but not a TimeSpan, such as 999999999999d, is not a duration.
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
