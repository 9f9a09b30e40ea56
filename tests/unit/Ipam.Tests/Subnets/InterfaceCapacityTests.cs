using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>
/// In an eni subnet each block is one elastic network interface: it holds addressesPerInterface addresses, a node has
/// at most maxPerNode of them, and its addresses are given out only once the interface is attached.
/// </summary>
public sealed class InterfaceCapacityTests
{
    private static Subnet TwoNodes(int maxPerNode = 2, int addressesPerInterface = 16) =>
        TestSubnets.Eni("10.0.0.0/24", ["node-1", "node-2"], maxPerNode, addressesPerInterface);

    private static Subnet WithInterface(Subnet subnet, string cidr, string node, string interfaceId, bool ready = false) =>
        subnet.With(new AddressBlockClaimed(cidr, node, null, interfaceId, ready, Fixed.Now));

    private static AddressRequest Request(int instance, string node = "node-1") => new(Fixed.Instance(instance), node, "feed-pool");

    [Fact]
    public void ClaimBlock_Eni_ClaimsInterfaceNotReady()
    {
        var claimed = SubnetDecider.ClaimBlock(TwoNodes(), "node-1", Fixed.Now);

        Assert.Equal(new AddressBlockClaimed("10.0.0.0/28", "node-1", null, "feed-eni-1", false, Fixed.Now), claimed);
    }

    [Fact]
    public void ClaimBlock_SecondInterface_TakesNextNumberAndBlock()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1");

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);

        Assert.Equal("feed-eni-2", claimed?.InterfaceId);
        Assert.Equal("10.0.0.16/28", claimed?.Cidr);
    }

    [Fact]
    public void ClaimBlock_OtherNode_NumbersItsOwnInterfaces()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1");

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now);

        Assert.Equal("feed-eni-1", claimed?.InterfaceId);
        Assert.Equal("10.0.0.16/28", claimed?.Cidr);
    }

    [Fact]
    public void ClaimBlock_MaxPerNodeReached_ReturnsNull()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1", ready: true);
        subnet = WithInterface(subnet, "10.0.0.16/28", "node-1", "feed-eni-2");

        Assert.Null(SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now));
        Assert.NotNull(SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now));
    }

    [Fact]
    public void ClaimBlock_ReleasedInterface_ReusesItsNumber()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1");
        subnet = WithInterface(subnet, "10.0.0.16/28", "node-1", "feed-eni-2", ready: true);
        subnet = subnet.With(new AddressBlockReleased("10.0.0.0/28", "interface feed-eni-1 could not be attached"));

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);

        Assert.Equal("feed-eni-1", claimed?.InterfaceId);
        Assert.Equal("10.0.0.0/28", claimed?.Cidr);
    }

    // With one address per interface the first /32 is the subnet's network address, so no interface gets it.
    [Theory]
    [InlineData(1, "10.0.0.1/32", "10.0.0.2/32")]
    [InlineData(4, "10.0.0.0/30", "10.0.0.4/30")]
    [InlineData(16, "10.0.0.0/28", "10.0.0.16/28")]
    [InlineData(64, "10.0.0.0/26", "10.0.0.64/26")]
    public void ClaimBlock_BlockSize_IsAddressesPerInterface(int addressesPerInterface, string first, string second)
    {
        var subnet = TwoNodes(addressesPerInterface: addressesPerInterface);

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);
        var next = SubnetDecider.ClaimBlock(subnet.With(claimed!), "node-1", Fixed.Now);

        Assert.Equal(first, claimed?.Cidr);
        Assert.Equal(second, next?.Cidr);
    }

    [Fact]
    public void ClaimBlock_Ipv6Eni_ClaimsInterfaceSizedBlock()
    {
        var subnet = TestSubnets.Eni("fd00::/64", ["node-1"], 4, 16);

        Assert.Equal("fd00::/124", SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_NoInterfaceLimits_ReturnsNull()
    {
        var subnet = TwoNodes() with { Layout = TwoNodes().EffectiveLayout with { Interfaces = null } };

        Assert.Null(SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now));
    }

    [Fact]
    public void AddressBlockReady_PendingInterface_BecomesReady()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1");

        var ready = subnet.With(new AddressBlockReady("10.0.0.0/28", Fixed.Now));

        Assert.False(Assert.Single(subnet.Blocks).Ready);
        Assert.True(Assert.Single(ready.Blocks).Ready);
    }

    [Fact]
    public void Plan_NoInterface_RejectsWithoutClaiming()
    {
        var space = TestSpaces.From([TwoNodes()], []);

        var outcome = AllocationPlanner.Plan(space, Fixed.Saga, [Request(1)], Fixed.Now);

        Assert.NotNull(outcome.Rejection);
        Assert.Contains("eni subnet", outcome.Rejection);
        Assert.Contains("retry in a few seconds", outcome.Rejection);
        Assert.Empty(space.Pending);
    }

    [Fact]
    public void Plan_InterfaceNotAttached_Rejects()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1");
        var space = TestSpaces.From([subnet], TestBlocks.OpenedFor(subnet));

        var outcome = AllocationPlanner.Plan(space, Fixed.Saga, [Request(1)], Fixed.Now);

        Assert.NotNull(outcome.Rejection);
        Assert.Empty(space.Pending);
    }

    [Fact]
    public void Plan_InterfaceAttached_AllocatesFromIt()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1").With(new AddressBlockReady("10.0.0.0/28", Fixed.Now));
        var space = TestSpaces.From([subnet], TestBlocks.OpenedFor(subnet));

        var outcome = AllocationPlanner.Plan(space, Fixed.Saga, [Request(1)], Fixed.Now);

        Assert.Null(outcome.Rejection);
        Assert.Equal(new AddressAssignment(Fixed.Instance(1), "feed", "10.0.0.1"), Assert.Single(outcome.Assignments));
    }

    [Fact]
    public void Plan_OtherNodesInterface_IsNeverBorrowed()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-2", "feed-eni-1", ready: true);
        var space = TestSpaces.From([subnet], TestBlocks.OpenedFor(subnet));

        var outcome = AllocationPlanner.Plan(space, Fixed.Saga, [Request(1, "node-1")], Fixed.Now);

        Assert.NotNull(outcome.Rejection);
        Assert.Empty(space.Pending);
    }

    [Fact]
    public void Plan_OwnInterfaceFull_RejectsWithoutClaiming()
    {
        var subnet = WithInterface(TestSubnets.Eni("10.0.0.0/24", ["node-1"], 2, 1), "10.0.0.1/32", "node-1", "feed-eni-1", ready: true);
        var block = TestBlocks.Opened(subnet, "10.0.0.1/32", "node-1").Holding("10.0.0.1", Fixed.Instance(9));
        var space = TestSpaces.From([subnet], [block]);

        var outcome = AllocationPlanner.Plan(space, Fixed.Saga, [Request(1)], Fixed.Now);

        Assert.NotNull(outcome.Rejection);
        Assert.DoesNotContain(space.Pending.Values.SelectMany(events => events), e => e is AddressBlockClaimed);
    }

    [Fact]
    public void Allows_EniBlockWithoutInterface_IsFalse()
    {
        var subnet = TwoNodes();

        Assert.True(subnet.Allows(new NodeBlock("10.0.0.0/28", "node-1", null, "feed-eni-1", false)));
        Assert.False(subnet.Allows(new NodeBlock("10.0.0.0/28", "node-1", null, null, true)));
        Assert.False(subnet.Allows(new NodeBlock("10.0.0.0/27", "node-1", null, "feed-eni-1", true)));
    }

    [Fact]
    public void CountFree_PendingInterface_CountsNoWarmAddress()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.0/28", "node-1", "feed-eni-1");
        var utilisation = SubnetUtilisation.Of(subnet, TestBlocks.OpenedFor(subnet), Fixed.Now);

        Assert.Equal(0, Assert.Single(utilisation.Nodes).Warm);
        Assert.Equal(0, utilisation.Warm);
    }

    [Fact]
    public void CountFree_ReadyInterface_CountsItsAddresses()
    {
        var subnet = WithInterface(TwoNodes(), "10.0.0.16/28", "node-1", "feed-eni-1", ready: true);
        var blocks = TestBlocks.OpenedFor(subnet);

        Assert.Equal(16, BlockDecider.CountFree(blocks[0], subnet, Fixed.Now));
        Assert.Equal(16, SubnetUtilisation.Of(subnet, blocks, Fixed.Now).Warm);
    }
}
