using Surge.Capacity.Nodes;
using Surge.Capacity.Scheduling;

namespace Surge.Benchmarks.Scheduler;

/// <summary>
/// What the brute-force scheduler computes in one pass over every node view and every reservation. It contains each
/// node's used resources and instances of the requested service, the service's instances per zone, each pool's
/// declared and lent resources, and each subnet's free addresses. The buffers are reused between requests, but every
/// value is computed again from the documents each time.
/// </summary>
public sealed class FleetScan
{
    /// <summary>What each node's reservations hold, by node index.</summary>
    public ResourceAmounts[] Used { get; private set; } = [];

    /// <summary>Instances of the requested service on each node, by node index.</summary>
    public int[] CountOnNode { get; private set; } = [];

    /// <summary>The index of the subnet that gives each node's next address, or -1 when none serves it.</summary>
    public int[] SubnetOf { get; private set; } = [];

    /// <summary>Free addresses of each subnet, by index in name order.</summary>
    public long[] SubnetFree { get; private set; } = [];

    /// <summary>Instances of the requested service per zone.</summary>
    public Dictionary<string, int> ZoneCount { get; } = new(StringComparer.Ordinal);

    /// <summary>The allocatable resources of each pool's declared nodes.</summary>
    public Dictionary<string, ResourceAmounts> Declared { get; } = new(StringComparer.Ordinal);

    /// <summary>What reservations of other pools' services hold on each pool's declared nodes.</summary>
    public Dictionary<string, ResourceAmounts> Lent { get; } = new(StringComparer.Ordinal);

    /// <summary>The indexes of each pool's declared nodes.</summary>
    public Dictionary<string, List<int>> DeclaredNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>The indexes of each pool's overflow nodes.</summary>
    public Dictionary<string, List<int>> OverflowNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Computes every value from the fleet's documents for a request of <paramref name="service"/>.</summary>
    public void Run(BruteForceFleet fleet, string service)
    {
        Reset(fleet);
        var (poolSubnet, nodeSubnet) = ServingSubnets(fleet);
        var charged = new long[fleet.Subnets.Count];
        for (var i = 0; i < fleet.Nodes.Count; i++)
        {
            var node = fleet.Nodes[i];
            var spec = node.Spec;
            var overflow = spec.Provider is not null;
            (overflow ? OverflowNodes : DeclaredNodes)[spec.Pool].Add(i);
            if (!overflow)
            {
                Declared[spec.Pool] += ResourceAmounts.Of(spec);
            }

            // Sum the reservation list, as every reader of the node view must.
            var used = default(ResourceAmounts);
            var lent = default(ResourceAmounts);
            var count = 0;
            var reservations = node.Reservations;
            for (var r = 0; r < reservations.Count; r++)
            {
                var reservation = reservations[r];
                var amounts = new ResourceAmounts(reservation.CpuMillicores, reservation.MemoryMiB, reservation.DiskGiB, reservation.SwapMiB);
                used += amounts;
                if (reservation.Service == service)
                {
                    count++;
                }

                if (!overflow && fleet.Services.TryGetValue(reservation.Service, out var owner) && owner.Pool != spec.Pool)
                {
                    lent += amounts;
                }
            }

            Used[i] = used;
            CountOnNode[i] = count;
            ZoneCount[spec.Zone] = ZoneCount.GetValueOrDefault(spec.Zone) + count;
            Lent[spec.Pool] += lent;

            // Every reservation is charged to the node's first serving subnet. The model moves to the next subnet only
            // when the first is full, and a fleet with one subnet per pool has no next subnet.
            SubnetOf[i] = nodeSubnet.TryGetValue(node.Name, out var named) ? named : poolSubnet.GetValueOrDefault(spec.Pool, -1);
            if (SubnetOf[i] >= 0)
            {
                charged[SubnetOf[i]] += reservations.Count;
            }
        }

        for (var s = 0; s < fleet.Subnets.Count; s++)
        {
            var subnet = fleet.Subnets[s];
            SubnetFree[s] = Math.Max(0, subnet.UsableAddresses - Math.Max(subnet.TakenAddresses, charged[s]));
        }
    }

    private void Reset(BruteForceFleet fleet)
    {
        if (Used.Length != fleet.Nodes.Count)
        {
            Used = new ResourceAmounts[fleet.Nodes.Count];
            CountOnNode = new int[fleet.Nodes.Count];
            SubnetOf = new int[fleet.Nodes.Count];
        }

        if (SubnetFree.Length != fleet.Subnets.Count)
        {
            SubnetFree = new long[fleet.Subnets.Count];
        }

        ZoneCount.Clear();
        foreach (var pool in fleet.Pools.Keys)
        {
            Declared[pool] = default;
            Lent[pool] = default;
            ListOf(DeclaredNodes, pool).Clear();
            ListOf(OverflowNodes, pool).Clear();
        }
    }

    // Subnets in name order: those naming a node serve it first, then those serving its pool, as Ipam tries them.
    private static (Dictionary<string, int> ByPool, Dictionary<string, int> ByNode) ServingSubnets(BruteForceFleet fleet)
    {
        var byPool = new Dictionary<string, int>(StringComparer.Ordinal);
        var byNode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < fleet.Subnets.Count; s++)
        {
            foreach (var pool in fleet.Subnets[s].Pools)
            {
                byPool.TryAdd(pool, s);
            }

            foreach (var node in fleet.Subnets[s].Nodes)
            {
                byNode.TryAdd(node, s);
            }
        }

        return (byPool, byNode);
    }

    private static List<int> ListOf(Dictionary<string, List<int>> lists, string pool)
    {
        if (!lists.TryGetValue(pool, out var list))
        {
            lists[pool] = list = [];
        }

        return list;
    }
}
