using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Demo;

/// <summary>Prints the events of one correlation id from all services as a single timeline.</summary>
internal static class AuditTimeline
{
    public static void Print(CliOutput output, IReadOnlyList<AuditEventView> events, TimeZoneInfo zone)
    {
        if (events.Count == 0)
        {
            output.Line(Strings.AuditNoEvents);
            return;
        }

        var rows = events
            .OrderBy(stored => stored.Timestamp)
            .ThenBy(stored => stored.Service, StringComparer.Ordinal)
            .ThenBy(stored => stored.Sequence)
            .Select(stored => (IReadOnlyList<string>)
                [TimeFormat.TimeOfDay(stored.Timestamp, zone), stored.Service, stored.Stream, stored.Type]);
        output.Table([Strings.ColumnTime, Strings.ColumnService, Strings.ColumnStream, Strings.ColumnType], rows);

        var services = events.Select(stored => stored.Service).Distinct(StringComparer.Ordinal).Count();
        output.Line(Text.Format(Strings.AuditTotals, events.Count, services));
    }
}
