using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.Ipam.WarmSets;

namespace Surge.Ipam.Tests.WarmSets;

/// <summary>The background refill keeps each node's free addresses between the warm minimum and target.</summary>
public sealed class WarmSetRefillTests
{
    private static readonly WarmLevels Levels = new(2, 8);

    private static Subnet Feed(WarmLevels? warm = null) =>
        TestSubnets.Macvlan("10.0.0.0/24", nodes: ["node-1"], warm: warm ?? Levels);

    /// <summary>Returns the block with <paramref name="count"/> of its lowest free addresses allocated.</summary>
    private static BlockState Filled(Subnet subnet, BlockState block, int count)
    {
        for (var i = 0; i < count; i++)
        {
            block = block.With(BlockDecider.Allocate(block, subnet, Fixed.Instance(1000 + block.Allocations.Count), Fixed.Saga, block.Node, Fixed.Now)!);
        }

        return block;
    }

    private static List<AddressBlockClaimed> Claims(IReadOnlyList<object> events) => [.. events.OfType<AddressBlockClaimed>()];

    private static List<AddressBlockReleased> Releases(IReadOnlyList<object> events) => [.. events.OfType<AddressBlockReleased>()];

    [Fact]
    public void Plan_NodeWithoutBlocks_ClaimsUpToTarget()
    {
        var events = WarmSetPlanner.Plan(Feed(), [], Fixed.Now);

        var claimed = Assert.Single(Claims(events));
        Assert.Equal(new AddressBlockClaimed("10.0.0.0/28", "node-1", null, null, true, Fixed.Now), claimed);
    }

    [Fact]
    public void Plan_TargetAboveOneBlock_ClaimsSeveral()
    {
        var events = WarmSetPlanner.Plan(Feed(new WarmLevels(2, 20)), [], Fixed.Now);

        Assert.Equal(["10.0.0.0/28", "10.0.0.16/28"], Claims(events).Select(claim => claim.Cidr));
    }

    [Fact]
    public void Plan_FreeBelowMinimum_ClaimsNextBlock()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 14);

        var events = WarmSetPlanner.Plan(subnet, [block], Fixed.Now);

        Assert.Equal("10.0.0.16/28", Assert.Single(Claims(events)).Cidr);
    }

    [Fact]
    public void Plan_FreeAtMinimum_ClaimsNothing()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 13);

        Assert.Empty(WarmSetPlanner.Plan(subnet, [block], Fixed.Now));
    }

    [Fact]
    public void Plan_BetweenMinimumAndTarget_ClaimsNothing()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 10);

        Assert.Empty(WarmSetPlanner.Plan(subnet, [block], Fixed.Now));
    }

    [Fact]
    public void Plan_QuarantinedAddresses_CountAsNotFree()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 14);
        var released = block.Allocations[0];
        block = block.With(new AddressReleased(released.Address, released.InstanceId, "scaled in", Fixed.Now.AddMinutes(5)));

        Assert.Single(Claims(WarmSetPlanner.Plan(subnet, [block], Fixed.Now)));
        Assert.Empty(WarmSetPlanner.Plan(subnet, [block], Fixed.Now.AddMinutes(5)));
    }

    [Fact]
    public void Plan_SeveralNodes_ClaimDistinctBlocks()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", nodes: ["node-1", "node-2"], warm: Levels);

        var events = WarmSetPlanner.Plan(subnet, [], Fixed.Now);

        Assert.Equal([("10.0.0.0/28", "node-1"), ("10.0.0.16/28", "node-2")], Claims(events).Select(claim => (claim.Cidr, claim.Node)));
    }

    [Fact]
    public void Plan_NodeKnownViaBlocks_IsRefilled()
    {
        // node-5 is in no list: it got a block because its pool is served here, and that block is full.
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-5");
        var own = TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1");
        var pool = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.16/28", "node-5"), 16);

        var events = WarmSetPlanner.Plan(subnet, [own, pool], Fixed.Now);

        var claimed = Assert.Single(Claims(events));
        Assert.Equal("node-5", claimed.Node);
        Assert.Equal("10.0.0.32/28", claimed.Cidr);
    }

    [Fact]
    public void Plan_BlockWithoutState_CountsAsEmpty()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");

        Assert.Empty(WarmSetPlanner.Plan(subnet, [], Fixed.Now));
    }

    [Fact]
    public void Plan_EmptySurplusBlock_IsGivenBack()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-1");

        var events = WarmSetPlanner.Plan(subnet, TestBlocks.OpenedFor(subnet), Fixed.Now);

        var released = Assert.Single(Releases(events));
        Assert.Equal("10.0.0.16/28", released.Cidr);
        Assert.Contains("warm target 8", released.Reason);
        Assert.Empty(Claims(events));
    }

    [Fact]
    public void Plan_LastBlockNeededForTarget_IsKept()
    {
        var subnet = Feed(new WarmLevels(2, 20)).WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-1");

        Assert.Empty(WarmSetPlanner.Plan(subnet, TestBlocks.OpenedFor(subnet), Fixed.Now));
    }

    [Fact]
    public void Plan_SurplusBlockWithQuarantine_IsKept()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-1");
        var first = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 2);
        var quarantined = TestBlocks.Opened(subnet, "10.0.0.16/28", "node-1")
            .Holding("10.0.0.16", Fixed.Instance(1), Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.16", Fixed.Instance(1), "scaled in", Fixed.Now.AddMinutes(5)));

        Assert.Empty(WarmSetPlanner.Plan(subnet, [first, quarantined], Fixed.Now));
        Assert.Equal("10.0.0.16/28", Assert.Single(Releases(WarmSetPlanner.Plan(subnet, [first, quarantined], Fixed.Now.AddMinutes(5)))).Cidr);
    }

    [Fact]
    public void Plan_SurplusBlockWithAllocation_IsKept()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-1");
        var first = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 5);
        var lent = TestBlocks.Opened(subnet, "10.0.0.16/28", "node-1")
            .With(new AddressAllocated("10.0.0.16", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now));

        Assert.Empty(Releases(WarmSetPlanner.Plan(subnet, [first, lent], Fixed.Now)));
    }

    [Fact]
    public void Plan_ZeroLevels_ClaimsNothing()
    {
        Assert.Empty(WarmSetPlanner.Plan(Feed(new WarmLevels(0, 0)), [], Fixed.Now));
    }

    [Fact]
    public void Plan_ZeroTarget_GivesBackEveryEmptyBlock()
    {
        var subnet = Feed(new WarmLevels(0, 0)).WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-1");

        var events = WarmSetPlanner.Plan(subnet, TestBlocks.OpenedFor(subnet), Fixed.Now);

        Assert.Equal(["10.0.0.16/28", "10.0.0.0/28"], Releases(events).Select(released => released.Cidr));
    }

    [Fact]
    public void Plan_UnderlayRackNodes_ClaimInTheirRack()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/26", ["node-1"]), new RackBlock("rack-b", "10.0.0.64/26", ["node-2"]) };
        var subnet = TestSubnets.Underlay("10.0.0.0/24", racks, warm: Levels);

        var events = WarmSetPlanner.Plan(subnet, [], Fixed.Now);

        Assert.Equal([("10.0.0.0/28", "rack-a"), ("10.0.0.64/28", "rack-b")], Claims(events).Select(claim => (claim.Cidr, claim.Rack)));
    }

    [Fact]
    public void Plan_RackFull_ClaimsNothingMore()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/28", ["node-1"]) };
        var subnet = TestSubnets.Underlay("10.0.0.0/24", racks, warm: Levels).WithBlock("10.0.0.0/28", "node-1");
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 15);

        Assert.Empty(WarmSetPlanner.Plan(subnet, [block], Fixed.Now));
    }

    [Fact]
    public void Plan_Eni_ClaimsOneInterfaceAtATime()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 4, 4, warm: Levels);

        var events = WarmSetPlanner.Plan(subnet, [], Fixed.Now);

        var claimed = Assert.Single(Claims(events));
        Assert.Equal("feed-eni-1", claimed.InterfaceId);
        Assert.False(claimed.Ready);
    }

    [Fact]
    public void Plan_PendingInterface_Waits()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 4, 4, warm: Levels)
            .With(new AddressBlockClaimed("10.0.0.0/30", "node-1", null, "feed-eni-1", false, Fixed.Now));

        Assert.Empty(WarmSetPlanner.Plan(subnet, TestBlocks.OpenedFor(subnet), Fixed.Now));
    }

    [Fact]
    public void Plan_AttachedInterfaceBelowTarget_ClaimsAnother()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 4, 4, warm: new WarmLevels(4, 8))
            .With(new AddressBlockClaimed("10.0.0.0/30", "node-1", null, "feed-eni-1", true, Fixed.Now));
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/30", "node-1"), 1);

        var claimed = Assert.Single(Claims(WarmSetPlanner.Plan(subnet, [block], Fixed.Now)));

        Assert.Equal("feed-eni-2", claimed.InterfaceId);
        Assert.Equal("10.0.0.4/30", claimed.Cidr);
    }

    [Fact]
    public void Plan_EniAtMaxInterfaces_ClaimsNothing()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 1, 4, warm: Levels)
            .With(new AddressBlockClaimed("10.0.0.4/30", "node-1", null, "feed-eni-1", true, Fixed.Now));
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.4/30", "node-1"), 4);

        Assert.Empty(WarmSetPlanner.Plan(subnet, [block], Fixed.Now));
    }

    [Fact]
    public void Plan_EniBetweenMinimumAndTarget_ClaimsAnotherInterface()
    {
        // One attached interface of 16 leaves 15 free: above the minimum of 2, below the target of 40.
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 4, 16, warm: new WarmLevels(2, 40))
            .With(new AddressBlockClaimed("10.0.0.0/28", "node-1", null, "feed-eni-1", true, Fixed.Now));
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 0);

        var claimed = Assert.Single(Claims(WarmSetPlanner.Plan(subnet, [block], Fixed.Now)));

        Assert.Equal("feed-eni-2", claimed.InterfaceId);
    }

    [Fact]
    public void Plan_AfterFailedAttach_WaitsOutThePause()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 4, 4, warm: Levels)
            .With(
                new AddressBlockClaimed("10.0.0.0/30", "node-1", null, "feed-eni-1", false, Fixed.Now),
                new AddressBlockReleased("10.0.0.0/30", "attach failed", Fixed.Now.AddMinutes(1)));

        Assert.Empty(WarmSetPlanner.Plan(subnet, [], Fixed.Now.AddSeconds(30)));
        Assert.Single(Claims(WarmSetPlanner.Plan(subnet, [], Fixed.Now.AddMinutes(2))));
    }

    [Fact]
    public void Plan_NodeTakenOutOfANodesOnlySubnet_GivesBackEmptyBlocksAndClaimsNone()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", pools: [], nodes: ["node-2"], warm: Levels)
            .WithBlock("10.0.0.0/28", "node-1");
        var block = Filled(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 0);

        var events = WarmSetPlanner.Plan(subnet, [block], Fixed.Now);

        Assert.Contains(Releases(events), released => released.Cidr == "10.0.0.0/28");
        Assert.DoesNotContain(Claims(events), claimed => claimed.Node == "node-1");
    }
}
