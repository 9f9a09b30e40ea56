using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

public sealed partial class BruteForceEngine
{
    /// <summary>
    /// Scans every node's reservations, counts how many instances each node takes by its own limits, then caps the
    /// count of each tier by the zones' maxPerZone, the lender's lending limit and the subnets' free addresses. With a
    /// service its tiers are counted in order; without one each pool's own nodes are counted on their own. The caps are
    /// applied to totals, so where several limits bind at once the count can differ from placing one by one.
    /// </summary>
    public long Inventory(InventoryQuery query)
    {
        var amounts = ResourceAmounts.Of(query.Shape);
        if (query.Service is { } service && fleet.Services.TryGetValue(service, out var spec))
        {
            scan.Run(fleet, service);
            return CountTiers(TiersOf(spec.Pool), query.Shape, amounts);
        }

        scan.Run(fleet, query.Service ?? "");
        long total = 0;
        foreach (var pool in fleet.Pools.Keys.Order(StringComparer.Ordinal))
        {
            total += CountTiers([.. TiersOf(pool).Where(tier => !tier.Borrowed)], query.Shape, amounts);
        }

        return total;
    }

    private long CountTiers(List<(string Pool, bool Borrowed, List<int> Nodes)> tiers, InstanceShapeSpec shape, ResourceAmounts amounts)
    {
        var zoneTaken = new Dictionary<string, long>(StringComparer.Ordinal);
        var subnetTaken = new Dictionary<int, long>();
        long total = 0;
        foreach (var tier in tiers)
        {
            var byZone = new Dictionary<string, long>(StringComparer.Ordinal);
            var bySubnet = new Dictionary<int, long>();
            foreach (var i in tier.Nodes)
            {
                var fits = NodeTakes(i, shape, amounts);
                if (fits > 0)
                {
                    var zone = fleet.Nodes[i].Spec.Zone;
                    byZone[zone] = byZone.GetValueOrDefault(zone) + fits;
                    bySubnet[scan.SubnetOf[i]] = bySubnet.GetValueOrDefault(scan.SubnetOf[i]) + fits;
                }
            }

            long placed = 0;
            foreach (var (zone, demand) in byZone)
            {
                var room = shape.MaxPerZone is { } perZone
                    ? Math.Max(0, perZone - scan.ZoneCount.GetValueOrDefault(zone) - zoneTaken.GetValueOrDefault(zone))
                    : long.MaxValue;
                var inZone = Math.Min(demand, room);
                zoneTaken[zone] = zoneTaken.GetValueOrDefault(zone) + inZone;
                placed += inZone;
            }

            if (tier.Borrowed)
            {
                placed = Math.Min(placed, LendRoom(tier.Pool).Fitting(amounts).Count);
            }

            var addresses = bySubnet.Sum(subnet => Math.Min(subnet.Value, Math.Max(0, scan.SubnetFree[subnet.Key] - subnetTaken.GetValueOrDefault(subnet.Key))));
            placed = Math.Min(placed, addresses);
            foreach (var subnet in bySubnet.Keys)
            {
                // Exact when the tier's nodes share one subnet, as in the generated fleet.
                subnetTaken[subnet] = subnetTaken.GetValueOrDefault(subnet) + placed;
            }

            total += placed;
        }

        return total;
    }

    // How many instances the node takes by its own limits: closed, labels, taints, resources, an address, maxPerNode.
    private long NodeTakes(int i, InstanceShapeSpec shape, ResourceAmounts amounts)
    {
        var node = fleet.Nodes[i];
        if (!node.Spec.AcceptsInstances || node.ReleaseRequestId is not null || !HasLabels(node.Spec, shape) || !Tolerates(node.Spec, shape))
        {
            return 0;
        }

        if (scan.SubnetOf[i] < 0)
        {
            return 0;
        }

        var fits = (ResourceAmounts.Of(node.Spec) - scan.Used[i]).Fitting(amounts).Count;
        return shape.MaxPerNode is { } perNode ? Math.Min(fits, Math.Max(0, perNode - scan.CountOnNode[i])) : fits;
    }
}
