using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>
/// What a committed batch learned about a node's leading full blocks lets the next batch start after them, but only
/// while the ledger folded nothing that frees an address and the node's leading blocks are still the same.
/// </summary>
public sealed class FullBlockHintsTests
{
    private static readonly Subnet Feed = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1")
        .WithBlock("10.0.0.16/28", "node-1")
        .WithBlock("10.0.0.32/28", "node-1");

    private static IReadOnlyList<NodeBlock> BlocksOfNode(Subnet subnet) => subnet.BlocksOf("node-1");

    [Fact]
    public void KnownFull_NothingRecorded_IsZero() =>
        Assert.Equal(0, new FullBlockHints().KnownFull("feed", "node-1", BlocksOfNode(Feed), 0));

    [Fact]
    public void KnownFull_Recorded_MatchesKeyOnly()
    {
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", BlocksOfNode(Feed), 1, 7);

        Assert.Equal(1, hints.KnownFull("feed", "node-1", BlocksOfNode(Feed), 7));
        Assert.Equal(0, hints.KnownFull("feed", "node-2", BlocksOfNode(Feed), 7));
        Assert.Equal(0, hints.KnownFull("other", "node-1", BlocksOfNode(Feed), 7));
    }

    [Fact]
    public void KnownFull_AfterRoomChange_IsForgotten()
    {
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", BlocksOfNode(Feed), 1, 7);

        Assert.Equal(0, hints.KnownFull("feed", "node-1", BlocksOfNode(Feed), 8));

        // Dropped, not only hidden: the old count of room changes does not bring it back.
        Assert.Equal(0, hints.KnownFull("feed", "node-1", BlocksOfNode(Feed), 7));
    }

    [Fact]
    public void KnownFull_BlockClaimedAfter_IsKept()
    {
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", BlocksOfNode(Feed), 2, 7);

        var claimed = Feed.WithBlock("10.0.0.48/28", "node-1");

        Assert.Equal(3, BlocksOfNode(claimed).Count);
        Assert.Equal(2, hints.KnownFull("feed", "node-1", BlocksOfNode(claimed), 7));
    }

    [Fact]
    public void KnownFull_LeadingBlocksDiffer_IsForgotten()
    {
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", BlocksOfNode(Feed), 1, 7);

        // The same block list rebuilt: equal blocks, but none of them the block the count was taken on.
        var rebuilt = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1").WithBlock("10.0.0.16/28", "node-1").WithBlock("10.0.0.32/28", "node-1");

        Assert.Equal(0, hints.KnownFull("feed", "node-1", BlocksOfNode(rebuilt), 7));
    }

    [Fact]
    public void KnownFull_FewerBlocksThanCount_IsForgotten()
    {
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", BlocksOfNode(Feed), 2, 7);

        var fewer = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1").WithBlock("10.0.0.16/28", "node-1");

        Assert.Equal(0, hints.KnownFull("feed", "node-1", BlocksOfNode(fewer), 7));
    }

    [Fact]
    public void KnownFull_AfterClear_IsZero()
    {
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", BlocksOfNode(Feed), 1, 7);

        hints.Clear();

        Assert.Equal(0, hints.KnownFull("feed", "node-1", BlocksOfNode(Feed), 7));
    }

    [Fact]
    public void Plan_FirstBlockAllocatedInFull_RecordsIt()
    {
        var space = TestSpaces.From([Feed], FirstBlockAllocatedInFull());

        Assert.Equal("10.0.0.32", Assert.Single(Plan(space, Fixed.Instance(1)).Assignments).Address);

        var seen = Assert.Single(space.FullBlocksSeen);
        Assert.Equal(("feed", "node-1"), seen.Key);
        Assert.Equal(1, seen.Value.Count);
    }

    [Fact]
    public void Plan_FirstBlockFullWithQuarantine_RecordsNothing()
    {
        var blocks = FirstBlockAllocatedInFull();
        blocks[0] = blocks[0] with
        {
            Allocations = [.. blocks[0].Allocations.Where(allocation => allocation.Address != "10.0.0.31")],
            Quarantined = [new QuarantinedAddress("10.0.0.31", Fixed.Instance(99), Fixed.Now.AddMinutes(1))],
        };
        var space = TestSpaces.From([Feed], blocks);

        Assert.Equal("10.0.0.32", Assert.Single(Plan(space, Fixed.Instance(1)).Assignments).Address);

        // The quarantine ends without a ledger change, so the block must be looked at again later.
        Assert.Empty(space.FullBlocksSeen);
    }

    [Fact]
    public void Plan_KnownFullBlocks_StartsAfterThem()
    {
        // The first block has room, but the count records it as full, so the walk does not look at it. A count is
        // trusted, which is why only a committed batch may record one.
        var space = new AddressSpace([Feed], key => TestBlocks.OpenedFor(Feed).Single(block => block.Id == key), [])
        {
            KnownFullBlocks = (_, _, _) => 1,
        };

        Assert.Equal("10.0.0.32", Assert.Single(Plan(space, Fixed.Instance(1)).Assignments).Address);
    }

    [Fact]
    public void Plan_AfterRollback_ForgetsWhatTheBatchSaw()
    {
        var space = TestSpaces.From([Feed], FirstBlockAllocatedInFull());
        var checkpoint = space.Checkpoint();
        Plan(space, Fixed.Instance(1));

        space.Rollback(checkpoint);

        Assert.Empty(space.FullBlocksSeen);
    }

    [Fact]
    public void RoomChanges_Release_Counts()
    {
        var ledger = new AddressLedger(Microsoft.Extensions.Options.Options.Create(new AddressLedgerOptions()));
        BlockChanges Entry(BlockEvent @event) => new([new BlockChange("10.0.0.16/28", @event)]);

        ledger.Fold("feed", Entry(new BlockOpened("feed", "10.0.0.16/28", "node-1")), 1);
        var opened = ledger.RoomChangesOf("feed", "node-1");
        ledger.Fold("feed", Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now)), 2);
        var allocated = ledger.RoomChangesOf("feed", "node-1");
        ledger.Fold("feed", Entry(new AddressReleased("10.0.0.17", Fixed.Instance(1), "test")), 3);

        Assert.Equal(0, opened);
        Assert.Equal(opened, allocated);
        Assert.True(ledger.RoomChangesOf("feed", "node-1") > allocated);
    }

    [Fact]
    public void RoomChanges_BlockReopened_Counts()
    {
        var ledger = new AddressLedger(Microsoft.Extensions.Options.Options.Create(new AddressLedgerOptions()));
        BlockChanges Entry(BlockEvent @event) => new([new BlockChange("10.0.0.16/28", @event)]);
        ledger.Fold("feed", Entry(new BlockOpened("feed", "10.0.0.16/28", "node-1")), 1);
        ledger.Fold("feed", Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now)), 2);
        var before = ledger.RoomChangesOf("feed", "node-1");

        // Opened again, the block starts empty, so the address of its earlier claim is free.
        ledger.Fold("feed", Entry(new BlockOpened("feed", "10.0.0.16/28", "node-2")), 3);

        Assert.True(ledger.RoomChangesOf("feed", "node-1") > before);
    }

    [Fact]
    public void RoomChanges_OtherNodeRelease_Unchanged()
    {
        var ledger = new AddressLedger(Microsoft.Extensions.Options.Options.Create(new AddressLedgerOptions()));
        ledger.Fold("feed", new BlockChanges(
        [
            new BlockChange("10.0.0.16/28", new BlockOpened("feed", "10.0.0.16/28", "node-1")),
            new BlockChange("10.0.0.32/28", new BlockOpened("feed", "10.0.0.32/28", "node-2")),
            new BlockChange("10.0.0.32/28", new AddressAllocated("10.0.0.33", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)),
        ]), 1);
        ledger.Fold("other", new BlockChanges(
        [
            new BlockChange("10.1.0.16/28", new BlockOpened("other", "10.1.0.16/28", "node-1")),
            new BlockChange("10.1.0.16/28", new AddressAllocated("10.1.0.17", Fixed.Instance(2), Fixed.Saga, "node-1", Fixed.Now)),
        ]), 1);
        var before = ledger.RoomChangesOf("feed", "node-1");

        ledger.Fold("feed", new BlockChanges([new BlockChange("10.0.0.32/28", new AddressReleased("10.0.0.33", Fixed.Instance(1), "test"))]), 2);
        ledger.Fold("other", new BlockChanges([new BlockChange("10.1.0.16/28", new AddressReleased("10.1.0.17", Fixed.Instance(2), "test"))]), 2);

        // Node-1's blocks in feed gained no room; node-2's in feed and node-1's in other did.
        Assert.Equal(before, ledger.RoomChangesOf("feed", "node-1"));
        Assert.NotEqual(before, ledger.RoomChangesOf("feed", "node-2"));
        Assert.NotEqual(before, ledger.RoomChangesOf("other", "node-1"));
    }

    [Fact]
    public void RoomChanges_Restore_ChangesSubnet()
    {
        var ledger = new AddressLedger(Microsoft.Extensions.Options.Options.Create(new AddressLedgerOptions()));
        var before = ledger.RoomChangesOf("feed", "node-1");

        ledger.Restore(new AddressLedgerSnapshot("feed", 5, [TestBlocks.OpenedFor(Feed)[0]]));

        Assert.NotEqual(before, ledger.RoomChangesOf("feed", "node-1"));
        Assert.NotEqual(before, ledger.RoomChangesOf("feed", "node-9"));
        Assert.Equal(before, ledger.RoomChangesOf("other", "node-1"));
    }

    [Fact]
    public void IsAllocatedInFull_Gateway_IsFalse()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.20").WithBlock("10.0.0.16/28", "node-1");
        var block = TestBlocks.OpenedFor(subnet)[0];
        for (var host = 0; host < 16; host++)
        {
            if (host != 4)
            {
                block = block.Holding($"10.0.0.{16 + host}", Fixed.Instance(100 + host));
            }
        }

        // Every address but the gateway is taken, yet a subnet change may move the gateway without a ledger entry.
        Assert.Null(BlockDecider.Allocate(block, subnet, Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now));
        Assert.False(BlockDecider.IsAllocatedInFull(block, subnet));
    }

    [Fact]
    public void IsAllocatedInFull_CountsAllocationsOnly()
    {
        var full = FirstBlockAllocatedInFull()[0];
        var withQuarantine = full with
        {
            Allocations = [.. full.Allocations.Skip(1)],
            Quarantined = [new QuarantinedAddress("10.0.0.16", Fixed.Instance(99), Fixed.Now.AddMinutes(1))],
        };

        Assert.True(BlockDecider.IsAllocatedInFull(full, Feed));
        Assert.False(BlockDecider.IsAllocatedInFull(withQuarantine, Feed));
        Assert.True(withQuarantine.IsFullAt(Fixed.Now));
    }

    private static AllocationOutcome Plan(AddressSpace space, Guid instanceId) =>
        AllocationPlanner.Plan(space, Fixed.Saga, [new AddressRequest(instanceId, "node-1", "feed-pool")], Fixed.Now);

    // Every address of node-1's first /28 is allocated, to instances 100 on.
    private static List<BlockState> FirstBlockAllocatedInFull()
    {
        var blocks = TestBlocks.OpenedFor(Feed);
        for (var host = 0; host < 16; host++)
        {
            blocks[0] = blocks[0].Holding($"10.0.0.{16 + host}", Fixed.Instance(100 + host));
        }

        return blocks;
    }
}
