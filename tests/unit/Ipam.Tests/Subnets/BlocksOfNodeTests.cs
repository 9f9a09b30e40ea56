using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>A node's blocks come from an index of the subnet's block list, which must follow every change of the list.</summary>
public sealed class BlocksOfNodeTests
{
    [Fact]
    public void BlocksOf_AfterClaim_IncludesNewBlock()
    {
        var before = TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1");
        Assert.Single(before.BlocksOf("node-1"));

        var after = before.WithBlock("10.0.0.16/28", "node-1");

        Assert.Equal(["10.0.0.0/28", "10.0.0.16/28"], after.BlocksOf("node-1").Select(block => block.Cidr));
        Assert.Single(before.BlocksOf("node-1"));
    }

    [Fact]
    public void BlocksOf_NodeWithoutBlocks_IsEmpty() =>
        Assert.Empty(TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1").BlocksOf("node-2"));

    [Fact]
    public void BlockKeysOf_FollowsBlocksOf()
    {
        var subnet = TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-2").WithBlock("10.0.0.32/28", "node-1");

        Assert.Equal(["block/feed/10.0.0.0/28", "block/feed/10.0.0.32/28"], subnet.BlockKeysOf("node-1"));
        Assert.Equal(subnet.BlocksOf("node-1").Select(block => Surge.Ipam.Blocks.BlockState.Key("feed", block.Cidr)), subnet.BlockKeysOf("node-1"));
        Assert.Empty(subnet.BlockKeysOf("node-3"));
    }

    [Fact]
    public void BlockKeysOf_SharedList_UsesSubnetName()
    {
        var feed = TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1");
        var other = feed with { Id = "subnet/other", Name = "other" };

        Assert.Equal(["block/feed/10.0.0.0/28"], feed.BlockKeysOf("node-1"));
        Assert.Equal(["block/other/10.0.0.0/28"], other.BlockKeysOf("node-1"));
        Assert.Equal(["block/feed/10.0.0.0/28"], feed.BlockKeysOf("node-1"));
    }
}
