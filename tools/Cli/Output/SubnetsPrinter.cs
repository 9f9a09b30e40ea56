using System.Globalization;
using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints subnets as a table of their mode and address counts, and names those with open conflicts.</summary>
/// <remarks>Modes stay the API's values (<c>macvlan</c>, <c>underlay</c>, <c>eni</c>), so they match fleet files in every language.</remarks>
internal static class SubnetsPrinter
{
    public static void Print(CliOutput output, IReadOnlyList<SubnetView> subnets)
    {
        if (subnets.Count == 0)
        {
            output.Line(Strings.SubnetsNone);
            return;
        }

        var rows = subnets.Select(subnet => (IReadOnlyList<string>)
        [
            subnet.Name,
            subnet.Cidr,
            subnet.Layout.Mode,
            subnet.Utilisation.Usable,
            Number(subnet.Utilisation.Allocated),
            Number(subnet.Utilisation.Quarantined),
            Number(subnet.Utilisation.Warm),
            subnet.Utilisation.Free,
            Number(subnet.Conflicts),
        ]);
        output.Table(
        [
            Strings.ColumnName, Strings.ColumnCidr, Strings.ColumnMode, Strings.ColumnUsable, Strings.ColumnAllocated,
            Strings.ColumnQuarantined, Strings.ColumnWarm, Strings.ColumnFree, Strings.ColumnConflicts,
        ],
            rows);

        var inConflict = subnets.Where(subnet => subnet.Conflicts > 0).Select(subnet => $"{subnet.Name} ({Number(subnet.Conflicts)})").ToList();
        if (inConflict.Count > 0)
        {
            output.Line();
            output.Line(Text.Format(Strings.SubnetsWithConflicts, string.Join(", ", inConflict)));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.CurrentCulture);
}
