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
}
