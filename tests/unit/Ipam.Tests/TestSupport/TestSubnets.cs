using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.TestSupport;

/// <summary>Builds subnet states of each network mode from events, as the subnet stream would hold them.</summary>
internal static class TestSubnets
{
    public static Subnet Macvlan(
        string cidr = "10.0.0.0/24",
        string? gateway = null,
        string[]? pools = null,
        string[]? nodes = null,
        int? blockPrefixLength = null,
        WarmLevels? warm = null,
        string name = "feed")
    {
        var layout = SubnetLayout.DefaultFor(cidr) with
        {
            BlockPrefixLength = blockPrefixLength ?? SubnetLayout.DefaultFor(cidr).BlockPrefixLength,
            Warm = warm ?? WarmLevels.Default,
        };
        return Define(name, cidr, gateway, pools ?? ["feed-pool"], nodes ?? [], layout);
    }

    public static Subnet Underlay(string cidr, RackBlock[] racks, string? gateway = null, int blockPrefixLength = 28, WarmLevels? warm = null, string name = "feed")
    {
        var layout = new SubnetLayout(NetworkModes.Underlay, racks, warm ?? WarmLevels.Default, blockPrefixLength, null);
        return Define(name, cidr, gateway, [], [], layout);
    }

    public static Subnet Eni(
        string cidr,
        string[] nodes,
        int maxPerNode,
        int addressesPerInterface,
        string? gateway = null,
        WarmLevels? warm = null,
        string name = "feed")
    {
        var bits = cidr.Contains(':', StringComparison.Ordinal) ? 128 : 32;
        var blockPrefixLength = bits - (int)Math.Log2(addressesPerInterface);
        var layout = new SubnetLayout(NetworkModes.Eni, [], warm ?? WarmLevels.Default, blockPrefixLength, new InterfaceLimits(maxPerNode, addressesPerInterface));
        return Define(name, cidr, gateway, [], nodes, layout);
    }

    /// <summary>Returns the subnet after the events, folded as the subnet projection does.</summary>
    public static Subnet With(this Subnet subnet, params object[] events) =>
        events.Aggregate(subnet, (state, @event) => SubnetDecider.Evolve(state, @event)!);

    /// <summary>Returns the subnet with a ready block claimed for the node, as a macvlan or underlay claim records it.</summary>
    public static Subnet WithBlock(this Subnet subnet, string cidr, string node) =>
        subnet.With(new AddressBlockClaimed(cidr, node, subnet.RackOf(node)?.Name, null, true, Fixed.Now));

    private static Subnet Define(string name, string cidr, string? gateway, string[] pools, string[] nodes, SubnetLayout layout) =>
        SubnetDecider.Fold([new SubnetDefined(name, cidr, gateway, pools, nodes, layout)])!;
}
