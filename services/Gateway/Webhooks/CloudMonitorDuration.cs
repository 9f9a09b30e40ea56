using System.Text.RegularExpressions;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Parses CloudMonitor's <c>lastTime</c>, how long the alert has lasted, written in the console's language:
/// <c>0分钟</c>, <c>1小时5分钟</c>, <c>2天</c>, <c>5 minutes</c> or <c>1h 5m</c>.
/// </summary>
public static partial class CloudMonitorDuration
{
    /// <summary>Returns the duration, or false when the text has a part that is not a number and a unit.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)).Replace(" ", "", StringComparison.Ordinal).Length != text.Replace(" ", "", StringComparison.Ordinal).Length)
        {
            return false;
        }

        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups["amount"].Value, System.Globalization.CultureInfo.InvariantCulture);
            duration += match.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "天" or "d" or "day" or "days" => TimeSpan.FromDays(amount),
                "小时" or "h" or "hour" or "hours" => TimeSpan.FromHours(amount),
                "分钟" or "分" or "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return true;
    }

    [GeneratedRegex(@"\s*(?<amount>\d+(\.\d+)?)\s*(?<unit>天|小时|分钟|分|秒|days?|hours?|minutes?|mins?|seconds?|secs?|[dhms])\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Part();
}
