namespace Surge.Capacity.Scheduling;

internal sealed partial class PlacementPass
{
    /// <summary>
    /// Places as many instances as <paramref name="tier"/> takes and returns how many went to each zone. Counts in closed
    /// form when the outcome cannot depend on the order of placements, and one by one otherwise.
    /// </summary>
    public Dictionary<string, long> Fill(PlacementTier tier)
    {
        if ((FillAtOnce(tier) ?? FillToLimit(tier)) is { } placed)
        {
            return placed;
        }

        var byZone = new Dictionary<string, long>(StringComparer.Ordinal);
        while (PlaceIn(tier) is { } node)
        {
            byZone[node.Spec.Zone] = byZone.GetValueOrDefault(node.Spec.Zone) + 1;
        }

        return byZone;
    }

    // One by one, each node takes instances until one of its own limits stops it or its zone reaches maxPerZone. When
    // no shared limit (the pool's lending limit, a subnet's addresses) runs out inside the tier, and each zone that hits
    // maxPerZone charges one subnet only, the counts per node, zone and subnet do not depend on the order, so they can
    // be computed at once. Otherwise this returns null and the caller places one by one.
    private Dictionary<string, long>? FillAtOnce(PlacementTier tier)
    {
        var zones = ZonesOf(FitsOf(tier));
        var total = zones.Sum(zone => Math.Min(zone.Demand, zone.Room));
        if (tier.Source == PlacementSource.Borrowed && total > LendRoom(tier.Pool).Fitting(amounts).Count)
        {
            return null;
        }

        var charges = new Dictionary<ModelSubnet, long>();
        foreach (var zone in zones)
        {
            var capped = zone.Demand > zone.Room;
            var subnetsUsed = zone.Fits.Select(fit => fit.Subnet).Distinct().ToList();
            if (capped && subnetsUsed.Count > 1)
            {
                return null;
            }

            foreach (var fit in zone.Fits.Where(fit => fit.Subnet is not null))
            {
                charges[fit.Subnet!] = charges.GetValueOrDefault(fit.Subnet!) + (capped ? 0 : fit.Count);
            }

            if (capped && subnetsUsed[0] is { } shared)
            {
                charges[shared] = charges.GetValueOrDefault(shared) + zone.Room;
            }
        }

        if (charges.Any(charge => charge.Value > AddressesLeft(charge.Key)))
        {
            return null;
        }

        return Commit(tier, zones.Select(zone => (zone.Zone, zone.Fits.Select(fit => (fit.Node, fit.Count)).ToList(), zone.Demand, zone.Room)), charges);
    }

    // What each node that can take an instance takes at most on its own: its free resources and maxPerNode allow it,
    // and the subnet it would take addresses from now.
    private List<(ModelNode Node, long Count, ModelSubnet? Subnet)> FitsOf(PlacementTier tier)
    {
        var fits = new List<(ModelNode Node, long Count, ModelSubnet? Subnet)>();
        foreach (var node in tier.Nodes)
        {
            if (Reject(node, tier) is not null)
            {
                continue;
            }

            var (count, _) = FreeOf(node).Fitting(amounts);
            if (shape.MaxPerNode is { } most)
            {
                count = Math.Min(count, most - CountOn(node));
            }

            fits.Add((node, count, AddressFor(node)));
        }

        return fits;
    }

    private List<(string Zone, List<(ModelNode Node, long Count, ModelSubnet? Subnet)> Fits, long Demand, long Room)> ZonesOf(
        List<(ModelNode Node, long Count, ModelSubnet? Subnet)> fits) =>
    [
        .. fits.GroupBy(fit => fit.Node.Spec.Zone, StringComparer.Ordinal)
            .Select(zone => (Zone: zone.Key, Fits: zone.ToList(), Demand: zone.Sum(fit => fit.Count), Room: ZoneRoom(zone.Key))),
    ];

    /// <summary>
    /// Estimates what <paramref name="tier"/> takes without placing one by one, for questions that name no service and
    /// so promise no exact order: zones take what their nodes and maxPerZone allow, and when the tier's subnets have
    /// fewer free addresses than that, each zone's count is cut in proportion, the zones with the largest remainders
    /// rounding up.
    /// </summary>
    public Dictionary<string, long> Estimate(PlacementTier tier)
    {
        if (FillAtOnce(tier) is { } exact)
        {
            return exact;
        }

        var fits = FitsOf(tier);
        var zones = ZonesOf(fits);
        var wanted = zones.ToDictionary(zone => zone.Zone, zone => Math.Min(zone.Demand, zone.Room), StringComparer.Ordinal);
        var total = wanted.Values.Sum();
        var subnets = fits.Select(fit => fit.Subnet).OfType<ModelSubnet>().Distinct().ToList();
        var addresses = subnets.Sum(subnet => AddressesLeft(subnet));
        if (tier.Source == PlacementSource.Borrowed)
        {
            addresses = Math.Min(addresses, LendRoom(tier.Pool).Fitting(amounts).Count);
        }

        var granted = total <= addresses ? wanted : Shares(wanted, total, addresses);
        var charges = new Dictionary<ModelSubnet, long>();
        var left = granted.Values.Sum();
        foreach (var subnet in subnets)
        {
            var take = Math.Min(left, AddressesLeft(subnet));
            charges[subnet] = take;
            left -= take;
        }

        return Commit(tier, zones.Select(zone => (zone.Zone, zone.Fits.Select(fit => (fit.Node, fit.Count)).ToList(), zone.Demand, granted[zone.Zone])), charges);
    }

    private static Dictionary<string, long> Shares(Dictionary<string, long> wanted, long total, long available)
    {
        var shares = wanted.ToDictionary(entry => entry.Key, entry => entry.Value * available / total, StringComparer.Ordinal);
        var rest = available - shares.Values.Sum();
        foreach (var zone in wanted.OrderByDescending(entry => entry.Value * available % total).ThenBy(entry => entry.Key, StringComparer.Ordinal).Take((int)rest))
        {
            shares[zone.Key]++;
        }

        return shares;
    }

    private Dictionary<string, long> Commit(
        PlacementTier tier,
        IEnumerable<(string Zone, List<(ModelNode Node, long Count)> Fits, long Demand, long Room)> zones,
        Dictionary<ModelSubnet, long> charges)
    {
        var byZone = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            var placed = Math.Min(zone.Demand, zone.Room);
            byZone[zone.Zone] = placed;

            // In a zone that reaches maxPerZone, which nodes took the instances depends on the order, but every node
            // there is now rejected for the zone before its own room is looked at, so only the zone's count matters.
            if (zone.Demand <= zone.Room)
            {
                foreach (var (node, count) in zone.Fits)
                {
                    var delta = nodeDeltas.GetValueOrDefault(node);
                    nodeDeltas[node] = (delta.Used + amounts.Times(count), delta.Count + (int)count);
                }
            }

            zoneDeltas[zone.Zone] = zoneDeltas.GetValueOrDefault(zone.Zone) + (int)placed;
            if (tier.Source == PlacementSource.Borrowed)
            {
                lentDeltas[tier.Pool.Name] = lentDeltas.GetValueOrDefault(tier.Pool.Name) + amounts.Times(placed);
            }
        }

        foreach (var (subnet, count) in charges)
        {
            chargeDeltas[subnet] = chargeDeltas.GetValueOrDefault(subnet) + count;
        }

        Exhaust(tier);
        return byZone;
    }
}
