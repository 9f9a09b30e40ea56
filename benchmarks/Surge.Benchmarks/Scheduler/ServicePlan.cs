using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>A service's declaration and how many of its instances the initial fill places.</summary>
public sealed record ServicePlan(ServiceSpecified Declaration, int Instances)
{
    // CPU in millicores, memory in MiB, disk in GiB, swap in MiB.
    private static readonly (int Cpu, int Memory, int Disk, int Swap)[] Shapes =
    [
        (250, 512, 5, 0),
        (500, 1_024, 10, 0),
        (500, 2_048, 10, 256),
        (1_000, 2_048, 20, 512),
        (1_000, 4_096, 20, 0),
        (2_000, 4_096, 40, 1_024),
        (2_000, 8_192, 40, 0),
        (4_000, 8_192, 80, 2_048),
    ];

    /// <summary>The service's name.</summary>
    public string Name => Declaration.Name;

    /// <summary>The service's declaration.</summary>
    public ServiceSpec Spec => Declaration.Spec;

    /// <summary>
    /// Spreads the services over the pools round robin, gives them random shapes and weights, and shares
    /// <see cref="SchedulerSettings.Instances"/> among them by weight.
    /// </summary>
    public static IReadOnlyList<ServicePlan> CreateAll(SchedulerSettings settings, Random random)
    {
        // Services that require SSD nodes get the smaller shapes and the smallest weight, because only a quarter of the
        // nodes carry the label.
        var drafts = new List<(string Name, int Pool, int Shape, int Weight)>();
        for (var s = 0; s < settings.Services; s++)
        {
            var needsSsd = s % 10 == 3;
            drafts.Add(($"svc-{s:D3}", s % settings.Pools, random.Next(needsSsd ? 4 : Shapes.Length), needsSsd ? 1 : 1 + random.Next(4)));
        }

        var totalWeight = drafts.Sum(draft => draft.Weight);
        var plans = new List<ServicePlan>();
        var assigned = 0;
        for (var s = 0; s < drafts.Count; s++)
        {
            var draft = drafts[s];
            var instances = s == drafts.Count - 1
                ? settings.Instances - assigned
                : (int)((long)settings.Instances * draft.Weight / totalWeight);
            assigned += instances;
            var shape = ShapeOf(s, Shapes[draft.Shape], instances);
            var strategy = s % 20 == 7 ? PlacementStrategy.Pack : (PlacementStrategy?)null;
            var spec = new ServiceSpec(FleetBlueprint.PoolName(draft.Pool), $"registry.local/{draft.Name}:1.0.0", shape, 0, 100_000, strategy);
            plans.Add(new ServicePlan(new ServiceSpecified(draft.Name, spec), instances));
        }

        return plans;
    }

    // One service in five allows at most 3 instances per node. One in seven allows at most half of its planned instances
    // per zone. One in ten requires SSD nodes, and one in six tolerates the dedicated taint.
    private static InstanceShapeSpec ShapeOf(int index, (int Cpu, int Memory, int Disk, int Swap) size, int instances)
    {
        var maxPerZone = index % 7 == 2 ? Math.Max(1, (int)Math.Ceiling(instances * 0.5)) : (int?)null;
        IReadOnlyDictionary<string, string>? labels = index % 10 == 3
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [FleetBlueprint.DiskLabel] = "ssd" }
            : null;
        IReadOnlyList<NodeTaint>? tolerations = index % 6 == 0 ? [new NodeTaint(FleetBlueprint.DedicatedTaint)] : null;
        return new InstanceShapeSpec(size.Cpu, size.Memory, size.Disk, size.Swap, index % 5 == 1 ? 3 : null, maxPerZone, labels, tolerations);
    }
}
