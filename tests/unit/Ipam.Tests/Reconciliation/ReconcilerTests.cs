using Surge.Contracts.Inventory;
using Surge.Ipam.Blocks;
using Surge.Ipam.Reconciliation;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Reconciliation;

/// <summary>Reconciliation of Ipam's allocations with the instances the providers report at one moment.</summary>
public sealed class ReconcilerTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset At = Fixed.Now;
    private static readonly DateTimeOffset QuarantineEnd = At.AddMinutes(5);
    private static readonly DateTimeOffset Earlier = At.AddMinutes(-10);
    private static readonly Guid Holder = Fixed.Instance(1);
    private static readonly Guid Other = Fixed.Instance(2);

    private const string Node1Block = "block/feed/10.0.0.0/28";
    private const string Node2Block = "block/feed/10.0.0.16/28";
    private const string SubnetStream = "subnet/feed";

    private static Subnet Feed(params AddressConflict[] conflicts) =>
        TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1", nodes: ["node-1", "node-2"])
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-2") with { Conflicts = conflicts };

    private static BlockState Node1(Subnet? subnet = null) => TestBlocks.Opened(subnet ?? Feed(), "10.0.0.0/28", "node-1");

    private static BlockState Node2(Subnet? subnet = null) => TestBlocks.Opened(subnet ?? Feed(), "10.0.0.16/28", "node-2");

    /// <summary>Returns node-1's block with 10.0.0.2 allocated to <see cref="Holder"/> ten minutes before the report.</summary>
    private static BlockState Held() => Node1().Holding("10.0.0.2", Holder, Earlier);

    private static ReportedInstance Running(Guid instanceId, string? address, string node = "node-1") => new(instanceId, "feed-api", node, address);

    private static InstanceInventoryReported Report(ReportedInstance[] instances, params string[] unreachable) => new(instances, unreachable, At);

    private static Dictionary<string, List<object>> Decide(InstanceInventoryReported report, Subnet subnet, params BlockState[] blocks) =>
        Reconciler.Decide(report, [subnet], blocks, Grace, QuarantineEnd);

    [Fact]
    public void Decide_EveryHolderRunning_RecordsNothing()
    {
        var events = Decide(Report([Running(Holder, "10.0.0.2")]), Feed(), Held(), Node2());

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_RunningWithoutAddressYet_RecordsNothing()
    {
        var events = Decide(Report([Running(Holder, null)]), Feed(), Held());

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_AllocatedAfterReport_IsUntouched()
    {
        var block = Node1().Holding("10.0.0.2", Holder, At.AddSeconds(1));

        Assert.Empty(Decide(Report([]), Feed(), block));
    }

    [Fact]
    public void Decide_HolderMissing_MarksMissing()
    {
        var events = Decide(Report([]), Feed(), Held());

        Assert.Equal([Node1Block], events.Keys);
        Assert.Equal([new AllocatedInstanceMissing("10.0.0.2", Holder, At)], events[Node1Block]);
    }

    [Fact]
    public void Decide_MissingWithinGrace_RecordsNothing()
    {
        var block = Held().With(new AllocatedInstanceMissing("10.0.0.2", Holder, At - Grace + TimeSpan.FromSeconds(1)));

        Assert.Empty(Decide(Report([]), Feed(), block));
    }

    [Fact]
    public void Decide_MissingPastGrace_ReleasesIntoQuarantine()
    {
        var since = At - Grace;
        var block = Held().With(new AllocatedInstanceMissing("10.0.0.2", Holder, since));

        var events = Decide(Report([]), Feed(), block);

        var released = Assert.IsType<AddressReleased>(Assert.Single(events[Node1Block]));
        Assert.Equal("10.0.0.2", released.Address);
        Assert.Equal(Holder, released.InstanceId);
        Assert.Equal(QuarantineEnd, released.QuarantinedUntil);
        Assert.Contains("longer than the grace period", released.Reason);
    }

    [Fact]
    public void Decide_MissingPastGraceNoQuarantine_ReleasesAtOnce()
    {
        var block = Held().With(new AllocatedInstanceMissing("10.0.0.2", Holder, At - Grace));

        var events = Reconciler.Decide(Report([]), [Feed()], [block], Grace, null);

        Assert.Null(Assert.IsType<AddressReleased>(Assert.Single(events[Node1Block])).QuarantinedUntil);
    }

    [Fact]
    public void Decide_MissingSeenAgain_ClearsMark()
    {
        var block = Held().With(new AllocatedInstanceMissing("10.0.0.2", Holder, At.AddMinutes(-1)));

        var events = Decide(Report([Running(Holder, "10.0.0.2")]), Feed(), block);

        Assert.Equal([new AllocatedInstanceSeenAgain("10.0.0.2", Holder, At)], events[Node1Block]);
    }

    [Fact]
    public void Decide_UnreachableNode_RecordsNothing()
    {
        var block = Held().With(new AllocatedInstanceMissing("10.0.0.2", Holder, At.AddHours(-1)));

        Assert.Empty(Decide(Report([], "node-1"), Feed(), block));
    }

    [Fact]
    public void Decide_BorrowedAddressOnUnreachableNode_IsUntouched()
    {
        // node-1 borrowed from node-2's block; the instance's own node decides, not the block's.
        var block = Node2().With(new AddressAllocated("10.0.0.16", Holder, Fixed.Saga, "node-1", Earlier));

        Assert.Empty(Decide(Report([], "node-1"), Feed(), Node1(), block));
    }

    [Fact]
    public void Decide_LiveInstanceOnFreeAddress_Reclaims()
    {
        var events = Decide(Report([Running(Other, "10.0.0.5")]), Feed(), Node1());

        var reclaimed = Assert.IsType<AddressReclaimed>(Assert.Single(events[Node1Block]));
        Assert.Equal(("10.0.0.5", Other, "node-1", At), (reclaimed.Address, reclaimed.InstanceId, reclaimed.Node, reclaimed.At));
        Assert.DoesNotContain(SubnetStream, events.Keys);
    }

    [Fact]
    public void Decide_LiveInstanceOnQuarantinedAddress_Reclaims()
    {
        var block = Held().With(new AddressReleased("10.0.0.2", Holder, "node gone", QuarantineEnd));

        var events = Decide(Report([Running(Holder, "10.0.0.2")]), Feed(), block);

        var reclaimed = Assert.IsType<AddressReclaimed>(Assert.Single(events[Node1Block]));
        Assert.Equal(Holder, reclaimed.InstanceId);
        Assert.Empty(block.With(reclaimed).Quarantined);
    }

    [Fact]
    public void Decide_ReportTakenBeforeTheRelease_DoesNotReclaim()
    {
        // A saga released the address a minute after the report was taken; the report still shows the old user.
        var block = Held().With(new AddressReleased("10.0.0.2", Holder, "scaled in", QuarantineEnd, At.AddMinutes(1)));

        var events = Decide(Report([Running(Holder, "10.0.0.2")]), Feed(), block);

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_ReportTakenBeforeTheAddressChangedHands_RecordsNoConflict()
    {
        var block = Node1().Holding("10.0.0.2", Other, At.AddSeconds(30));

        var events = Decide(Report([Running(Holder, "10.0.0.2")]), Feed(), block);

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_Ipv6TextForm_IsCanonicalised()
    {
        var subnet = TestSubnets.Macvlan("fd00::/64", nodes: ["node-1"]).WithBlock("fd00::/124", "node-1");
        var block = TestBlocks.Opened(subnet, "fd00::/124", "node-1");

        var events = Reconciler.Decide(Report([Running(Other, "FD00:0::5")]), [subnet], [block], Grace, QuarantineEnd);

        Assert.Equal("fd00::5", Assert.IsType<AddressReclaimed>(Assert.Single(events["block/feed/fd00::/124"])).Address);
    }

    [Fact]
    public void Decide_AddressHeldByAnother_RecordsConflict()
    {
        var events = Decide(Report([Running(Holder, "10.0.0.2"), Running(Other, "10.0.0.2", "node-2")]), Feed(), Held());

        var found = Assert.IsType<AddressConflictFound>(Assert.Single(events[SubnetStream]));
        Assert.Equal(("10.0.0.2", Other, "node-2", (Guid?)Holder, At), (found.Address, found.InstanceId, found.Node, found.HeldBy, found.At));
        Assert.Contains($"Ipam allocated 10.0.0.2 to instance {Holder}", found.Reason);
        Assert.DoesNotContain(Node1Block, events.Keys);
    }

    [Fact]
    public void Decide_AddressInNoBlock_RecordsConflict()
    {
        var events = Decide(Report([Running(Other, "10.0.0.200")]), Feed(), Node1(), Node2());

        var found = Assert.IsType<AddressConflictFound>(Assert.Single(events[SubnetStream]));
        Assert.Null(found.HeldBy);
        Assert.Contains("lies in no block Ipam gave out", found.Reason);
    }

    [Fact]
    public void Decide_InstanceUsesOtherAddress_RecordsConflict()
    {
        var events = Decide(Report([Running(Holder, "10.0.0.3")]), Feed(), Held());

        var found = Assert.IsType<AddressConflictFound>(Assert.Single(events[SubnetStream]));
        Assert.Equal("10.0.0.3", found.Address);
        Assert.Contains("but Ipam allocated it 10.0.0.2", found.Reason);
    }

    [Fact]
    public void Decide_TwoInstancesOnFreeAddress_ReclaimsForFirst()
    {
        var events = Decide(Report([Running(Holder, "10.0.0.5"), Running(Other, "10.0.0.5", "node-2")]), Feed(), Node1());

        Assert.Equal(Holder, Assert.IsType<AddressReclaimed>(Assert.Single(events[Node1Block])).InstanceId);
        Assert.Equal(Holder, Assert.IsType<AddressConflictFound>(Assert.Single(events[SubnetStream])).HeldBy);
    }

    [Fact]
    public void Decide_AddressOutsideEverySubnet_IsIgnored()
    {
        Assert.Empty(Decide(Report([Running(Other, "192.168.1.5"), Running(Fixed.Instance(3), "not-an-address")]), Feed(), Node1()));
    }

    [Fact]
    public void Decide_ConflictOnUnreachableNode_IsNotRecorded()
    {
        var events = Decide(Report([Running(Holder, "10.0.0.2"), Running(Other, "10.0.0.2", "node-2")], "node-2"), Feed(), Held());

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_OpenConflictReportedAgain_RecordsNoDuplicate()
    {
        var open = new AddressConflict("10.0.0.2", Other, "node-2", Holder, "earlier report", Earlier);

        var events = Decide(Report([Running(Holder, "10.0.0.2"), Running(Other, "10.0.0.2", "node-2")]), Feed(open), Held());

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_InstanceListedTwice_RecordsOneConflict()
    {
        // The report contract does not promise one entry per instance, and the reconciler merges duplicates when it follows allocations.
        var twice = Running(Other, "10.0.0.2", "node-2");

        var events = Decide(Report([Running(Holder, "10.0.0.2"), twice, twice]), Feed(), Held());

        Assert.Single(events[SubnetStream].OfType<AddressConflictFound>());
    }

    [Fact]
    public void Decide_ConflictGone_ClearsIt()
    {
        var open = new AddressConflict("10.0.0.2", Other, "node-2", Holder, "earlier report", Earlier);

        var events = Decide(Report([Running(Holder, "10.0.0.2")]), Feed(open), Held());

        Assert.Equal([new AddressConflictCleared("10.0.0.2", Other, At)], events[SubnetStream]);
    }

    [Fact]
    public void Decide_ConflictOnNowUnreachableNode_StaysOpen()
    {
        var open = new AddressConflict("10.0.0.2", Other, "node-2", Holder, "earlier report", Earlier);

        Assert.Empty(Decide(Report([Running(Holder, "10.0.0.2")], "node-2"), Feed(open), Held()));
    }

    [Fact]
    public void Decide_ConflictResolvedByReclaim_ClearsIt()
    {
        // The holder was released and the conflicting instance got the address back: nothing is in conflict anymore.
        var open = new AddressConflict("10.0.0.2", Other, "node-2", Holder, "earlier report", Earlier);
        var block = Held()
            .With(new AddressReleased("10.0.0.2", Holder, "missing", QuarantineEnd))
            .With(new AddressReclaimed("10.0.0.2", Other, "node-2", At.AddMinutes(-1), "reported running"));

        var events = Decide(Report([Running(Other, "10.0.0.2", "node-2")]), Feed(open), block);

        Assert.True(events.ContainsKey(SubnetStream), "The open conflict of 10.0.0.2 stays although its instance now holds the address.");
        Assert.Equal([new AddressConflictCleared("10.0.0.2", Other, At)], events[SubnetStream]);
    }

    [Fact]
    public void Decide_Conflicts_FoldIntoSubnet()
    {
        var found = new AddressConflictFound("10.0.0.2", Other, "node-2", Holder, "reported", At);

        var open = Feed().With(found);
        var cleared = open.With(new AddressConflictCleared("10.0.0.2", Other, At.AddMinutes(1)));

        Assert.Equal([AddressConflict.From(found)], open.OpenConflicts);
        Assert.Empty(cleared.OpenConflicts);
    }
}
