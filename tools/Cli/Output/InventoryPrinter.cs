using System.Globalization;
using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints an inventory: the shape, the totals, the counts per pool, zone and source, and what new cloud nodes could add.</summary>
/// <remarks>Limit, source and kind names stay the API's camelCase values, so they match the JSON and the API guide in every language.</remarks>
internal static class InventoryPrinter
{
    public static void Print(CliOutput output, InventoryReportView report)
    {
        output.Line(report.Service is null
            ? Strings.InventoryHeadingAllPools
            : Text.Format(Strings.InventoryHeadingService, report.Service));
        PrintShape(output, report.Shape);
        output.Line(Text.Format(
            Strings.InventoryTotals, report.Fits, report.Own, report.Borrowable, report.Overflow, report.Limit));

        output.Line();
        PrintCells(output, report.Cells ?? []);

        output.Line();
        PrintCloudOverflow(output, report.CloudOverflow ?? []);
    }

    private static void PrintShape(CliOutput output, InventoryShapeView shape)
    {
        output.Line(Text.Format(Strings.InventoryShape, shape.CpuMillicores, shape.MemoryMiB, shape.DiskGiB, shape.SwapMiB));
        if (shape.MaxPerNode is not null || shape.MaxPerZone is not null)
        {
            output.Line(Text.Format(Strings.InventorySpreadLimits, Limit(shape.MaxPerNode), Limit(shape.MaxPerZone)));
        }
    }

    private static void PrintCells(CliOutput output, IReadOnlyList<InventoryCellView> cells)
    {
        if (cells.Count == 0)
        {
            output.Line(Strings.InventoryNoCells);
            return;
        }

        output.Line(Strings.InventoryCellsHeading);
        var rows = cells.Select(cell => (IReadOnlyList<string>)
            [cell.Pool, cell.Zone, cell.Source, Number(cell.Fits), cell.Limit, Number(cell.Nodes)]);
        output.Table(
            [Strings.ColumnPool, Strings.ColumnZone, Strings.ColumnSource, Strings.ColumnFits, Strings.ColumnLimit, Strings.ColumnNodes],
            rows);
    }

    private static void PrintCloudOverflow(CliOutput output, IReadOnlyList<CloudOverflowView> providers)
    {
        if (providers.Count == 0)
        {
            output.Line(Strings.InventoryNoCloudOverflow);
            return;
        }

        output.Line(Strings.InventoryCloudOverflowHeading);
        var rows = providers.Select(provider => (IReadOnlyList<string>)
            [provider.Provider, provider.Kind, Number(provider.NodesLeft), Number(provider.PerNode), Number(provider.Fits)]);
        output.Table(
            [Strings.ColumnProvider, Strings.ColumnKind, Strings.ColumnNodesLeft, Strings.ColumnPerNode, Strings.ColumnFits],
            rows);
    }

    private static string Limit(int? maximum) => maximum is null ? Strings.InventoryNoLimit : Number(maximum.Value);

    private static string Number(long value) => value.ToString(CultureInfo.CurrentCulture);
}
