using System.Diagnostics;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>One inventory query run with both strategies: the same count, and the time each took.</summary>
public sealed record StrategyProbeRow(int CpuMillicores, string? Service, long Fits, PlacementDimension Limit, double SpreadMs, double PackMs);

/// <summary>
/// Runs a few fixed inventory queries with spread and with pack. Both strategies count the same instances, so the
/// difference in time shows what the spread ranking costs when the model counts instance by instance.
/// </summary>
public static class StrategyProbe
{
    /// <summary>Runs each query once unmeasured, then once per strategy measured.</summary>
    public static IReadOnlyList<StrategyProbeRow> Run(CapacityModel model, FleetBlueprint fleet)
    {
        // A service without spread limits or required labels, so only the shape and the fleet decide the count.
        var service = fleet.Services.First(plan => plan.Spec.Shape is { MaxPerNode: null, MaxPerZone: null, RequiredLabels: null }).Name;
        var rows = new List<StrategyProbeRow>();
        foreach (var cpu in new[] { 250, 1_000, 4_000 })
        {
            foreach (var forService in new[] { null, service })
            {
                var shape = new InstanceShapeSpec(cpu, cpu * 2);
                var (spread, spreadMs) = Time(model, fleet, shape, forService, PlacementStrategy.Spread);
                var (pack, packMs) = Time(model, fleet, shape, forService, PlacementStrategy.Pack);
                if (spread.Fits != pack.Fits)
                {
                    throw new InvalidOperationException($"Inventory of {cpu} millicores for {forService ?? "no service"} counted {spread.Fits} with spread and {pack.Fits} with pack; both strategies must count the same.");
                }

                rows.Add(new StrategyProbeRow(cpu, forService, spread.Fits, spread.Limit, spreadMs, packMs));
            }
        }

        return rows;
    }

    private static (InventoryReport Report, double Milliseconds) Time(CapacityModel model, FleetBlueprint fleet, InstanceShapeSpec shape, string? service, PlacementStrategy strategy)
    {
        model.Inventory(shape, service, strategy, fleet.Providers);
        var before = Stopwatch.GetTimestamp();
        var report = model.Inventory(shape, service, strategy, fleet.Providers);
        return (report, Stopwatch.GetElapsedTime(before).TotalMilliseconds);
    }
}
