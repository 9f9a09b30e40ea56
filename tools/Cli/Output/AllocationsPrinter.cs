using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints live allocations as a table, in the order Ipam returns them: by subnet, then address.</summary>
internal static class AllocationsPrinter
{
    /// <param name="unfiltered">Whether the request had no filter, which decides how an empty result is worded.</param>
    public static void Print(CliOutput output, IReadOnlyList<AllocationView> allocations, bool unfiltered, TimeZoneInfo zone)
    {
        if (allocations.Count == 0)
        {
            output.Line(unfiltered ? Strings.AllocationsNone : Strings.AllocationsNoneMatch);
            return;
        }

        var rows = allocations.Select(allocation => (IReadOnlyList<string>)
        [
            allocation.Subnet,
            allocation.Address,
            allocation.Block,
            allocation.InstanceId.ToString("D"),
            allocation.Node,
            TimeFormat.DateAndTime(allocation.Since, zone),
        ]);
        output.Table(
            [Strings.ColumnSubnet, Strings.ColumnAddress, Strings.ColumnBlock, Strings.ColumnInstance, Strings.ColumnNode, Strings.ColumnSince],
            rows);
    }
}
