using Surge.Capacity.Nodes;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>
/// The baseline: for every request, scan every node view and sum its reservation list (<see cref="FleetScan"/>), then
/// for every instance look at every node of each tier, filter on the same dimensions as the model, and take the best
/// by the model's ranking. Spread ranks by fewest instances of the service in the zone, then on the node, then most
/// free CPU, then most free memory. Pack ranks by least free CPU, then least free memory. The node name breaks ties.
/// </summary>
public sealed partial class BruteForceEngine(BruteForceFleet fleet) : IPlacementEngine
{
    private readonly FleetScan scan = new();
    private readonly Dictionary<Guid, int> nodeOf = [];

    /// <inheritdoc />
    public string Name => "brute force";

    /// <summary>Adds the running instances of the fleet, so they can be released by id.</summary>
    public void Track()
    {
        for (var i = 0; i < fleet.Nodes.Count; i++)
        {
            foreach (var reservation in fleet.Nodes[i].Reservations)
            {
                nodeOf[reservation.InstanceId] = i;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? PlaceAndReserve(WorkloadRequest request)
    {
        scan.Run(fleet, request.Service);
        var amounts = ResourceAmounts.Of(request.Shape);
        var tiers = TiersOf(request.OwnPool);
        var chosen = new int[request.InstanceIds.Count];
        for (var k = 0; k < chosen.Length; k++)
        {
            chosen[k] = -1;
            foreach (var tier in tiers)
            {
                var best = BestIn(tier, request.Shape, amounts, request.Strategy);
                if (best >= 0)
                {
                    Take(best, tier, amounts);
                    chosen[k] = best;
                    break;
                }
            }

            if (chosen[k] < 0)
            {
                return null;
            }
        }

        var names = new string[chosen.Length];
        for (var k = 0; k < chosen.Length; k++)
        {
            var id = request.InstanceIds[k];
            fleet.ApplyToNode(chosen[k], Workload.Reserved(id, request.SagaId, request.Service, request.Shape, request.At));
            nodeOf[id] = chosen[k];
            names[k] = fleet.Nodes[chosen[k]].Name;
        }

        return names;
    }

    /// <inheritdoc />
    public void Commit(Guid instanceId, DateTimeOffset at) => fleet.ApplyToNode(nodeOf[instanceId], new ReservationCommitted(instanceId, at));

    /// <inheritdoc />
    public void Release(Guid instanceId, DateTimeOffset at)
    {
        fleet.ApplyToNode(nodeOf[instanceId], new ReservationReleased(instanceId, "scaled in", at));
        nodeOf.Remove(instanceId);
    }

    // The same order as the model: the own pool's declared nodes, lenders by priority and name, the own overflow nodes.
    private List<(string Pool, bool Borrowed, List<int> Nodes)> TiersOf(string ownPool)
    {
        var tiers = new List<(string Pool, bool Borrowed, List<int> Nodes)>();
        if (fleet.Pools.ContainsKey(ownPool))
        {
            tiers.Add((ownPool, false, scan.DeclaredNodes[ownPool]));
        }

        tiers.AddRange(fleet.Pools
            .Where(pool => pool.Key != ownPool && pool.Value.LendsIdleCapacity)
            .OrderBy(pool => pool.Value.LenderPriority)
            .ThenBy(pool => pool.Key, StringComparer.Ordinal)
            .Select(pool => (pool.Key, true, scan.DeclaredNodes[pool.Key])));
        if (fleet.Pools.ContainsKey(ownPool))
        {
            tiers.Add((ownPool, false, scan.OverflowNodes[ownPool]));
        }

        return tiers;
    }

    private int BestIn((string Pool, bool Borrowed, List<int> Nodes) tier, InstanceShapeSpec shape, ResourceAmounts amounts, PlacementStrategy strategy)
    {
        var best = -1;
        foreach (var i in tier.Nodes)
        {
            if (Accepts(i, tier.Pool, tier.Borrowed, shape, amounts) && (best < 0 || Ranks(i, best, strategy) < 0))
            {
                best = i;
            }
        }

        return best;
    }

    private bool Accepts(int i, string pool, bool borrowed, InstanceShapeSpec shape, ResourceAmounts amounts)
    {
        var node = fleet.Nodes[i];
        var spec = node.Spec;
        if (!spec.AcceptsInstances || node.ReleaseRequestId is not null || !HasLabels(spec, shape) || !Tolerates(spec, shape))
        {
            return false;
        }

        if (shape.MaxPerZone is { } perZone && scan.ZoneCount.GetValueOrDefault(spec.Zone) >= perZone)
        {
            return false;
        }

        if (borrowed && LendRoom(pool).Lacking(amounts) is not null)
        {
            return false;
        }

        if ((ResourceAmounts.Of(spec) - scan.Used[i]).Lacking(amounts) is not null)
        {
            return false;
        }

        if (scan.SubnetOf[i] < 0 || scan.SubnetFree[scan.SubnetOf[i]] <= 0)
        {
            return false;
        }

        return shape.MaxPerNode is not { } perNode || scan.CountOnNode[i] < perNode;
    }

    // Negative when node a ranks before node b.
    private int Ranks(int a, int b, PlacementStrategy strategy)
    {
        var (nodeA, nodeB) = (fleet.Nodes[a], fleet.Nodes[b]);
        var freeA = ResourceAmounts.Of(nodeA.Spec) - scan.Used[a];
        var freeB = ResourceAmounts.Of(nodeB.Spec) - scan.Used[b];
        var compared = strategy == PlacementStrategy.Pack
            ? (freeA.CpuMillicores, freeA.MemoryMiB).CompareTo((freeB.CpuMillicores, freeB.MemoryMiB))
            : (scan.ZoneCount.GetValueOrDefault(nodeA.Spec.Zone), scan.CountOnNode[a], -freeA.CpuMillicores, -freeA.MemoryMiB)
                .CompareTo((scan.ZoneCount.GetValueOrDefault(nodeB.Spec.Zone), scan.CountOnNode[b], -freeB.CpuMillicores, -freeB.MemoryMiB));
        return compared != 0 ? compared : string.CompareOrdinal(nodeA.Name, nodeB.Name);
    }

    private void Take(int i, (string Pool, bool Borrowed, List<int> Nodes) tier, ResourceAmounts amounts)
    {
        var zone = fleet.Nodes[i].Spec.Zone;
        scan.Used[i] += amounts;
        scan.CountOnNode[i]++;
        scan.ZoneCount[zone] = scan.ZoneCount.GetValueOrDefault(zone) + 1;
        scan.SubnetFree[scan.SubnetOf[i]]--;
        if (tier.Borrowed)
        {
            scan.Lent[tier.Pool] += amounts;
        }
    }

    private ResourceAmounts LendRoom(string pool)
    {
        var spec = fleet.Pools[pool];
        return spec.LendsIdleCapacity ? scan.Declared[pool].Scaled(spec.MaxLendRatio) - scan.Lent[pool] : default;
    }

    private static bool HasLabels(NodeSpec node, InstanceShapeSpec shape)
    {
        foreach (var (key, value) in shape.RequiredLabels ?? new Dictionary<string, string>())
        {
            if (node.Labels is null || !node.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Tolerates(NodeSpec node, InstanceShapeSpec shape)
    {
        foreach (var taint in node.Taints ?? [])
        {
            if (!(shape.Tolerations ?? []).Any(toleration => toleration.Key == taint.Key && (toleration.Value is null || toleration.Value == taint.Value)))
            {
                return false;
            }
        }

        return true;
    }
}
