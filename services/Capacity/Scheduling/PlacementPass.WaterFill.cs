using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

internal sealed partial class PlacementPass
{
    // Fills a tier whose shared limit binds: the pool's lending limit, or the only subnet its nodes take addresses from.
    // The order of placements then decides where they land, and each strategy's order has a closed form. Spread raises
    // zone counts level by level, then node counts within each zone, and the last level goes to the best ranks. Pack
    // fills one node after another in rank order. Returns null when the nodes use several subnets and one would run
    // out, because only placing one by one follows that.
    private Dictionary<string, long>? FillToLimit(PlacementTier tier)
    {
        var fits = FitsOf(tier);
        var limit = long.MaxValue;
        if (tier.Source == PlacementSource.Borrowed)
        {
            limit = LendRoom(tier.Pool).Fitting(amounts).Count;
        }

        // A subnet limits the tier as a whole only when it is the one subnet with free addresses for every node.
        // Otherwise a node moves on to its next subnet when the first runs out.
        var subnets = fits.Select(fit => fit.Subnet).Distinct().ToList();
        if (subnets is [{ } only])
        {
            if (fits.Any(fit => fit.Node.ServingSubnets.Any(subnet => subnet != only && AddressesLeft(subnet) > 0)))
            {
                return null;
            }

            limit = Math.Min(limit, AddressesLeft(only));
        }

        var counts = strategy == PlacementStrategy.Pack ? PackCounts(fits, limit) : SpreadCounts(fits, limit);
        var charges = new Dictionary<ModelSubnet, long>();
        foreach (var (node, count, subnet) in fits.Where(fit => fit.Subnet is not null))
        {
            charges[subnet!] = charges.GetValueOrDefault(subnet!) + counts.GetValueOrDefault(node);
        }

        if (charges.Any(charge => charge.Value > AddressesLeft(charge.Key)))
        {
            return null;
        }

        var byZone = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, count) in counts.Where(entry => entry.Value > 0))
        {
            var delta = nodeDeltas.GetValueOrDefault(node);
            nodeDeltas[node] = (delta.Used + amounts.Times(count), delta.Count + (int)count);
            zoneDeltas[node.Spec.Zone] = zoneDeltas.GetValueOrDefault(node.Spec.Zone) + (int)count;
            byZone[node.Spec.Zone] = byZone.GetValueOrDefault(node.Spec.Zone) + count;
            if (tier.Source == PlacementSource.Borrowed)
            {
                lentDeltas[tier.Pool.Name] = lentDeltas.GetValueOrDefault(tier.Pool.Name) + amounts.Times(count);
            }
        }

        foreach (var (subnet, count) in charges)
        {
            chargeDeltas[subnet] = chargeDeltas.GetValueOrDefault(subnet) + count;
        }

        Exhaust(tier);
        return byZone;
    }

    // Pack keeps taking the node of lowest rank, because each placement lowers its rank further. When the node is full
    // or its zone reaches maxPerZone, the next node in rank order follows.
    private Dictionary<ModelNode, long> PackCounts(List<(ModelNode Node, long Count, ModelSubnet? Subnet)> fits, long limit)
    {
        var counts = new Dictionary<ModelNode, long>();
        var zoneRoom = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (node, count, _) in fits.OrderBy(fit => RankOf(fit.Node)))
        {
            var room = zoneRoom.TryGetValue(node.Spec.Zone, out var left) ? left : ZoneRoom(node.Spec.Zone);
            var take = Math.Min(Math.Min(count, room), limit);
            counts[node] = take;
            zoneRoom[node.Spec.Zone] = room - take;
            limit -= take;
        }

        return counts;
    }

    // Spread takes the zone with the fewest instances of the service, and in it the node with the fewest, so counts rise
    // level by level: first across zones, then across the nodes of each zone.
    private Dictionary<ModelNode, long> SpreadCounts(List<(ModelNode Node, long Count, ModelSubnet? Subnet)> fits, long limit)
    {
        var zones = fits.GroupBy(fit => fit.Node.Spec.Zone, StringComparer.Ordinal)
            .Select(zone => (Zone: zone.Key, Nodes: zone.Select(fit => (fit.Node, fit.Count)).ToList(), Count: (long)ZoneCount(zone.Key),
                Capacity: Math.Min(ZoneRoom(zone.Key), zone.Sum(fit => fit.Count))))
            .ToList();
        var total = Math.Min(limit, zones.Sum(zone => zone.Capacity));
        var level = Level(zones.Select(zone => (zone.Count, zone.Capacity)).ToList(), total);
        var shares = zones.ToDictionary(zone => zone.Zone, zone => Math.Clamp(level - zone.Count, 0, zone.Capacity), StringComparer.Ordinal);
        var counts = new Dictionary<ModelNode, long>();
        foreach (var zone in zones)
        {
            FillNodes(zone.Nodes, shares[zone.Zone], counts);
        }

        // The zones still short at the last level each take one more, best head rank first. A zone's head is the node
        // it would take next, and it changes only when that zone places.
        var rest = total - shares.Values.Sum();
        var tied = zones
            .Where(zone => zone.Count + shares[zone.Zone] == level && shares[zone.Zone] < zone.Capacity)
            .Select(zone => (zone.Nodes, Head: zone.Nodes.Where(n => counts.GetValueOrDefault(n.Node) < n.Count).Min(n => RankAfter(n.Node, counts))))
            .OrderBy(zone => zone.Head)
            .Take((int)rest);
        foreach (var zone in tied)
        {
            var head = zone.Nodes.Where(n => counts.GetValueOrDefault(n.Node) < n.Count).MinBy(n => RankAfter(n.Node, counts)).Node;
            counts[head] = counts.GetValueOrDefault(head) + 1;
        }

        return counts;
    }

    // Within a zone, the node with the fewest instances goes first; at the last level the best ranks go first.
    private void FillNodes(List<(ModelNode Node, long Count)> nodes, long share, Dictionary<ModelNode, long> counts)
    {
        var level = Level(nodes.Select(n => ((long)CountOn(n.Node), n.Count)).ToList(), share);
        foreach (var (node, count) in nodes)
        {
            counts[node] = Math.Clamp(level - CountOn(node), 0, count);
        }

        var rest = share - nodes.Sum(n => counts[n.Node]);
        var tied = nodes
            .Where(n => CountOn(n.Node) + counts[n.Node] == level && counts[n.Node] < n.Count)
            .OrderBy(n => RankAfter(n.Node, counts))
            .Take((int)rest)
            .ToList();
        foreach (var (node, _) in tied)
        {
            counts[node]++;
        }
    }

    // The rank the node would have after taking counts[node] more instances in this fill.
    private NodeRank RankAfter(ModelNode node, Dictionary<ModelNode, long> counts)
    {
        var added = counts.GetValueOrDefault(node);
        var free = FreeOf(node) - amounts.Times(added);
        return new NodeRank(CountOn(node) + added, -free.CpuMillicores, -free.MemoryMiB, 0, node.Name);
    }

    // The highest level L at which filling every member up to L (from its count, at most its capacity) takes at most
    // total instances.
    private static long Level(List<(long Count, long Capacity)> members, long total)
    {
        if (members.Count == 0)
        {
            return 0;
        }

        long Taken(long level) => members.Sum(m => Math.Clamp(level - m.Count, 0, m.Capacity));
        var low = members.Min(m => m.Count);
        var high = members.Max(m => m.Count + m.Capacity);
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (Taken(middle) <= total)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
