using Microsoft.Extensions.Options;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.Ipam.WarmSets;

namespace Surge.Ipam.Tests.WarmSets;

/// <summary>A refill planned without the lock is recorded only while the subnets and the blocks it gives back are as it read them.</summary>
public sealed class WarmSetRefillPlanTests
{
    private static readonly WarmLevels Levels = new(2, 8);

    private static Subnet Feed() => TestSubnets.Macvlan("10.0.0.0/24", nodes: ["node-1"], warm: Levels);

    private static AddressLedger LedgerWith(params BlockState[] blocks)
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions()));
        ledger.Restore(new AddressLedgerSnapshot("feed", 1, blocks));
        return ledger;
    }

    private static WarmSetRefillPlan Decide(Subnet subnet, long version, AddressLedger ledger) =>
        WarmSetRefillPlan.Decide([subnet], SubnetReads.BlocksOf(ledger, [subnet]), new Dictionary<string, long> { [subnet.Id] = version }, Fixed.Now);

    // node-1 holds two empty blocks, so with a target of 8 it gives one back.
    private static (Subnet Subnet, AddressLedger Ledger) TwoEmptyBlocks()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.16/28", "node-1");
        return (subnet, LedgerWith([.. TestBlocks.OpenedFor(subnet)]));
    }

    [Fact]
    public void Decide_NothingToDo_PlansNoSubnet()
    {
        var subnet = Feed().WithBlock("10.0.0.0/28", "node-1");

        var plan = Decide(subnet, 3, LedgerWith([.. TestBlocks.OpenedFor(subnet)]));

        Assert.Empty(plan.Subnets);
    }

    [Fact]
    public void Decide_NodeBelowMinimum_KeepsVersionWithClaims()
    {
        var plan = Decide(Feed(), 3, LedgerWith());

        var planned = Assert.Single(plan.Subnets);
        Assert.Equal(3, planned.Version);
        Assert.IsType<AddressBlockClaimed>(Assert.Single(planned.Events));
    }

    [Fact]
    public void IsStillValid_NothingMoved_Holds()
    {
        var (subnet, ledger) = TwoEmptyBlocks();
        var plan = Decide(subnet, 3, ledger);

        Assert.IsType<AddressBlockReleased>(Assert.Single(Assert.Single(plan.Subnets).Events));
        Assert.True(plan.IsStillValid(new Dictionary<string, long> { [subnet.Id] = 3 }, ledger));
    }

    [Fact]
    public void IsStillValid_StreamMoved_False()
    {
        var (subnet, ledger) = TwoEmptyBlocks();
        var plan = Decide(subnet, 3, ledger);

        Assert.False(plan.IsStillValid(new Dictionary<string, long> { [subnet.Id] = 4 }, ledger));
        Assert.False(plan.IsStillValid(new Dictionary<string, long>(), ledger));
    }

    [Fact]
    public void IsStillValid_ReturnedBlockUsed_False()
    {
        var (subnet, ledger) = TwoEmptyBlocks();
        var plan = Decide(subnet, 3, ledger);
        var released = (AddressBlockReleased)Assert.Single(Assert.Single(plan.Subnets).Events);

        // An allocation committed after the plan took an address of the block the plan gives back.
        ledger.Fold("feed", new BlockChanges([new BlockChange(released.Cidr, new AddressAllocated(released.Cidr.Split('/')[0], Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now))]), 2);

        Assert.False(plan.IsStillValid(new Dictionary<string, long> { [subnet.Id] = 3 }, ledger));
    }

    [Fact]
    public void IsStillValid_AllocationElsewhere_StillHolds()
    {
        var (subnet, ledger) = TwoEmptyBlocks();
        var plan = Decide(subnet, 3, ledger);
        var released = (AddressBlockReleased)Assert.Single(Assert.Single(plan.Subnets).Events);
        var kept = subnet.Blocks.Single(block => block.Cidr != released.Cidr).Cidr;

        ledger.Fold("feed", new BlockChanges([new BlockChange(kept, new AddressAllocated(kept.Split('/')[0] == "10.0.0.0" ? "10.0.0.1" : "10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now))]), 2);

        Assert.True(plan.IsStillValid(new Dictionary<string, long> { [subnet.Id] = 3 }, ledger));
    }
}
