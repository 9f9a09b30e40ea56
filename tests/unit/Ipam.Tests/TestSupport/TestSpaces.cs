using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.TestSupport;

/// <summary>Builds an <see cref="AddressSpace"/> from in-memory states, with the holdings the blocks imply.</summary>
internal static class TestSpaces
{
    /// <summary>Returns a space in which every block of every subnet is loaded, so borrowing needs no reload.</summary>
    public static AddressSpace From(IEnumerable<Subnet> subnets, IEnumerable<BlockState> blocks)
    {
        var subnetList = subnets.ToList();
        var blockList = blocks.ToList();
        return new AddressSpace(subnetList, blockList, HoldingsOf(blockList), subnetList.Select(subnet => subnet.Name));
    }

    /// <summary>Returns a space holding only the given blocks, with no subnet marked fully loaded.</summary>
    public static AddressSpace Partial(IEnumerable<Subnet> subnets, IEnumerable<BlockState> blocks)
    {
        var blockList = blocks.ToList();
        return new AddressSpace(subnets, blockList, HoldingsOf(blockList), []);
    }

    /// <summary>Returns one holding per live allocation, as the address ledger keeps them.</summary>
    public static List<AddressHolding> HoldingsOf(IEnumerable<BlockState> blocks) =>
    [
        .. blocks.SelectMany(block => block.Allocations.Select(allocation =>
            new AddressHolding(allocation.Address, allocation.InstanceId, block.Subnet, block.Cidr, allocation.Node, allocation.AllocatedAt))),
    ];

    /// <summary>Returns the events the space recorded for the stream, or none.</summary>
    public static IReadOnlyList<object> PendingOn(this AddressSpace space, string streamKey) =>
        space.Pending.TryGetValue(streamKey, out var events) ? events : [];
}
