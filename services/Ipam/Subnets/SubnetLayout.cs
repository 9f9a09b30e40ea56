namespace Surge.Ipam.Subnets;

/// <summary>How a subnet's addresses are laid out onto nodes: the network mode and the blocks nodes get.</summary>
/// <param name="Mode">One of <see cref="NetworkModes"/>.</param>
/// <param name="Racks">The rack blocks of an underlay subnet, sorted by name; empty in the other modes.</param>
/// <param name="Warm">The free addresses each node keeps ready.</param>
/// <param name="BlockPrefixLength">
/// The prefix length of the blocks a node claims. A node decides alone which address of its blocks an instance gets,
/// so blocks are what makes an allocation a local decision.
/// </param>
/// <param name="Interfaces">The interface limits of an eni subnet; null in the other modes.</param>
public sealed record SubnetLayout(
    string Mode,
    IReadOnlyList<RackBlock> Racks,
    WarmLevels Warm,
    int BlockPrefixLength,
    InterfaceLimits? Interfaces)
{
    /// <summary>The default block size: /28 (16 addresses) for IPv4 and /124 for IPv6, or the whole range when it is smaller.</summary>
    public static int DefaultBlockPrefixLength(Addressing.AddressBlock range) =>
        Math.Max(range.Family == System.Net.Sockets.AddressFamily.InterNetwork ? 28 : 124, range.PrefixLength);

    /// <summary>The layout of a subnet defined before layouts existed: macvlan, default warm levels and block size.</summary>
    public static SubnetLayout DefaultFor(string cidr) =>
        new(NetworkModes.Macvlan, [], WarmLevels.Default, DefaultBlockPrefixLength(Addressing.AddressBlock.Parse(cidr)), null);
}
