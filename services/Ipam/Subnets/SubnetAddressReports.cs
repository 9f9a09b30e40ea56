using Surge.Contracts.Addresses;
using Surge.Ipam.Addressing;
using Surge.Ipam.Blocks;

namespace Surge.Ipam.Subnets;

/// <summary>Builds the <see cref="SubnetAddressesReported"/> messages that tell Capacity how many addresses each node can still get.</summary>
/// <remarks>
/// Capacity charges each node's instances to the reported entries that name the node before those that name its pool.
/// A macvlan subnet is one entry, because any of its addresses works on any of its nodes. An underlay subnet is one
/// entry per rack, named <c>{subnet}.{rack}</c>, because an address works only in its rack. An eni subnet is one entry
/// per listed node, named <c>{subnet}.{node}</c>, holding what the node's interfaces can take. The entry under the
/// subnet's own name is always sent, so Capacity records that the subnet exists. In those two modes it names no node and no
/// pool and only carries the totals.
/// </remarks>
public static class SubnetAddressReports
{
    /// <summary>
    /// Creates the reports of the subnet with its blocks at report version <paramref name="version"/>. Taken addresses
    /// are the live allocations and the addresses in quarantine at <paramref name="at"/>. Counts above
    /// <see cref="long.MaxValue"/>, which only IPv6 ranges of /64 or wider reach, are clamped to it.
    /// </summary>
    public static IReadOnlyList<SubnetAddressesReported> Of(Subnet subnet, IReadOnlyList<BlockState> blocks, long version, DateTimeOffset at)
    {
        var layout = subnet.EffectiveLayout;
        var taken = Taken(blocks, at);
        var sharedMembers = layout.Mode == NetworkModes.Macvlan;
        var reports = new List<SubnetAddressesReported>
        {
            new(subnet.Name, sharedMembers ? subnet.Pools : [], sharedMembers ? subnet.Nodes : [], Clamp(subnet.CountReachableAddresses()), taken, version, at),
        };

        if (layout.Mode == NetworkModes.Underlay)
        {
            reports.AddRange(layout.Racks.Select(rack => new SubnetAddressesReported(
                $"{subnet.Name}.{rack.Name}",
                [],
                rack.Nodes,
                Clamp(subnet.CountUsable(AddressBlock.Parse(rack.Cidr))),
                Taken(blocks.Where(block => subnet.Blocks.Any(claimed => claimed.Cidr == block.Cidr && claimed.Rack == rack.Name)), at),
                version,
                at)));
        }

        if (layout is { Mode: NetworkModes.Eni, Interfaces: { } interfaces })
        {
            reports.AddRange(subnet.Nodes.Select(node => new SubnetAddressesReported(
                $"{subnet.Name}.{node}",
                [],
                [node],
                // A node's interfaces cannot hold more than the subnet has, however many it may attach.
                Math.Min((long)interfaces.MaxPerNode * interfaces.AddressesPerInterface, Clamp(subnet.CountUsableAddresses())),
                Taken(blocks.Where(block => block.Node == node), at),
                version,
                at)));
        }

        return reports;
    }

    /// <summary>
    /// Returns an empty report, serving no node and no pool, for each entry <paramref name="before"/> had and
    /// <paramref name="after"/> no longer has, such as a renamed rack or a node taken out of an eni subnet, so Capacity
    /// stops placing instances on what it still holds of them.
    /// </summary>
    public static IReadOnlyList<SubnetAddressesReported> Withdrawn(Subnet before, Subnet after, long version, DateTimeOffset at)
    {
        var kept = Of(after, [], version, at).Select(report => report.Subnet).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Of(before, [], version, at)
                .Where(report => !kept.Contains(report.Subnet))
                .Select(report => new SubnetAddressesReported(report.Subnet, [], [], 0, 0, version, at)),
        ];
    }

    private static long Taken(IEnumerable<BlockState> blocks, DateTimeOffset at) =>
        blocks.Sum(block => (long)block.Allocations.Count + block.QuarantinedAt(at));

    private static long Clamp(UInt128 count) => count > long.MaxValue ? long.MaxValue : (long)count;
}
