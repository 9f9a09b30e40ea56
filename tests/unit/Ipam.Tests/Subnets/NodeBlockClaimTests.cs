using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>In a macvlan subnet any node may claim any aligned block of the subnet, the lowest free one first.</summary>
public sealed class NodeBlockClaimTests
{
    [Fact]
    public void ClaimBlock_EmptySubnet_ClaimsFirstBlock()
    {
        var claimed = SubnetDecider.ClaimBlock(TestSubnets.Macvlan(), "node-1", Fixed.Now);

        Assert.Equal(new AddressBlockClaimed("10.0.0.0/28", "node-1", null, null, true, Fixed.Now), claimed);
    }

    [Fact]
    public void ClaimBlock_ClaimedBlocks_AreSkipped()
    {
        var subnet = TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-2");

        Assert.Equal("10.0.0.32/28", SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_ManyInARow_TakeNextFree()
    {
        // Each claim extends the last state's index instead of rebuilding it, so the claims must still never repeat.
        var subnet = TestSubnets.Macvlan("10.0.0.0/22");
        var claimed = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var claim = SubnetDecider.ClaimBlock(subnet, $"node-{i % 3}", Fixed.Now)!;
            claimed.Add(claim.Cidr);
            subnet = SubnetDecider.Evolve(subnet, claim)!;
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"10.0.{i * 16 / 256}.{i * 16 % 256}/28"), claimed);
        Assert.Equal(14, subnet.BlocksOf("node-0").Count());
    }

    [Fact]
    public void ClaimBlock_SmallerOldBlock_TakesItsCandidate()
    {
        // A /29 at .8 lies inside the /28 at .0, so after the subnet moved to /28 blocks that candidate is taken.
        var subnet = TestSubnets.Macvlan(blockPrefixLength: 28).WithBlock("10.0.0.8/29", "node-1");

        Assert.Equal("10.0.0.16/28", SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_WholeSubnetClaimed_ReturnsNull()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/27").WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-2");

        Assert.Null(SubnetDecider.ClaimBlock(subnet, "node-3", Fixed.Now));
    }

    [Fact]
    public void ClaimBlock_SubnetSmallerThanDefault_ClaimsWholeSubnet()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/30");

        Assert.Equal(30, subnet.EffectiveLayout.BlockPrefixLength);
        Assert.Equal("10.0.0.0/30", SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_Slash32OnlyGateway_ReturnsNull()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.9/32", gateway: "10.0.0.9");

        Assert.Null(SubnetDecider.ClaimBlock(subnet, "node-1", Fixed.Now));
    }

    [Fact]
    public void ClaimBlock_LastBlock_LosesBroadcastAddress()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/27").WithBlock("10.0.0.0/28", "node-1");
        var block = TestBlocks.Opened(subnet, "10.0.0.16/28", "node-2");

        Assert.Equal("10.0.0.16/28", SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now)?.Cidr);
        Assert.Equal(15, BlockDecider.CountFree(block, subnet, Fixed.Now));
    }

    [Fact]
    public void ClaimBlock_Ipv6Subnet_ClaimsSlash124()
    {
        var subnet = TestSubnets.Macvlan("fd00::/64").WithBlock("fd00::/124", "node-1");

        Assert.Equal("fd00::10/124", SubnetDecider.ClaimBlock(subnet, "node-2", Fixed.Now)?.Cidr);
    }

    [Fact]
    public void ClaimBlock_MacvlanBlock_HasNoRackOrInterface()
    {
        var claimed = SubnetDecider.ClaimBlock(TestSubnets.Macvlan(), "node-1", Fixed.Now);

        Assert.NotNull(claimed);
        Assert.Null(claimed.Rack);
        Assert.Null(claimed.InterfaceId);
        Assert.True(claimed.Ready);
    }

    [Fact]
    public void Evolve_BlockClaimedAndReleased_TracksBlocks()
    {
        var subnet = TestSubnets.Macvlan()
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-2")
            .With(new AddressBlockReleased("10.0.0.0/28", "empty"));

        var block = Assert.Single(subnet.Blocks);
        Assert.Equal(new NodeBlock("10.0.0.16/28", "node-2", null, null, true), block);
        Assert.Empty(subnet.BlocksOf("node-1"));
    }
}
