using System.Globalization;

namespace Surge.Cli.Output;

/// <summary>How surge-cli prints times: in the local time zone, to the millisecond.</summary>
internal static class TimeFormat
{
    /// <summary>Formats the time of day, such as <c>14:03:07.250</c>, for timelines.</summary>
    public static string TimeOfDay(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Formats the date and time, such as <c>2026-12-04 14:03:07.250</c>.</summary>
    public static string DateAndTime(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
