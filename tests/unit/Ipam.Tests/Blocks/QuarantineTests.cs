using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>A released address waits out its quarantine in its block before another instance may get it.</summary>
public sealed class QuarantineTests
{
    private static readonly Guid Old = Fixed.Instance(1);
    private static readonly Guid New = Fixed.Instance(2);
    private static readonly DateTimeOffset Released = Fixed.Now;
    private static readonly DateTimeOffset Until = Released.AddMinutes(5);

    private static readonly Subnet Feed = TestSubnets.Macvlan("10.0.0.0/24", gateway: "10.0.0.1").WithBlock("10.0.0.0/28", "node-1");

    private static BlockState Block() => TestBlocks.Opened(Feed, "10.0.0.0/28", "node-1");

    private static BlockState WithReleased(DateTimeOffset? until) =>
        Block().Holding("10.0.0.2", Old, Released.AddHours(-1)).With(new AddressReleased("10.0.0.2", Old, "scaled in", until));

    private static AddressAllocated? Allocate(BlockState block, DateTimeOffset now) =>
        BlockDecider.Allocate(block, Feed, New, Fixed.Saga, "node-1", now);

    [Fact]
    public void Release_WithQuarantine_CarriesTheEnd()
    {
        var block = Block().Holding("10.0.0.2", Old);

        var released = BlockDecider.Release(block, Old, "scaled in", Until);

        Assert.Equal(new AddressReleased("10.0.0.2", Old, "scaled in", Until), released);
    }

    [Fact]
    public void Release_WithoutQuarantine_HasNoEnd()
    {
        var block = Block().Holding("10.0.0.2", Old);

        var released = BlockDecider.Release(block, Old, "scaled in", null);

        Assert.Equal(new AddressReleased("10.0.0.2", Old, "scaled in", null), released);
    }

    [Fact]
    public void Release_UnknownInstance_GivesNoEvent()
    {
        var block = Block().Holding("10.0.0.2", Old);

        Assert.Null(BlockDecider.Release(block, New, "scaled in", Until));
    }

    [Fact]
    public void Evolve_ReleaseWithQuarantine_KeepsAddressOut()
    {
        var block = WithReleased(Until);

        Assert.Empty(block.Allocations);
        Assert.Equal([new QuarantinedAddress("10.0.0.2", Old, Until)], block.Quarantined);
        Assert.Equal(1, block.QuarantinedAt(Released));
    }

    [Fact]
    public void Evolve_ReleaseWithoutQuarantine_FreesAtOnce()
    {
        var block = WithReleased(null);

        Assert.Empty(block.Allocations);
        Assert.Empty(block.Quarantined);
        Assert.Equal("10.0.0.2", Allocate(block, Released)?.Address);
    }

    [Fact]
    public void Allocate_BeforeQuarantineEnds_SkipsAddress()
    {
        var block = WithReleased(Until);

        Assert.Equal("10.0.0.3", Allocate(block, Released)?.Address);
        Assert.Equal("10.0.0.3", Allocate(block, Until.AddTicks(-1))?.Address);
    }

    [Fact]
    public void Allocate_AtQuarantineEnd_GivesAddressOut()
    {
        var block = WithReleased(Until);

        Assert.Equal("10.0.0.2", Allocate(block, Until)?.Address);
    }

    [Fact]
    public void Evolve_Reallocated_ForgetsQuarantine()
    {
        var block = WithReleased(Until);

        var after = block.With(Allocate(block, Until)!);

        Assert.Empty(after.Quarantined);
        Assert.Equal(New, Assert.Single(after.Allocations).InstanceId);
    }

    [Fact]
    public void CountFree_DuringQuarantine_LeavesAddressOut()
    {
        var block = WithReleased(Until);

        Assert.Equal(13, BlockDecider.CountFree(block, Feed, Released));
        Assert.Equal(14, BlockDecider.CountFree(block, Feed, Until));
    }

    [Fact]
    public void Allocate_OnlyQuarantinedLeft_ReturnsNullUntilEnd()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/30", gateway: "10.0.0.1").WithBlock("10.0.0.0/30", "node-1");
        var block = TestBlocks.Opened(subnet, "10.0.0.0/30", "node-1")
            .Holding("10.0.0.2", Old)
            .With(new AddressReleased("10.0.0.2", Old, "scaled in", Until));

        Assert.Null(BlockDecider.Allocate(block, subnet, New, Fixed.Saga, "node-1", Released));
        Assert.Equal("10.0.0.2", BlockDecider.Allocate(block, subnet, New, Fixed.Saga, "node-1", Until)?.Address);
    }

    [Fact]
    public void Evolve_ReleasedTwice_KeepsOneQuarantineEntry()
    {
        var later = Until.AddMinutes(10);
        var block = WithReleased(Until)
            .Holding("10.0.0.2", New, Until)
            .With(new AddressReleased("10.0.0.2", New, "scaled in", later));

        Assert.Equal([new QuarantinedAddress("10.0.0.2", New, later)], block.Quarantined);
    }

    [Fact]
    public void QuarantinedAt_EndedQuarantine_CountsNothing()
    {
        var block = WithReleased(Until);

        Assert.Equal(1, block.QuarantinedAt(Until.AddTicks(-1)));
        Assert.Equal(0, block.QuarantinedAt(Until));
    }
}
