using Surge.Ipam.Blocks;

namespace Surge.Ipam.Subnets;

/// <summary>How many addresses of a subnet can be handed out, how many are, and how many wait ready on nodes.</summary>
/// <param name="Usable">Addresses instances can get in the subnet's mode (without the network, broadcast and gateway addresses; only the racks' blocks in underlay; only what the listed nodes' interfaces hold in eni), as a decimal string because an IPv6 subnet can hold more than a JSON number carries exactly.</param>
/// <param name="Allocated">Addresses currently allocated to instances.</param>
/// <param name="Quarantined">Released addresses still in quarantine.</param>
/// <param name="Warm">Free addresses in blocks claimed for nodes: the warm sets, given out without claiming anything.</param>
/// <param name="Free">Usable addresses neither allocated nor in quarantine, warm ones included, as a decimal string.</param>
/// <param name="Nodes">Per node: its blocks, its allocated addresses and its warm set, by node name.</param>
public sealed record SubnetUtilisation(string Usable, int Allocated, int Quarantined, int Warm, string Free, IReadOnlyList<NodeUtilisation> Nodes)
{
    /// <summary>Computes the utilisation at <paramref name="now"/> without enumerating the subnet's addresses.</summary>
    public static SubnetUtilisation Of(Subnet subnet, IReadOnlyList<BlockState> blocks, DateTimeOffset now)
    {
        var usable = subnet.CountReachableAddresses();
        var allocated = blocks.Sum(block => block.Allocations.Count);
        var quarantined = blocks.Sum(block => block.QuarantinedAt(now));
        var nodes = subnet.Blocks
            .GroupBy(block => block.Node, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => NodeUtilisation.Of(subnet, group.Key, [.. group], blocks, now))
            .ToList();
        return new SubnetUtilisation(
            usable.ToString(),
            allocated,
            quarantined,
            nodes.Sum(node => node.Warm),
            (usable - (UInt128)(allocated + quarantined)).ToString(),
            nodes);
    }
}

/// <summary>One node's share of a subnet.</summary>
/// <param name="Blocks">The node's blocks; in an eni subnet, one per interface, with <c>ready</c> false while it is attached.</param>
/// <param name="Allocated">Addresses of the node's blocks allocated to instances.</param>
/// <param name="Warm">Free addresses in the node's ready blocks.</param>
public sealed record NodeUtilisation(string Node, IReadOnlyList<NodeBlock> Blocks, int Allocated, int Warm)
{
    /// <summary>Computes the node's share from its blocks' states.</summary>
    public static NodeUtilisation Of(Subnet subnet, string node, IReadOnlyList<NodeBlock> claimed, IReadOnlyList<BlockState> blocks, DateTimeOffset now)
    {
        var states = claimed.Select(block => (Claim: block, State: blocks.FirstOrDefault(state => state.Cidr == block.Cidr))).ToList();
        return new NodeUtilisation(
            node,
            claimed,
            states.Sum(entry => entry.State?.Allocations.Count ?? 0),
            states.Where(entry => entry.Claim.Ready && entry.State is not null).Sum(entry => BlockDecider.CountFree(entry.State!, subnet, now)));
    }
}
