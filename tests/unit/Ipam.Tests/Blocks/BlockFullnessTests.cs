using Surge.Ipam.Blocks;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>The quick check that lets an allocation skip a full block without parsing its addresses.</summary>
public sealed class BlockFullnessTests
{
    private static BlockState Block(string cidr) => new(BlockState.Key("feed", cidr), "feed", cidr, "node-1", [], []);

    private static BlockState WithAllocations(BlockState block, int count, int start = 0) =>
        block with { Allocations = [.. Enumerable.Range(start, count).Select(index => new LiveAllocation($"addr-{index}", Fixed.Instance(index + 1), Fixed.Saga, "node-1", Fixed.Now))] };

    [Fact]
    public void IsFullAt_EveryAddressAllocated_IsTrue() =>
        Assert.True(WithAllocations(Block("10.0.0.16/30"), 4).IsFullAt(Fixed.Now));

    [Fact]
    public void IsFullAt_OneAddressLeft_IsFalse() =>
        Assert.False(WithAllocations(Block("10.0.0.16/30"), 3).IsFullAt(Fixed.Now));

    [Fact]
    public void IsFullAt_QuarantineRunning_CountsAsTaken()
    {
        var block = WithAllocations(Block("10.0.0.16/30"), 3) with { Quarantined = [new QuarantinedAddress("addr-9", Fixed.Instance(9), Fixed.Now.AddMinutes(1))] };

        Assert.True(block.IsFullAt(Fixed.Now));
    }

    [Fact]
    public void IsFullAt_QuarantineEnded_IsFalse()
    {
        var block = WithAllocations(Block("10.0.0.16/30"), 3) with { Quarantined = [new QuarantinedAddress("addr-9", Fixed.Instance(9), Fixed.Now.AddMinutes(-1))] };

        Assert.False(block.IsFullAt(Fixed.Now));
    }

    [Fact]
    public void IsFullAt_Ipv6Block_UsesBlockSize()
    {
        Assert.True(WithAllocations(Block("fd00::10/124"), 16).IsFullAt(Fixed.Now));
        Assert.False(WithAllocations(Block("fd00::10/124"), 15).IsFullAt(Fixed.Now));
    }

    [Fact]
    public void IsFullAt_HugeBlock_IsFalse() =>
        Assert.False(Block("fd00::/64").IsFullAt(Fixed.Now));

    [Theory]
    [InlineData("10.0.0.16/28")]
    [InlineData("10.0.0.0/8")]
    [InlineData("fd00::10/124")]
    public void Bounds_MatchesParsedRange(string cidr)
    {
        var range = Surge.Ipam.Addressing.AddressBlock.Parse(cidr);

        Assert.Equal((range.First, range.Last, range.Family), Block(cidr).Bounds());
    }
}
