using Microsoft.Extensions.Options;
using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>
/// The count of a node's leading full blocks survives changes that free no address, and it covers the block that
/// holds the subnet's network address. Losing it would cost the next batch a walk over all of the node's blocks.
/// </summary>
public sealed class FullBlockCountKeptTests
{
    // node-1 has two blocks: 10.0.0.16/28, whose 16 addresses are all allocated, and 10.0.0.32/28, which has room.
    // node-2 has one block, 10.0.0.48/28, with one address allocated.
    private static readonly Subnet Feed = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1")
        .WithBlock("10.0.0.16/28", "node-1")
        .WithBlock("10.0.0.32/28", "node-1")
        .WithBlock("10.0.0.48/28", "node-2");

    public static TheoryData<string> ChangesThatFreeNothing() =>
    [
        "refill claims a block for node-2",
        "reconciliation marks an instance of node-1 missing",
        "reconciliation sees that instance again",
        "reconciliation reclaims an address in node-2's block",
    ];

    // The refill claims blocks every few seconds, and each claim folds a BlockOpened; reconciliation folds its marks.
    [Theory]
    [MemberData(nameof(ChangesThatFreeNothing))]
    public void KnownFull_AfterChangeThatFreesNothing_IsKept(string change)
    {
        var ledger = LedgerWithFirstBlockFull();
        var hints = new FullBlockHints();
        hints.Record("feed", "node-1", Feed.BlocksOf("node-1"), 1, ledger.RoomChangesOf("feed", "node-1"));

        var (subnetAfter, entry) = change switch
        {
            "refill claims a block for node-2" => (
                Feed.WithBlock("10.0.0.64/28", "node-2"),
                new BlockChange("10.0.0.64/28", new BlockOpened("feed", "10.0.0.64/28", "node-2"))),
            "reconciliation marks an instance of node-1 missing" => (
                Feed,
                new BlockChange("10.0.0.16/28", new AllocatedInstanceMissing("10.0.0.16", Fixed.Instance(100), Fixed.Now))),
            "reconciliation sees that instance again" => (
                Feed,
                new BlockChange("10.0.0.16/28", new AllocatedInstanceSeenAgain("10.0.0.16", Fixed.Instance(100), Fixed.Now))),
            "reconciliation reclaims an address in node-2's block" => (
                Feed,
                new BlockChange("10.0.0.48/28", new AddressReclaimed("10.0.0.50", Fixed.Instance(300), "node-2", Fixed.Now, "test"))),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown case."),
        };
        ledger.Fold("feed", new BlockChanges([entry]), 3);

        // The change added no free address to node-1's first block.
        Assert.True(BlockDecider.IsAllocatedInFull(ledger.Block(BlockState.Key("feed", "10.0.0.16/28"))!, Feed));
        Assert.Equal(1, hints.KnownFull("feed", "node-1", subnetAfter.BlocksOf("node-1"), ledger.RoomChangesOf("feed", "node-1")));
    }

    // A block that holds the subnet's network address never has all of its 2^hostBits addresses allocated. The first
    // block claimed in a subnet is its lowest one, so without leaving that address out, the node that claimed first
    // would never get a count.
    [Fact]
    public void Plan_NetworkAddressBlockFull_RecordsIt()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", gateway: null)
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-1");
        var blocks = TestBlocks.OpenedFor(subnet);
        for (var host = 1; host < 16; host++)
        {
            blocks[0] = blocks[0].Holding($"10.0.0.{host}", Fixed.Instance(100 + host));
        }

        var space = TestSpaces.From([subnet], blocks);

        var outcome = AllocationPlanner.Plan(space, Fixed.Saga, [new AddressRequest(Fixed.Instance(1), "node-1", "feed-pool")], Fixed.Now);

        // Every address an instance can get in the first block is allocated, so the walk found nothing there.
        Assert.Equal("10.0.0.16", Assert.Single(outcome.Assignments).Address);
        Assert.Null(BlockDecider.Allocate(blocks[0], subnet, Fixed.Instance(2), Fixed.Saga, "node-1", Fixed.Now));
        var seen = Assert.Single(space.FullBlocksSeen);
        Assert.Equal(1, seen.Value.Count);
    }

    // Ledger version 2: node-1's first block has every address allocated, to instances 100 on, and node-2's block
    // holds 10.0.0.49.
    private static AddressLedger LedgerWithFirstBlockFull()
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions()));
        ledger.Fold("feed", new BlockChanges(
        [
            new BlockChange("10.0.0.16/28", new BlockOpened("feed", "10.0.0.16/28", "node-1")),
            new BlockChange("10.0.0.32/28", new BlockOpened("feed", "10.0.0.32/28", "node-1")),
            new BlockChange("10.0.0.48/28", new BlockOpened("feed", "10.0.0.48/28", "node-2")),
        ]), 1);

        var allocations = Enumerable.Range(0, 16)
            .Select(host => new BlockChange("10.0.0.16/28", new AddressAllocated($"10.0.0.{16 + host}", Fixed.Instance(100 + host), Fixed.Saga, "node-1", Fixed.Now)))
            .Append(new BlockChange("10.0.0.48/28", new AddressAllocated("10.0.0.49", Fixed.Instance(200), Fixed.Saga, "node-2", Fixed.Now)));
        ledger.Fold("feed", new BlockChanges([.. allocations]), 2);
        return ledger;
    }
}
