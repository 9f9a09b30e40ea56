using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>Seeded random inventory queries.</summary>
public static class InventoryQueries
{
    private static readonly int[] Cpus = [250, 500, 1_000, 2_000, 4_000, 8_000];

    /// <summary>
    /// Creates <paramref name="count"/> queries of random shapes, for random services or for none. A quarter of the
    /// shapes set maxPerNode, a tenth maxPerZone, a tenth require SSD nodes and a tenth tolerate the dedicated taint.
    /// </summary>
    public static IReadOnlyList<InventoryQuery> Create(IReadOnlyList<ServicePlan> services, int count, bool withService, int seed)
    {
        var random = new Random(seed);
        var queries = new List<InventoryQuery>(count);
        for (var q = 0; q < count; q++)
        {
            var cpu = Cpus[random.Next(Cpus.Length)];
            var shape = new InstanceShapeSpec(
                cpu,
                cpu * (random.Next(2) == 0 ? 2 : 4),
                DiskGiB: random.Next(3) switch { 0 => 0, 1 => 10, _ => 50 },
                SwapMiB: random.Next(2) == 0 ? 0 : 1_024,
                MaxPerNode: random.Next(4) == 0 ? 1 + random.Next(4) : null,
                MaxPerZone: random.Next(10) == 0 ? 100 + random.Next(400) : null,
                RequiredLabels: random.Next(10) == 0 ? new Dictionary<string, string>(StringComparer.Ordinal) { [FleetBlueprint.DiskLabel] = "ssd" } : null,
                Tolerations: random.Next(10) == 0 ? [new NodeTaint(FleetBlueprint.DedicatedTaint)] : null);
            var service = withService ? services[random.Next(services.Count)] : null;
            queries.Add(new InventoryQuery(shape, service?.Name, service?.Spec.Strategy ?? PlacementStrategy.Spread));
        }

        return queries;
    }
}
