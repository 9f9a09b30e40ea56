using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>
/// A whole request planned against an address space: the node's own blocks first, then a new block, then another
/// node's block, and either every instance gets an address or none does.
/// </summary>
public sealed class AllocationPlannerTests
{
    private static readonly Guid First = Fixed.Instance(1);
    private static readonly Guid Second = Fixed.Instance(2);
    private static readonly Guid Third = Fixed.Instance(3);

    private static Subnet Feed(string cidr = "10.0.0.0/24", string? gateway = "10.0.0.1", string name = "feed") =>
        TestSubnets.Macvlan(cidr, gateway, name: name);

    private static AddressRequest Request(Guid instanceId, string node = "node-1", string pool = "feed-pool") => new(instanceId, node, pool);

    private static AllocationOutcome Plan(AddressSpace space, params AddressRequest[] requests) =>
        AllocationPlanner.Plan(space, Fixed.Saga, requests, Fixed.Now);

    /// <summary>Returns the block with every free address allocated to instances numbered from <paramref name="firstInstance"/>.</summary>
    private static BlockState Full(Subnet subnet, BlockState block, int firstInstance)
    {
        var instance = firstInstance;
        while (BlockDecider.Allocate(block, subnet, Fixed.Instance(instance), Fixed.Saga, block.Node, Fixed.Now) is { } allocated)
        {
            block = block.With(allocated);
            instance++;
        }

        return block;
    }

    [Fact]
    public void Plan_OwnBlockHasFree_AllocatesFromIt()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-2").WithBlock("10.0.0.16/28", "node-1");
        var space = TestSpaces.From([subnet], TestBlocks.OpenedFor(subnet));

        var outcome = Plan(space, Request(First));

        Assert.Null(outcome.Rejection);
        Assert.Equal(new AddressAssignment(First, "feed", "10.0.0.16"), Assert.Single(outcome.Assignments));
        Assert.Equal(["block/feed/10.0.0.16/28"], space.Pending.Keys);
        Assert.Equal([new AddressAllocated("10.0.0.16", First, Fixed.Saga, "node-1", Fixed.Now)], space.PendingOn("block/feed/10.0.0.16/28"), EventComparer.Instance);
    }

    [Fact]
    public void Plan_FirstOwnBlockFull_UsesNextOwnBlock()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-2").WithBlock("10.0.0.32/28", "node-1");
        var blocks = TestBlocks.OpenedFor(subnet);
        blocks[0] = Full(subnet, blocks[0], 100);
        var space = TestSpaces.From([subnet], blocks);

        var outcome = Plan(space, Request(First));

        Assert.Equal("10.0.0.32", Assert.Single(outcome.Assignments).Address);
        Assert.DoesNotContain(subnet.Id, space.Pending.Keys);
    }

    [Fact]
    public void Plan_NoBlocks_ClaimsFirstBlock()
    {
        var space = TestSpaces.From([Feed()], []);

        var outcome = Plan(space, Request(First));

        Assert.Equal("10.0.0.2", Assert.Single(outcome.Assignments).Address);
        Assert.Equal([new AddressBlockClaimed("10.0.0.0/28", "node-1", null, null, true, Fixed.Now)], space.PendingOn("subnet/feed"), EventComparer.Instance);
    }

    [Fact]
    public void Plan_OwnBlocksFull_ClaimsNewBlock()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var space = TestSpaces.From([subnet], [Full(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), 100)]);

        var outcome = Plan(space, Request(First));

        Assert.Equal(new AddressAssignment(First, "feed", "10.0.0.16"), Assert.Single(outcome.Assignments));
        Assert.Equal([new AddressBlockClaimed("10.0.0.16/28", "node-1", null, null, true, Fixed.Now)], space.PendingOn("subnet/feed"), EventComparer.Instance);
        Assert.Equal(
            [new BlockOpened("feed", "10.0.0.16/28", "node-1"), new AddressAllocated("10.0.0.16", First, Fixed.Saga, "node-1", Fixed.Now)],
            space.PendingOn("block/feed/10.0.0.16/28"),
            EventComparer.Instance);
    }

    [Fact]
    public void Plan_ClaimedBlock_ServesNextRequest()
    {
        var space = TestSpaces.From([Feed()], []);

        var outcome = Plan(space, Request(First), Request(Second));

        Assert.Equal(["10.0.0.2", "10.0.0.3"], outcome.Assignments.Select(assignment => assignment.Address));
        Assert.Single(space.PendingOn("subnet/feed"));
    }

    [Fact]
    public void Plan_SubnetExhausted_BorrowsFromOtherNode()
    {
        var subnet = Feed("10.0.0.0/27").WithBlock("10.0.0.0/28", "node-2").WithBlock("10.0.0.16/28", "node-2");
        var blocks = TestBlocks.OpenedFor(subnet);
        blocks[0] = Full(subnet, blocks[0], 100);
        var space = TestSpaces.From([subnet], blocks);

        var outcome = Plan(space, Request(First));

        Assert.Equal("10.0.0.16", Assert.Single(outcome.Assignments).Address);
        Assert.Equal([new AddressAllocated("10.0.0.16", First, Fixed.Saga, "node-1", Fixed.Now)], space.PendingOn("block/feed/10.0.0.16/28"), EventComparer.Instance);
        Assert.DoesNotContain("subnet/feed", space.Pending.Keys);
    }

    [Fact]
    public void Plan_BorrowWithoutAllBlocks_AsksForReload()
    {
        var subnet = Feed("10.0.0.0/28").WithBlock("10.0.0.0/28", "node-2");
        var space = TestSpaces.Partial([subnet], []);

        var missing = Assert.Throws<BlocksNotLoadedException>(() => Plan(space, Request(First)));

        Assert.Equal("feed", missing.Subnet);
    }

    [Fact]
    public void Plan_UnderlayBorrow_StaysInRack()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/28", ["node-1", "node-2"]), new RackBlock("rack-b", "10.0.0.16/28", ["node-3"]) };
        var subnet = TestSubnets.Underlay("10.0.0.0/24", racks).WithBlock("10.0.0.0/28", "node-2").WithBlock("10.0.0.16/28", "node-3");
        var blocks = TestBlocks.OpenedFor(subnet);
        blocks[1] = Full(subnet, blocks[1], 100);
        var space = TestSpaces.From([subnet], blocks);

        var sameRack = Plan(space, Request(First, "node-1", "any-pool"));
        var otherRack = Plan(space, Request(Second, "node-3", "any-pool"));

        Assert.Equal("10.0.0.1", Assert.Single(sameRack.Assignments).Address);
        Assert.NotNull(otherRack.Rejection);
    }

    [Fact]
    public void Plan_UnderlayNodeInNoRack_IsNotServed()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/26", ["node-1"]) };
        var space = TestSpaces.From([TestSubnets.Underlay("10.0.0.0/24", racks)], []);

        var outcome = Plan(space, Request(First, "node-9"));

        Assert.StartsWith("No subnet serves", outcome.Rejection);
    }

    [Fact]
    public void Plan_QuarantinedAddress_IsSkipped()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var block = TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", Third, Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.2", Third, "scaled in", Fixed.Now.AddMinutes(5)));
        var space = TestSpaces.From([subnet], [block]);

        Assert.Equal("10.0.0.3", Assert.Single(Plan(space, Request(First)).Assignments).Address);
    }

    [Fact]
    public void Plan_OneRequestUnserved_RollsBackAll()
    {
        // A /30 has two usable addresses and the gateway takes one, so only the first instance fits.
        var space = TestSpaces.From([Feed("10.0.0.0/30")], []);

        var outcome = Plan(space, Request(First), Request(Second));

        Assert.Empty(outcome.Assignments);
        Assert.NotNull(outcome.Rejection);
        Assert.Empty(space.Pending);
        Assert.Null(space.HoldingOf(First));
        Assert.Empty(Assert.Single(space.Subnets).Blocks);
    }

    [Fact]
    public void Plan_AfterRollback_SpaceStillServes()
    {
        var space = TestSpaces.From([Feed("10.0.0.0/30")], []);
        Plan(space, Request(First), Request(Second));

        var outcome = Plan(space, Request(Third));

        Assert.Equal(new AddressAssignment(Third, "feed", "10.0.0.2"), Assert.Single(outcome.Assignments));
    }

    [Fact]
    public void Plan_RejectedRequest_KeepsEarlierRequestsOfBatch()
    {
        var space = TestSpaces.From([Feed("10.0.0.0/30")], []);
        var earlier = Plan(space, Request(First));

        var later = Plan(space, Request(Second), Request(Third));

        Assert.Null(earlier.Rejection);
        Assert.NotNull(later.Rejection);
        Assert.NotNull(space.HoldingOf(First));
        Assert.Equal(2, space.PendingOn("block/feed/10.0.0.0/30").Count);
        Assert.Single(space.PendingOn("subnet/feed"));
    }

    [Fact]
    public void Plan_InstanceHoldsAddress_KeepsItWithoutEvents()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var space = TestSpaces.From([subnet], [TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1").Holding("10.0.0.7", First)]);

        var outcome = AllocationPlanner.Plan(space, Guid.NewGuid(), [Request(First)], Fixed.Now);

        Assert.Equal(new AddressAssignment(First, "feed", "10.0.0.7"), Assert.Single(outcome.Assignments));
        Assert.Empty(space.Pending);
    }

    [Fact]
    public void Plan_HeldAddressOnOtherNode_IsStillReturned()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");
        var space = TestSpaces.From([subnet], [TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1").Holding("10.0.0.7", First)]);

        var outcome = Plan(space, Request(First, "node-2"));

        Assert.Equal("10.0.0.7", Assert.Single(outcome.Assignments).Address);
    }

    [Fact]
    public void Plan_HeldUnderlayAddressAskedForInAnotherRack_IsRejected()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/26", ["node-1"]), new RackBlock("rack-b", "10.0.0.64/26", ["node-2"]) };
        var subnet = TestSubnets.Underlay("10.0.0.0/24", racks).With(new AddressBlockClaimed("10.0.0.0/28", "node-1", "rack-a", null, true, Fixed.Now));
        var space = TestSpaces.From([subnet], [TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1").Holding("10.0.0.7", First)]);

        var outcome = Plan(space, Request(First, "node-2"));

        Assert.Contains("already holds 10.0.0.7 of subnet 'feed' on node 'node-1', which does not work on node 'node-2'", outcome.Rejection);
        Assert.Empty(outcome.Assignments);
    }

    [Fact]
    public void Plan_HeldEniAddressAskedForOnAnotherNode_IsRejected()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1", "node-2"], 4, 16)
            .With(new AddressBlockClaimed("10.0.0.0/28", "node-1", null, "feed-eni-1", true, Fixed.Now));
        var space = TestSpaces.From([subnet], [TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1").Holding("10.0.0.7", First)]);

        var outcome = Plan(space, Request(First, "node-2"));

        Assert.NotNull(outcome.Rejection);
        Assert.Empty(space.Pending);
    }

    [Fact]
    public void Plan_SameInstanceTwice_AssignsOneAddress()
    {
        var space = TestSpaces.From([Feed()], []);

        var outcome = Plan(space, Request(First), Request(First));

        Assert.All(outcome.Assignments, assignment => Assert.Equal("10.0.0.2", assignment.Address));
        Assert.Single(space.PendingOn("block/feed/10.0.0.0/28").OfType<AddressAllocated>());
    }

    [Fact]
    public void Plan_NodeSubnet_PreferredOverPoolSubnet()
    {
        var pool = TestSubnets.Macvlan("10.0.0.0/24", name: "a-pool");
        var node = TestSubnets.Macvlan("10.0.1.0/24", pools: [], nodes: ["node-1"], name: "z-node");
        var space = TestSpaces.From([pool, node], []);

        var outcome = Plan(space, Request(First));

        Assert.Equal("z-node", Assert.Single(outcome.Assignments).Subnet);
    }

    [Fact]
    public void Plan_NodeSubnetFull_FallsBackToPool()
    {
        var pool = TestSubnets.Macvlan("10.0.0.0/24", name: "z-pool");
        var node = TestSubnets.Macvlan("10.0.1.0/30", gateway: "10.0.1.1", pools: [], nodes: ["node-1"], name: "a-node");
        var space = TestSpaces.From([pool, node], []);

        var outcome = Plan(space, Request(First), Request(Second));

        Assert.Equal([("a-node", "10.0.1.2"), ("z-pool", "10.0.0.1")], outcome.Assignments.Select(assignment => (assignment.Subnet, assignment.Address)));
    }

    [Fact]
    public void Plan_PoolSubnets_TriedInNameOrder()
    {
        var small = Feed("10.0.0.0/31", gateway: null, name: "a-small");
        var wide = Feed("10.0.1.0/24", gateway: null, name: "b-wide");
        var space = TestSpaces.From([wide, small], []);

        var outcome = Plan(space, Request(First), Request(Second), Request(Third));

        Assert.Equal(
            [("a-small", "10.0.0.0"), ("a-small", "10.0.0.1"), ("b-wide", "10.0.1.1")],
            outcome.Assignments.Select(assignment => (assignment.Subnet, assignment.Address)));
    }

    [Fact]
    public void Plan_NoServingSubnet_NamesNodeAndPool()
    {
        var space = TestSpaces.From([Feed()], []);

        var outcome = Plan(space, Request(First), Request(Second, "node-9", "other-pool"));

        Assert.Empty(outcome.Assignments);
        Assert.Empty(space.Pending);
        Assert.StartsWith($"No subnet serves instance {Second} on node 'node-9' in pool 'other-pool'.", outcome.Rejection);
        Assert.Contains("Add node 'node-9' to the nodes of a subnet", outcome.Rejection);
    }

    [Fact]
    public void Plan_NoFreeAddress_NamesSubnetAndMode()
    {
        var space = TestSpaces.From([Feed("10.0.0.0/30", name: "tiny")], []);

        var outcome = Plan(space, Request(First), Request(Second));

        Assert.NotNull(outcome.Rejection);
        Assert.StartsWith($"No free address for instance {Second} on node 'node-1' in pool 'feed-pool'", outcome.Rejection);
        Assert.Contains("subnet 'tiny' (10.0.0.0/30, macvlan) serves it but has no address for it", outcome.Rejection);
        Assert.DoesNotContain("eni", outcome.Rejection);
    }

    [Fact]
    public void Plan_SeveralSubnetsFull_NamesEach()
    {
        var first = Feed("10.0.0.0/31", gateway: "10.0.0.0", name: "a-small");
        var second = Feed("10.0.1.0/32", gateway: null, name: "b-tiny");
        var space = TestSpaces.From([first, second], []);

        var outcome = Plan(space, Request(First), Request(Second), Request(Third));

        Assert.Contains("subnets 'a-small' (10.0.0.0/31, macvlan), 'b-tiny' (10.0.1.0/32, macvlan) serve it but have no address for it", outcome.Rejection);
    }
}
