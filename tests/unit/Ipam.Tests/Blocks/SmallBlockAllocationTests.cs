using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>
/// Blocks of up to 64 addresses are searched with one bit per address; each case also allocates until the block is full,
/// so the order of addresses is the same lowest-first order as for larger blocks.
/// </summary>
public sealed class SmallBlockAllocationTests
{
    private static List<string> FillAll(Subnet subnet, BlockState block, DateTimeOffset now)
    {
        var given = new List<string>();
        while (BlockDecider.Allocate(block, subnet, Fixed.Instance(given.Count + 1), Fixed.Saga, block.Node, now) is { } allocated)
        {
            given.Add(allocated.Address);
            block = block.With(allocated);
        }

        return given;
    }

    [Fact]
    public void Allocate_BlockOf64_GivesEveryAddressOnceInOrder()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", blockPrefixLength: 26).WithBlock("10.0.0.64/26", "node-1");

        var given = FillAll(subnet, TestBlocks.Opened(subnet, "10.0.0.64/26", "node-1"), Fixed.Now);

        Assert.Equal(Enumerable.Range(64, 64).Select(last => $"10.0.0.{last}"), given);
    }

    [Fact]
    public void Allocate_FirstBlock_SkipsNetworkAndGateway()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", gateway: "10.0.0.3").WithBlock("10.0.0.0/28", "node-1");

        var given = FillAll(subnet, TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1"), Fixed.Now);

        Assert.Equal(["10.0.0.1", "10.0.0.2", .. Enumerable.Range(4, 12).Select(last => $"10.0.0.{last}")], given);
    }

    [Fact]
    public void Allocate_HoleAndQuarantine_GivesLowestFreeAndSkipsQuarantine()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24").WithBlock("10.0.0.16/28", "node-1");
        var block = TestBlocks.Opened(subnet, "10.0.0.16/28", "node-1")
            .Holding("10.0.0.16", Fixed.Instance(101))
            .Holding("10.0.0.17", Fixed.Instance(102))
            .Holding("10.0.0.19", Fixed.Instance(103))
            .With(new AddressReleased("10.0.0.17", Fixed.Instance(102), "test", Fixed.Now.AddMinutes(5)));

        var now = BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now);
        var later = BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now.AddMinutes(10));

        Assert.Equal("10.0.0.18", now!.Address);
        Assert.Equal("10.0.0.17", later!.Address);
    }

    [Fact]
    public void Allocate_IPv6Block_GivesLowestFree()
    {
        var subnet = TestSubnets.Macvlan("fd00::/120", blockPrefixLength: 124).WithBlock("fd00::10/124", "node-1");
        var block = TestBlocks.Opened(subnet, "fd00::10/124", "node-1").Holding("fd00::10", Fixed.Instance(101));

        var allocated = BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now);

        Assert.Equal("fd00::11", allocated!.Address);
    }
}
