using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>
/// The record of a node's blocks a request found with no address, which lets the next request of the batch skip them,
/// is valid only while the space does nothing but allocate.
/// </summary>
public sealed class ExhaustedBlocksTests
{
    private static readonly Subnet Feed = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1")
        .WithBlock("10.0.0.16/28", "node-1")
        .WithBlock("10.0.0.32/28", "node-1");

    private static AddressSpace Space() => TestSpaces.From([Feed], TestBlocks.OpenedFor(Feed));

    private static AllocationOutcome Plan(AddressSpace space, Guid instanceId, DateTimeOffset? now = null) =>
        AllocationPlanner.Plan(space, Fixed.Saga, [new AddressRequest(instanceId, "node-1", "feed-pool")], now ?? Fixed.Now);

    [Fact]
    public void ExhaustedBlocks_NothingRecorded_IsZero() =>
        Assert.Equal(0, Space().ExhaustedBlocks(Feed, "node-1", Fixed.Now));

    [Fact]
    public void ExhaustedBlocks_Recorded_MatchesStateAndTime()
    {
        var space = Space();

        space.RecordExhaustedBlocks(Feed, "node-1", Fixed.Now, 1);

        Assert.Equal(1, space.ExhaustedBlocks(Feed, "node-1", Fixed.Now));
        Assert.Equal(0, space.ExhaustedBlocks(Feed, "node-1", Fixed.Now.AddSeconds(1)));
        Assert.Equal(0, space.ExhaustedBlocks(Feed, "node-2", Fixed.Now));
        Assert.Equal(0, space.ExhaustedBlocks(Feed.WithBlock("10.0.0.48/28", "node-1"), "node-1", Fixed.Now));
    }

    [Fact]
    public void ExhaustedBlocks_AfterAllocation_IsKept()
    {
        var space = Space();
        space.RecordExhaustedBlocks(Feed, "node-1", Fixed.Now, 1);

        space.Apply(BlockState.Key("feed", "10.0.0.32/28"), new AddressAllocated("10.0.0.32", Fixed.Instance(9), Fixed.Saga, "node-1", Fixed.Now));

        Assert.Equal(1, space.ExhaustedBlocks(Feed, "node-1", Fixed.Now));
    }

    [Fact]
    public void ExhaustedBlocks_AfterRelease_IsForgotten()
    {
        var space = Space();
        space.Apply(BlockState.Key("feed", "10.0.0.16/28"), new AddressAllocated("10.0.0.17", Fixed.Instance(9), Fixed.Saga, "node-1", Fixed.Now));
        space.RecordExhaustedBlocks(Feed, "node-1", Fixed.Now, 1);

        space.Apply(BlockState.Key("feed", "10.0.0.16/28"), new AddressReleased("10.0.0.17", Fixed.Instance(9), "test"));

        Assert.Equal(0, space.ExhaustedBlocks(Feed, "node-1", Fixed.Now));
    }

    [Fact]
    public void ExhaustedBlocks_AfterRollback_IsForgotten()
    {
        var space = Space();
        var checkpoint = space.Checkpoint();
        space.Apply(BlockState.Key("feed", "10.0.0.16/28"), new AddressAllocated("10.0.0.17", Fixed.Instance(9), Fixed.Saga, "node-1", Fixed.Now));
        space.RecordExhaustedBlocks(Feed, "node-1", Fixed.Now, 1);

        space.Rollback(checkpoint);

        Assert.Equal(0, space.ExhaustedBlocks(Feed, "node-1", Fixed.Now));
    }

    [Fact]
    public void Plan_FirstBlockFull_UsesSecondBlock()
    {
        var space = FirstBlockFull();

        var addresses = Enumerable.Range(1, 3).Select(index => Assert.Single(Plan(space, Fixed.Instance(index)).Assignments).Address).ToList();

        Assert.Equal(["10.0.0.32", "10.0.0.33", "10.0.0.34"], addresses);
        Assert.Equal(1, space.ExhaustedBlocks(Feed, "node-1", Fixed.Now));
    }

    [Fact]
    public void Plan_ReleaseInPassedBlock_IsReused()
    {
        var space = FirstBlockFull();
        Assert.Equal("10.0.0.32", Assert.Single(Plan(space, Fixed.Instance(1)).Assignments).Address);

        space.Apply(BlockState.Key("feed", "10.0.0.16/28"), new AddressReleased("10.0.0.20", Fixed.Instance(104), "test"));
        var next = Assert.Single(Plan(space, Fixed.Instance(2)).Assignments).Address;

        Assert.Equal("10.0.0.20", next);
    }

    [Fact]
    public void Plan_LaterTime_LooksAtPassedBlocksAgain()
    {
        var space = FirstBlockFull(quarantinedUntil: Fixed.Now.AddMinutes(1));
        Assert.Equal("10.0.0.32", Assert.Single(Plan(space, Fixed.Instance(1)).Assignments).Address);

        var later = Assert.Single(Plan(space, Fixed.Instance(2), Fixed.Now.AddMinutes(2)).Assignments).Address;

        Assert.Equal("10.0.0.31", later);
    }

    // The /28 of node-1 has every address taken, 10.0.0.31 by a quarantine when one is given, the others by instances 100 on.
    private static AddressSpace FirstBlockFull(DateTimeOffset? quarantinedUntil = null)
    {
        var blocks = TestBlocks.OpenedFor(Feed);
        var last = quarantinedUntil is null ? 16 : 15;
        for (var host = 0; host < last; host++)
        {
            blocks[0] = blocks[0].Holding($"10.0.0.{16 + host}", Fixed.Instance(100 + host));
        }

        if (quarantinedUntil is { } until)
        {
            blocks[0] = blocks[0] with { Quarantined = [new QuarantinedAddress("10.0.0.31", Fixed.Instance(99), until)] };
        }

        return TestSpaces.From([Feed], blocks);
    }
}
