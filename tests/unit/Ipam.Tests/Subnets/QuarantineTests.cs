using Surge.Ipam.Allocation;
using Surge.Contracts.Addresses;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>A released address waits out its quarantine before another instance may get it.</summary>
public sealed class QuarantineTests
{
    private static readonly Guid Saga = Guid.Parse("5a9a0000-0000-0000-0000-000000000002");
    private static readonly Guid Old = Guid.Parse("22222222-0000-0000-0000-000000000001");
    private static readonly Guid New = Guid.Parse("22222222-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset Released = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Released.AddMinutes(5);

    private static Subnet WithReleased(string cidr = "127.43.0.0/24") => SubnetDecider.Fold(
    [
        new SubnetDefined("feed", cidr, "127.43.0.1", ["feed-pool"], []),
        new AddressAllocated("127.43.0.2", Old, Saga, "node-1"),
        new AddressReleased("127.43.0.2", Old, "scaled in", Until),
    ])!;

    [Fact]
    public void Release_WithQuarantine_KeepsTheAddressOut()
    {
        var subnet = WithReleased();

        Assert.Empty(subnet.Allocations);
        Assert.Equal([new QuarantinedAddress("127.43.0.2", Old, Until)], subnet.Quarantine);
        Assert.Equal("127.43.0.3", SubnetDecider.Decide(subnet, new AllocateAddress(New, Saga, "node-1", Released.AddMinutes(1))).Address);
    }

    [Fact]
    public void Allocate_AfterTheQuarantineEnds_GivesTheAddressOutAndForgetsIt()
    {
        var subnet = WithReleased();

        var decision = SubnetDecider.Decide(subnet, new AllocateAddress(New, Saga, "node-1", Until));
        var after = decision.Events.Aggregate(subnet, (state, e) => SubnetDecider.Evolve(state, e)!);

        Assert.Equal("127.43.0.2", decision.Address);
        Assert.Empty(after.Quarantine);
    }

    [Fact]
    public void Allocate_WithoutATime_TreatsEveryQuarantineAsRunning()
    {
        Assert.Equal("127.43.0.3", SubnetDecider.Decide(WithReleased(), new AllocateAddress(New, Saga, "node-1")).Address);
    }

    [Fact]
    public void Allocate_OnlyQuarantinedAddressesLeft_IsFull()
    {
        var subnet = WithReleased("127.43.0.0/30");

        Assert.Null(SubnetDecider.Decide(subnet, new AllocateAddress(New, Saga, "node-1", Released)).Address);
        Assert.Equal("127.43.0.2", SubnetDecider.Decide(subnet, new AllocateAddress(New, Saga, "node-1", Until.AddSeconds(1))).Address);
    }

    [Fact]
    public void Release_WithoutQuarantine_FreesTheAddressAtOnce()
    {
        var subnet = SubnetDecider.Fold(
        [
            new SubnetDefined("feed", "127.43.0.0/24", "127.43.0.1", ["feed-pool"], []),
            new AddressAllocated("127.43.0.2", Old, Saga, "node-1"),
            new AddressReleased("127.43.0.2", Old, "scaled in"),
        ])!;

        Assert.Empty(subnet.Quarantine);
        Assert.Equal("127.43.0.2", SubnetDecider.Decide(subnet, new AllocateAddress(New, Saga, "node-1", Released)).Address);
    }

    [Fact]
    public void Decide_Release_CarriesTheQuarantineEnd()
    {
        var subnet = SubnetDecider.Fold(
        [
            new SubnetDefined("feed", "127.43.0.0/24", "127.43.0.1", ["feed-pool"], []),
            new AddressAllocated("127.43.0.2", Old, Saga, "node-1"),
        ])!;

        var events = SubnetDecider.Decide(subnet, new ReleaseAddress(Old, "scaled in", Until));

        Assert.Equal([new AddressReleased("127.43.0.2", Old, "scaled in", Until)], events);
    }

    [Fact]
    public void Report_CountsRunningQuarantinesAsTaken()
    {
        var subnet = WithReleased();

        Assert.Equal(1, SubnetAddressReports.Of(subnet, 3, Released.AddMinutes(1)).TakenAddresses);
        Assert.Equal(0, SubnetAddressReports.Of(subnet, 3, Until).TakenAddresses);
    }

    [Fact]
    public void Planner_SkipsQuarantinedAddressesAtTheRequestTime()
    {
        var plan = AllocationPlanner.Plan([WithReleased()], Saga, [new AddressRequest(New, "node-1", "feed-pool")], Released.AddMinutes(1));

        Assert.Equal("127.43.0.3", Assert.Single(plan.Assignments).Address);
    }
}
