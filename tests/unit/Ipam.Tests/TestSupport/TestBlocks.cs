using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.TestSupport;

/// <summary>Builds node block states from events, as the address ledger folds them.</summary>
internal static class TestBlocks
{
    /// <summary>Returns the state of a freshly opened block of the subnet.</summary>
    public static BlockState Opened(Subnet subnet, string cidr, string node) =>
        BlockDecider.Fold([new BlockOpened(subnet.Name, cidr, node)])!;

    /// <summary>Returns the state of every block the subnet lists, each opened and empty.</summary>
    public static List<BlockState> OpenedFor(Subnet subnet) =>
        [.. subnet.Blocks.Select(block => Opened(subnet, block.Cidr, block.Node))];

    /// <summary>Returns the block after the events.</summary>
    public static BlockState With(this BlockState block, params object[] events) =>
        events.Aggregate(block, (state, @event) => BlockDecider.Evolve(state, @event)!);

    /// <summary>Returns the block with the address allocated to the instance on the block's own node at <see cref="Fixed.Now"/>.</summary>
    public static BlockState Holding(this BlockState block, string address, Guid instanceId, DateTimeOffset? at = null) =>
        block.With(new AddressAllocated(address, instanceId, Fixed.Saga, block.Node, at ?? Fixed.Now));
}
