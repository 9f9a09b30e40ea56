using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>A node block gives each instance its lowest free address and tracks what it holds.</summary>
public sealed class BlockAllocationTests
{
    private static readonly Guid First = Fixed.Instance(1);
    private static readonly Guid Second = Fixed.Instance(2);
    private static readonly Guid Third = Fixed.Instance(3);

    private static Subnet Feed(string? gateway = "10.0.0.1") => TestSubnets.Macvlan("10.0.0.0/24", gateway).WithBlock("10.0.0.0/28", "node-1");

    private static BlockState Block(Subnet subnet, string cidr = "10.0.0.0/28") => TestBlocks.Opened(subnet, cidr, "node-1");

    [Fact]
    public void Evolve_BlockOpened_StartsEmpty()
    {
        var block = Block(Feed());

        Assert.Equal("block/feed/10.0.0.0/28", block.Id);
        Assert.Equal("feed", block.Subnet);
        Assert.Equal("node-1", block.Node);
        Assert.Empty(block.Allocations);
        Assert.Empty(block.Quarantined);
    }

    [Fact]
    public void Allocate_EmptyBlock_GivesLowestAfterGateway()
    {
        var subnet = Feed();

        var allocated = BlockDecider.Allocate(Block(subnet), subnet, First, Fixed.Saga, "node-1", Fixed.Now);

        Assert.Equal(new AddressAllocated("10.0.0.2", First, Fixed.Saga, "node-1", Fixed.Now), allocated);
    }

    [Fact]
    public void Allocate_WithoutGateway_SkipsNetworkAddress()
    {
        var subnet = Feed(gateway: null);

        Assert.Equal("10.0.0.1", BlockDecider.Allocate(Block(subnet), subnet, First, Fixed.Saga, "node-1", Fixed.Now)?.Address);
    }

    [Fact]
    public void Allocate_BlockInsideSubnet_StartsAtBlockStart()
    {
        var subnet = Feed().WithBlock("10.0.0.16/28", "node-1");

        var allocated = BlockDecider.Allocate(Block(subnet, "10.0.0.16/28"), subnet, First, Fixed.Saga, "node-1", Fixed.Now);

        Assert.Equal("10.0.0.16", allocated?.Address);
    }

    [Fact]
    public void Allocate_SomeTaken_GivesLowestFree()
    {
        var subnet = Feed();
        var block = Block(subnet).Holding("10.0.0.2", First).Holding("10.0.0.4", Second);

        var allocated = BlockDecider.Allocate(block, subnet, Third, Fixed.Saga, "node-2", Fixed.Now);

        Assert.Equal(new AddressAllocated("10.0.0.3", Third, Fixed.Saga, "node-2", Fixed.Now), allocated);
    }

    [Fact]
    public void Allocate_LastBlockOfSubnet_NeverGivesBroadcast()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24").WithBlock("10.0.0.240/28", "node-1");
        var block = Block(subnet, "10.0.0.240/28");
        for (var i = 0; i < 15; i++)
        {
            block = block.With(BlockDecider.Allocate(block, subnet, Fixed.Instance(100 + i), Fixed.Saga, "node-1", Fixed.Now)!);
        }

        Assert.Equal("10.0.0.254", block.Allocations[^1].Address);
        Assert.Null(BlockDecider.Allocate(block, subnet, First, Fixed.Saga, "node-1", Fixed.Now));
    }

    [Fact]
    public void Allocate_FullBlock_ReturnsNull()
    {
        // A /30 subnet has two usable addresses; the gateway takes one and the first instance the other.
        var subnet = TestSubnets.Macvlan("10.0.0.0/30", "10.0.0.1").WithBlock("10.0.0.0/30", "node-1");
        var block = Block(subnet, "10.0.0.0/30").Holding("10.0.0.2", First);

        Assert.Null(BlockDecider.Allocate(block, subnet, Second, Fixed.Saga, "node-1", Fixed.Now));
        Assert.Equal(0, BlockDecider.CountFree(block, subnet, Fixed.Now));
    }

    [Fact]
    public void Allocate_AfterRelease_ReusesAddress()
    {
        var subnet = Feed();
        var block = Block(subnet)
            .Holding("10.0.0.2", First)
            .Holding("10.0.0.3", Second)
            .With(new AddressReleased("10.0.0.2", First, "scaled in"));

        Assert.Equal("10.0.0.2", BlockDecider.Allocate(block, subnet, Third, Fixed.Saga, "node-1", Fixed.Now)?.Address);
    }

    [Fact]
    public void Allocate_Ipv6Block_GivesLowestFree()
    {
        var subnet = TestSubnets.Macvlan("fd00::/64", gateway: "fd00::1").WithBlock("fd00::/124", "node-1");
        var block = Block(subnet, "fd00::/124").Holding("fd00::2", First);

        Assert.Equal("fd00::3", BlockDecider.Allocate(block, subnet, Second, Fixed.Saga, "node-1", Fixed.Now)?.Address);
        Assert.Equal(13, BlockDecider.CountFree(block, subnet, Fixed.Now));
    }

    [Fact]
    public void Evolve_AllocateThenRelease_TracksLiveAllocations()
    {
        var block = Block(Feed())
            .Holding("10.0.0.2", First)
            .With(new AddressAllocated("10.0.0.3", Second, Fixed.Saga, "node-2", Fixed.Now))
            .With(new AddressReleased("10.0.0.2", First, "scaled in"));

        var allocation = Assert.Single(block.Allocations);
        Assert.Equal(new LiveAllocation("10.0.0.3", Second, Fixed.Saga, "node-2", Fixed.Now), allocation);
        Assert.Equal(allocation, block.FindAllocation(Second));
        Assert.Equal(allocation, block.FindAddress("10.0.0.3"));
        Assert.Null(block.FindAllocation(First));
    }

    [Fact]
    public void Evolve_Reclaimed_HoldsAddressWithoutSaga()
    {
        var block = Block(Feed()).With(new AddressReclaimed("10.0.0.5", First, "node-1", Fixed.Now, "reported running"));

        Assert.Equal(new LiveAllocation("10.0.0.5", First, Guid.Empty, "node-1", Fixed.Now), Assert.Single(block.Allocations));
    }

    [Fact]
    public void Evolve_MissingThenSeenAgain_MarksAndClears()
    {
        var missingSince = Fixed.Now.AddMinutes(1);
        var block = Block(Feed()).Holding("10.0.0.2", First);

        var missing = block.With(new AllocatedInstanceMissing("10.0.0.2", First, missingSince));
        var seen = missing.With(new AllocatedInstanceSeenAgain("10.0.0.2", First, missingSince.AddMinutes(1)));

        Assert.Equal(missingSince, Assert.Single(missing.Allocations).MissingSince);
        Assert.Null(Assert.Single(seen.Allocations).MissingSince);
    }

    [Fact]
    public void Evolve_EventsBeforeOpened_LeaveNoState()
    {
        Assert.Null(BlockDecider.Fold([new AddressAllocated("10.0.0.2", First, Fixed.Saga, "node-1", Fixed.Now)]));
    }
}
