using Surge.Contracts.Addresses;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>What Ipam reports to Capacity about a subnet: one entry in macvlan, one per rack in underlay, one per node in eni.</summary>
public sealed class SubnetAddressReportsTests
{
    private static readonly DateTimeOffset Now = Fixed.Now;

    private static Subnet Macvlan(string cidr, string? gateway) => TestSubnets.Macvlan(cidr, gateway, nodes: ["node-1"]);

    private static IReadOnlyList<SubnetAddressesReported> Of(Subnet subnet, params BlockState[] blocks) =>
        SubnetAddressReports.Of(subnet, blocks, 7, Now);

    [Theory]
    [InlineData("127.42.0.0/24", null, 254)]
    [InlineData("127.42.0.0/24", "127.42.0.1", 253)]
    [InlineData("127.42.0.0/30", null, 2)]
    [InlineData("127.42.0.0/30", "127.42.0.2", 1)]
    [InlineData("127.42.0.0/31", null, 2)]
    [InlineData("127.42.0.0/31", "127.42.0.0", 1)]
    [InlineData("127.42.0.7/32", null, 1)]
    [InlineData("127.42.0.7/32", "127.42.0.7", 0)]
    [InlineData("0.0.0.0/0", null, 4_294_967_294)]
    [InlineData("fd00::/120", null, 255)]
    [InlineData("fd00::/120", "fd00::1", 254)]
    [InlineData("fd00::/127", null, 2)]
    [InlineData("fd00::1/128", null, 1)]
    [InlineData("fd00::1/128", "fd00::1", 0)]
    public void Of_UsableAddresses_LeavesOutReservedAndGateway(string cidr, string? gateway, long usable)
    {
        var report = Assert.Single(Of(Macvlan(cidr, gateway)));

        Assert.Equal(usable, report.UsableAddresses);
        Assert.Equal(0, report.TakenAddresses);
    }

    [Theory]
    [InlineData("fd00::/64", null, long.MaxValue)]
    [InlineData("fd00::/64", "fd00::1", long.MaxValue)]
    [InlineData("::/0", null, long.MaxValue)]
    [InlineData("fd00::/65", null, long.MaxValue)]
    [InlineData("fd00::/65", "fd00::1", long.MaxValue - 1)]
    [InlineData("fd00::/66", null, (1L << 62) - 1)]
    public void Of_WideIpv6_ClampsToLongMax(string cidr, string? gateway, long usable)
    {
        Assert.Equal(usable, Assert.Single(Of(Macvlan(cidr, gateway))).UsableAddresses);
    }

    [Fact]
    public void Of_Macvlan_OneEntryWithPoolsAndNodes()
    {
        var report = Assert.Single(Of(Macvlan("127.42.0.0/24", null)));

        var expected = new SubnetAddressesReported("feed", ["feed-pool"], ["node-1"], 254, 0, 7, Now);
        Assert.Equal(expected, report, EventComparer.Instance);
    }

    [Fact]
    public void Of_Allocations_CountAsTaken()
    {
        var subnet = Macvlan("127.42.0.0/24", "127.42.0.1").WithBlock("127.42.0.0/28", "node-1").WithBlock("127.42.0.16/28", "node-2");
        var first = TestBlocks.Opened(subnet, "127.42.0.0/28", "node-1")
            .Holding("127.42.0.2", Fixed.Instance(1))
            .Holding("127.42.0.3", Fixed.Instance(2))
            .With(new AddressReleased("127.42.0.3", Fixed.Instance(2), "scaled in"));
        var second = TestBlocks.Opened(subnet, "127.42.0.16/28", "node-2").Holding("127.42.0.16", Fixed.Instance(3));

        var report = Assert.Single(Of(subnet, first, second));

        Assert.Equal(253, report.UsableAddresses);
        Assert.Equal(2, report.TakenAddresses);
    }

    [Fact]
    public void Of_RunningQuarantine_CountsAsTaken()
    {
        var until = Now.AddMinutes(5);
        var subnet = Macvlan("127.42.0.0/24", null).WithBlock("127.42.0.0/28", "node-1");
        var block = TestBlocks.Opened(subnet, "127.42.0.0/28", "node-1")
            .Holding("127.42.0.1", Fixed.Instance(1), Now.AddHours(-1))
            .With(new AddressReleased("127.42.0.1", Fixed.Instance(1), "scaled in", until));

        Assert.Equal(1, Assert.Single(SubnetAddressReports.Of(subnet, [block], 3, Now)).TakenAddresses);
        Assert.Equal(0, Assert.Single(SubnetAddressReports.Of(subnet, [block], 3, until)).TakenAddresses);
    }

    [Fact]
    public void Of_FullSlash31_TakesEverything()
    {
        var subnet = Macvlan("127.42.0.0/31", null).WithBlock("127.42.0.0/31", "node-1");
        var block = TestBlocks.Opened(subnet, "127.42.0.0/31", "node-1")
            .Holding("127.42.0.0", Fixed.Instance(1))
            .Holding("127.42.0.1", Fixed.Instance(2));

        var report = Assert.Single(Of(subnet, block));

        Assert.Equal(2, report.UsableAddresses);
        Assert.Equal(2, report.TakenAddresses);
    }

    [Fact]
    public void Of_Underlay_TotalsEntryNamesNoMembers()
    {
        var subnet = Underlay();

        var totals = Of(subnet)[0];

        // The totals count only the racks' blocks, the addresses an instance can get: 62 + 64.
        Assert.Equal(new SubnetAddressesReported("feed", [], [], 126, 0, 7, Now), totals, EventComparer.Instance);
    }

    [Fact]
    public void Of_Underlay_OneEntryPerRackNamingItsNodes()
    {
        var reports = Of(Underlay());

        Assert.Equal(["feed", "feed.rack-a", "feed.rack-b"], reports.Select(report => report.Subnet));
        Assert.Equal(new SubnetAddressesReported("feed.rack-a", [], ["node-1", "node-2"], 62, 0, 7, Now), reports[1], EventComparer.Instance);
        Assert.Equal(new SubnetAddressesReported("feed.rack-b", [], ["node-3"], 64, 0, 7, Now), reports[2], EventComparer.Instance);
    }

    [Fact]
    public void Of_Underlay_TakenCountedInTheBlocksRack()
    {
        var subnet = Underlay().WithBlock("10.0.0.0/28", "node-1").WithBlock("10.0.0.64/28", "node-3");
        var rackA = TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", Fixed.Instance(1))
            .With(new AddressAllocated("10.0.0.3", Fixed.Instance(2), Fixed.Saga, "node-2", Now));
        var rackB = TestBlocks.Opened(subnet, "10.0.0.64/28", "node-3").Holding("10.0.0.64", Fixed.Instance(3));

        var reports = Of(subnet, rackA, rackB);

        Assert.Equal([3L, 2L, 1L], reports.Select(report => report.TakenAddresses));
    }

    [Fact]
    public void Of_Eni_OneEntryPerListedNode()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1", "node-2"], 4, 16);

        var reports = Of(subnet);

        Assert.Equal(["feed", "feed.node-1", "feed.node-2"], reports.Select(report => report.Subnet));
        // The totals count what the two listed nodes' interfaces can hold: 2 x 64 of the subnet's 254.
        Assert.Equal(new SubnetAddressesReported("feed", [], [], 128, 0, 7, Now), reports[0], EventComparer.Instance);
        Assert.Equal(new SubnetAddressesReported("feed.node-1", [], ["node-1"], 64, 0, 7, Now), reports[1], EventComparer.Instance);
        Assert.Equal(new SubnetAddressesReported("feed.node-2", [], ["node-2"], 64, 0, 7, Now), reports[2], EventComparer.Instance);
    }

    [Fact]
    public void Of_Eni_TakenCountedOnItsNode()
    {
        var subnet = TestSubnets.Eni("10.0.0.0/24", ["node-1", "node-2"], 4, 16)
            .With(new AddressBlockClaimed("10.0.0.16/28", "node-2", null, "feed-eni-1", true, Now));
        var block = TestBlocks.Opened(subnet, "10.0.0.16/28", "node-2")
            .Holding("10.0.0.16", Fixed.Instance(1))
            .Holding("10.0.0.17", Fixed.Instance(2));

        var reports = Of(subnet, block);

        Assert.Equal([2L, 0L, 2L], reports.Select(report => report.TakenAddresses));
    }

    private static Subnet Underlay()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/26", ["node-1", "node-2"]), new RackBlock("rack-b", "10.0.0.64/26", ["node-3"]) };
        return TestSubnets.Underlay("10.0.0.0/24", racks, gateway: "10.0.0.1");
    }

    [Fact]
    public void Withdrawn_RenamedRack_EmptiesTheOldEntry()
    {
        var before = TestSubnets.Underlay("10.0.0.0/24", [new RackBlock("r1", "10.0.0.0/26", ["node-1"])]);
        var after = TestSubnets.Underlay("10.0.0.0/24", [new RackBlock("rack-a", "10.0.0.0/26", ["node-1"])]);

        var withdrawn = Assert.Single(SubnetAddressReports.Withdrawn(before, after, 7, Now));

        Assert.Equal("feed.r1", withdrawn.Subnet);
        Assert.Empty(withdrawn.Nodes);
        Assert.Equal(0, withdrawn.UsableAddresses);
        Assert.Equal(7, withdrawn.Version);
    }

    [Fact]
    public void Withdrawn_NodeTakenOutOfEniSubnet_EmptiesItsEntry()
    {
        var before = TestSubnets.Eni("10.0.0.0/24", ["node-1", "node-2"], 4, 16);
        var after = TestSubnets.Eni("10.0.0.0/24", ["node-1"], 4, 16);

        Assert.Equal("feed.node-2", Assert.Single(SubnetAddressReports.Withdrawn(before, after, 3, Now)).Subnet);
    }

    [Fact]
    public void Withdrawn_NothingRemoved_IsEmpty() =>
        Assert.Empty(SubnetAddressReports.Withdrawn(Macvlan("10.0.0.0/24", null), Macvlan("10.0.0.0/24", "10.0.0.1"), 2, Now));
}
