using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints open address conflicts as a table with each conflict's reason on the line below its row.</summary>
/// <remarks>The reason is Ipam's English text, which is too long for a column and is printed as it is.</remarks>
internal static class ConflictsPrinter
{
    private const string Missing = "-";

    private const string ReasonIndent = "      ";

    public static void Print(CliOutput output, IReadOnlyList<ConflictView> conflicts, string? subnet, TimeZoneInfo zone)
    {
        if (conflicts.Count == 0)
        {
            output.Line(subnet is null ? Strings.ConflictsNone : Text.Format(Strings.ConflictsNoneInSubnet, subnet));
            return;
        }

        var rows = conflicts.Select(entry => (IReadOnlyList<string>)
        [
            entry.Subnet,
            entry.Conflict.Address,
            entry.Conflict.InstanceId.ToString("D"),
            entry.Conflict.Node,
            entry.Conflict.HeldBy?.ToString("D") ?? Missing,
            TimeFormat.DateAndTime(entry.Conflict.FoundAt, zone),
        ]).ToList();
        var lines = TextTable.Format(
            [Strings.ColumnSubnet, Strings.ColumnAddress, Strings.ColumnInstance, Strings.ColumnNode, Strings.ColumnHeldBy, Strings.ColumnFoundAt],
            rows);

        // The first two lines are the header and its rule, so row i is line i + 2.
        output.Line("  " + lines[0]);
        output.Line("  " + lines[1]);
        for (var index = 0; index < conflicts.Count; index++)
        {
            output.Line("  " + lines[index + 2]);
            output.Line(ReasonIndent + conflicts[index].Conflict.Reason);
        }

        output.Line();
        output.Line(Strings.ConflictsWhatToDo);
    }
}
