using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>In an underlay subnet a node's blocks come from its rack's block only, because each rack announces its own.</summary>
public sealed class BlockPerRackTests
{
    private static readonly RackBlock RackA = new("rack-a", "10.0.0.0/26", ["node-1", "node-2"]);
    private static readonly RackBlock RackB = new("rack-b", "10.0.0.64/26", ["node-3"]);

    private static Subnet TwoRacks(string? gateway = null) => TestSubnets.Underlay("10.0.0.0/24", [RackA, RackB], gateway);

    [Fact]
    public void ClaimBlock_NodeInRack_ClaimsInsideItsRack()
    {
        var claimed = SubnetDecider.ClaimBlock(TwoRacks(), "node-3", Fixed.Now);

        Assert.NotNull(claimed);
        Assert.Equal("10.0.0.64/28", claimed.Cidr);
        Assert.Equal("node-3", claimed.Node);
        Assert.Equal("rack-b", claimed.Rack);
    }

    [Fact]
    public void ClaimBlock_Underlay_IsReadyWithoutInterface()
    {
        var claimed = SubnetDecider.ClaimBlock(TwoRacks(), "node-1", Fixed.Now);

        Assert.NotNull(claimed);
        Assert.True(claimed.Ready);
        Assert.Null(claimed.InterfaceId);
        Assert.Equal(Fixed.Now, claimed.At);
    }

    [Fact]
    public void ClaimBlock_NodeInNoRack_ReturnsNull()
    {
        Assert.Null(SubnetDecider.ClaimBlock(TwoRacks(), "node-9", Fixed.Now));
    }

    [Fact]
    public void ClaimBlock_FirstBlockClaimed_ClaimsNext()
    {
        var subnet = TwoRacks().WithBlock("10.0.0.0/28", "node-1");

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now);

        Assert.Equal("10.0.0.16/28", claimed?.Cidr);
    }

    [Fact]
    public void ClaimBlock_GapAfterRelease_ClaimsLowestFree()
    {
        var subnet = TwoRacks()
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-2")
            .WithBlock("10.0.0.32/28", "node-1")
            .With(new AddressBlockReleased("10.0.0.16/28", "empty"));

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);

        Assert.Equal("10.0.0.16/28", claimed?.Cidr);
    }

    [Fact]
    public void ClaimBlock_RackFull_ReturnsNullDespiteOtherRack()
    {
        var subnet = TwoRacks()
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-1")
            .WithBlock("10.0.0.32/28", "node-2")
            .WithBlock("10.0.0.48/28", "node-2");

        Assert.Null(SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now));
        Assert.Equal("10.0.0.64/28", SubnetDecider.ClaimBlock(subnet, "node-3", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_OtherRackClaims_DoNotShiftThisRack()
    {
        var subnet = TwoRacks()
            .WithBlock("10.0.0.64/28", "node-3")
            .WithBlock("10.0.0.80/28", "node-3");

        Assert.Equal("10.0.0.0/28", SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now)?.Cidr);
        Assert.Equal("10.0.0.96/28", SubnetDecider.ClaimBlock(subnet, "node-3", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_GatewayBlock_StaysUsableLessGateway()
    {
        var subnet = TwoRacks(gateway: "10.0.0.1");

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);
        var block = TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1");

        Assert.Equal("10.0.0.0/28", claimed?.Cidr);
        Assert.Equal(14, BlockDecider.CountFree(block, subnet, Fixed.Now));
        Assert.Equal("10.0.0.2", BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now)?.Address);
    }

    [Fact]
    public void ClaimBlock_Slash31BlockOnlyGateway_SkipsIt()
    {
        // The subnet's network address and the gateway fill the first /31, so it has nothing to give out.
        var rack = new RackBlock("rack-a", "10.0.0.0/30", ["node-1"]);
        var subnet = TestSubnets.Underlay("10.0.0.0/24", [rack], gateway: "10.0.0.1", blockPrefixLength: 31);

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);

        Assert.Equal("10.0.0.2/31", claimed?.Cidr);
    }

    [Fact]
    public void ClaimBlock_Slash31Subnet_GivesBothAddresses()
    {
        var rack = new RackBlock("rack-a", "10.0.0.0/31", ["node-1"]);
        var subnet = TestSubnets.Underlay("10.0.0.0/31", [rack], blockPrefixLength: 31);

        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now);
        var block = TestBlocks.Opened(subnet, "10.0.0.0/31", "node-1");
        var first = BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now);
        var second = BlockDecider.Allocate(block.With(first!), subnet, Fixed.Instance(2), Fixed.Saga, "node-1", Fixed.Now);

        Assert.Equal("10.0.0.0/31", claimed?.Cidr);
        Assert.Equal("10.0.0.0", first?.Address);
        Assert.Equal("10.0.0.1", second?.Address);
    }

    [Fact]
    public void ClaimBlock_Slash31RackTaken_ReturnsNull()
    {
        var rack = new RackBlock("rack-a", "10.0.0.0/31", ["node-1"]);
        var subnet = TestSubnets.Underlay("10.0.0.0/31", [rack], blockPrefixLength: 31).WithBlock("10.0.0.0/31", "node-1");

        Assert.Null(SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now));
    }

    [Fact]
    public void ClaimBlock_Ipv6Racks_ClaimsInsideRack()
    {
        var racks = new[] { new RackBlock("rack-a", "fd00::/120", ["node-1"]), new RackBlock("rack-b", "fd00::100/120", ["node-2"]) };
        var subnet = TestSubnets.Underlay("fd00::/64", racks, blockPrefixLength: 124);

        Assert.Equal("fd00::/124", SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now)?.Cidr);
        Assert.Equal("fd00::100/124", SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now)?.Cidr);
        Assert.Equal("fd00::110/124", SubnetDecider.ClaimBlock(subnet.WithBlock("fd00::100/124", "node-2"), "node-2", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_Ipv6FirstBlock_SkipsRouterAnycast()
    {
        var racks = new[] { new RackBlock("rack-a", "fd00::/120", ["node-1"]) };
        var subnet = TestSubnets.Underlay("fd00::/64", racks, blockPrefixLength: 124);
        var block = TestBlocks.Opened(subnet, "fd00::/124", "node-1");

        Assert.Equal(15, BlockDecider.CountFree(block, subnet, Fixed.Now));
        Assert.Equal("fd00::1", BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now)?.Address);
    }

    [Fact]
    public void Allows_BlockOutsideNodesRack_IsFalse()
    {
        var subnet = TwoRacks();

        Assert.True(subnet.Allows(new NodeBlock("10.0.0.0/28", "node-1", "rack-a", null, true)));
        Assert.False(subnet.Allows(new NodeBlock("10.0.0.64/28", "node-1", "rack-a", null, true)));
        Assert.False(subnet.Allows(new NodeBlock("10.0.0.0/28", "node-1", "rack-b", null, true)));
        Assert.False(subnet.Allows(new NodeBlock("10.0.0.0/28", "node-9", null, null, true)));
    }

    [Fact]
    public void Allocate_RackWithItsOwnGateway_SkipsIt()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/26", ["node-1"], Gateway: "10.0.0.1") };
        var subnet = TestSubnets.Underlay("10.0.0.0/24", racks);
        var claimed = SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now)!;
        var after = SubnetDecider.Evolve(subnet, claimed)!;
        var block = TestBlocks.Opened(after, claimed.Cidr, "node-1");

        var first = BlockDecider.Allocate(block, after, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now)!;

        Assert.Equal("10.0.0.2", first.Address);
        Assert.Equal((UInt128)14, after.CountUsable(Surge.Ipam.Addressing.AddressBlock.Parse(claimed.Cidr)));
    }
}
