using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>A subnet's utilisation: usable, allocated, quarantined, warm and free addresses, in total and per node.</summary>
public sealed class SubnetUtilisationTests
{
    private static readonly DateTimeOffset Until = Fixed.Now.AddMinutes(5);

    private static (Subnet Subnet, List<BlockState> Blocks) Feed()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1", nodes: ["node-1"])
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-2");
        var first = TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", Fixed.Instance(1))
            .Holding("10.0.0.3", Fixed.Instance(2), Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.3", Fixed.Instance(2), "scaled in", Until));
        var second = TestBlocks.Opened(subnet, "10.0.0.16/28", "node-2")
            .With(new AddressAllocated("10.0.0.16", Fixed.Instance(3), Fixed.Saga, "node-1", Fixed.Now));
        return (subnet, [first, second]);
    }

    [Fact]
    public void Of_Totals_CountEachKind()
    {
        var (subnet, blocks) = Feed();

        var utilisation = SubnetUtilisation.Of(subnet, blocks, Fixed.Now);

        Assert.Equal("253", utilisation.Usable);
        Assert.Equal(2, utilisation.Allocated);
        Assert.Equal(1, utilisation.Quarantined);
        Assert.Equal(12 + 15, utilisation.Warm);
        Assert.Equal("250", utilisation.Free);
    }

    [Fact]
    public void Of_QuarantineEnded_CountsAddressFree()
    {
        var (subnet, blocks) = Feed();

        var utilisation = SubnetUtilisation.Of(subnet, blocks, Until);

        Assert.Equal(0, utilisation.Quarantined);
        Assert.Equal(13 + 15, utilisation.Warm);
        Assert.Equal("251", utilisation.Free);
    }

    [Fact]
    public void Of_Nodes_CountTheirOwnBlocks()
    {
        var (subnet, blocks) = Feed();

        var nodes = SubnetUtilisation.Of(subnet, blocks, Fixed.Now).Nodes;

        Assert.Equal(["node-1", "node-2"], nodes.Select(node => node.Node));
        Assert.Equal((1, 12), (nodes[0].Allocated, nodes[0].Warm));
        Assert.Equal((1, 15), (nodes[1].Allocated, nodes[1].Warm));
        Assert.Equal(["10.0.0.0/28"], nodes[0].Blocks.Select(block => block.Cidr));
    }

    [Fact]
    public void Of_NoBlocks_AllFree()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1");

        var utilisation = SubnetUtilisation.Of(subnet, [], Fixed.Now);

        Assert.Equal("253", utilisation.Free);
        Assert.Equal(0, utilisation.Warm);
        Assert.Empty(utilisation.Nodes);
    }

    [Fact]
    public void Of_WideIpv6_CountsWithoutOverflow()
    {
        var subnet = TestSubnets.Macvlan("::/0");

        Assert.Equal("340282366920938463463374607431768211455", SubnetUtilisation.Of(subnet, [], Fixed.Now).Usable);
    }
}
