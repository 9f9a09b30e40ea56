using Surge.Capacity.Addresses;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;

namespace Surge.Benchmarks.Scheduler;

/// <summary>The generated fleet as declaration events: pools, one subnet per pool, nodes, services, and overflow providers.</summary>
/// <param name="Services">Each service's declaration and how many of its instances the initial fill places.</param>
public sealed record FleetBlueprint(
    IReadOnlyList<PoolSpecified> Pools,
    IReadOnlyList<SubnetAddressesRecorded> Subnets,
    IReadOnlyList<NodeSpecified> Nodes,
    IReadOnlyList<ServicePlan> Services,
    IReadOnlyList<CloudProvider> Providers)
{
    /// <summary>The zones nodes are spread over, round robin within each pool.</summary>
    public static readonly IReadOnlyList<string> Zones = ["zone-a", "zone-b", "zone-c"];

    /// <summary>The label key every node carries, with value ssd on every fourth node.</summary>
    public const string DiskLabel = "disk";

    /// <summary>The taint key on the dedicated nodes of some pools.</summary>
    public const string DedicatedTaint = "dedicated";

    private static readonly DateTimeOffset ReportedAt = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds the fleet from the settings; the same settings always give the same fleet.</summary>
    public static FleetBlueprint Create(SchedulerSettings settings)
    {
        var random = new Random(settings.Seed);
        var providers = new List<CloudProvider>
        {
            new("private-east", CloudKind.Private, new ResourceAmounts(32_000, 131_072, 1_000, 16_384), 100, Zones),
            new("public-cloud", CloudKind.Public, new ResourceAmounts(16_000, 65_536, 500, 8_192), 400, Zones),
        };

        // The smallest subnet with at least 40 usable addresses per node: a /20 (4094 addresses) for 100 nodes, about
        // four times what a pool's own instances take at 10 per node.
        var usable = 2L;
        while (usable - 2 < 40L * settings.NodesPerPool)
        {
            usable *= 2;
        }

        usable -= 2;
        var pools = new List<PoolSpecified>();
        var subnets = new List<SubnetAddressesRecorded>();
        var nodes = new List<NodeSpecified>();
        for (var p = 0; p < settings.Pools; p++)
        {
            var pool = PoolName(p);
            pools.Add(new PoolSpecified(pool, PoolSpecOf(p)));

            subnets.Add(new SubnetAddressesRecorded($"subnet-{pool}", [pool], [], usable, 0, 1, ReportedAt));
            for (var n = 0; n < settings.NodesPerPool; n++)
            {
                nodes.Add(new NodeSpecified($"node-{p:D3}-{n:D3}", NodeSpecOf(p, n, random)));
            }
        }

        var services = ServicePlan.CreateAll(settings, random);
        return new FleetBlueprint(pools, subnets, nodes, services, providers);
    }

    /// <summary>The name of pool number <paramref name="index"/>.</summary>
    public static string PoolName(int index) => $"pool-{index:D3}";

    // Every fifth pool lends idle capacity, with lend ratios and priorities that differ so the lender order matters.
    // Every tenth pool may overflow to the cloud providers.
    private static PoolSpec PoolSpecOf(int index)
    {
        var lends = index % 5 == 4;
        return new PoolSpec(
            LendsIdleCapacity: lends,
            MaxLendRatio: lends ? 0.3 + 0.1 * (index % 3) : 0,
            LenderPriority: 10 * (index % 4),
            Owner: $"team-{index % 12}",
            OverflowProviders: index % 10 == 0 ? ["private-east", "public-cloud"] : null);
    }

    // Most nodes are 32-core machines, and one in five is twice as large. Every fourth node has SSD disks, and every
    // tenth node of every seventh pool has a GPU. In every sixth pool the last node of each rack is tainted for
    // dedicated batch work. One node in every eighth pool is closed to new instances.
    private static NodeSpec NodeSpecOf(int pool, int node, Random random)
    {
        var large = random.Next(5) == 0;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [DiskLabel] = node % 4 == 0 ? "ssd" : "hdd" };
        if (pool % 7 == 0 && node % 10 == 0)
        {
            labels["gpu"] = "a100";
        }

        IReadOnlyList<NodeTaint>? taints = pool % 6 == 0 && node % 10 == 9 ? [new NodeTaint(DedicatedTaint, "batch")] : null;
        return new NodeSpec(
            Pool: PoolName(pool),
            Zone: Zones[node % Zones.Count],
            Rack: $"rack-{pool:D3}-{node / 10:D2}",
            CpuMillicores: large ? 64_000 : 32_000,
            MemoryMiB: large ? 262_144 : 131_072,
            Labels: labels,
            AcceptsInstances: !(pool % 8 == 3 && node == 0),
            DiskGiB: large ? 2_000 : 1_000,
            SwapMiB: large ? 32_768 : 16_384,
            Taints: taints);
    }
}
