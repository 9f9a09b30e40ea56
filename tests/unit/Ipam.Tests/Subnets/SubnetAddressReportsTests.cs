using JasperFx.Events;
using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.Subnets;

public sealed class SubnetAddressReportsTests
{
    private static readonly Guid Saga = Guid.Parse("5a9a0000-0000-0000-0000-000000000001");
    private static readonly Guid First = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid Second = Guid.Parse("11111111-0000-0000-0000-000000000002");
    private static readonly Guid Third = Guid.Parse("11111111-0000-0000-0000-000000000003");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Subnet Subnet(string name, string cidr, string? gateway, params object[] later) =>
        SubnetDecider.Fold([new SubnetDefined(name, cidr, gateway, ["feed-pool"], ["node-1"]), .. later])!;

    private static StubEventStream<Subnet> Stream(Subnet subnet, long version) =>
        new(subnet) { StartingVersion = version, Key = subnet.Id };

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
        var report = SubnetAddressReports.Of(Subnet("feed", cidr, gateway), 1, Now);

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
        var report = SubnetAddressReports.Of(Subnet("feed", cidr, gateway), 1, Now);

        Assert.Equal(usable, report.UsableAddresses);
    }

    [Fact]
    public void Of_Allocations_CountAsTaken()
    {
        var subnet = Subnet(
            "feed",
            "127.42.0.0/24",
            "127.42.0.1",
            new AddressAllocated("127.42.0.2", First, Saga, "node-1"),
            new AddressAllocated("127.42.0.3", Second, Saga, "node-1"),
            new AddressAllocated("127.42.0.4", Third, Saga, "node-2"),
            new AddressReleased("127.42.0.3", Second, "scale-in"));

        var report = SubnetAddressReports.Of(subnet, 5, Now);

        Assert.Equal(253, report.UsableAddresses);
        Assert.Equal(2, report.TakenAddresses);
    }

    [Fact]
    public void Of_FullSlash31_TakesEverything()
    {
        var subnet = Subnet(
            "link",
            "127.42.0.0/31",
            null,
            new AddressAllocated("127.42.0.0", First, Saga, "node-1"),
            new AddressAllocated("127.42.0.1", Second, Saga, "node-1"));

        var report = SubnetAddressReports.Of(subnet, 3, Now);

        Assert.Equal(2, report.UsableAddresses);
        Assert.Equal(2, report.TakenAddresses);
    }

    [Fact]
    public void Of_CopiesIdentityVersionAndTime()
    {
        var report = SubnetAddressReports.Of(Subnet("feed", "127.42.0.0/24", null), 7, Now);

        Assert.Equal("feed", report.Subnet);
        Assert.Equal(["feed-pool"], report.Pools);
        Assert.Equal(["node-1"], report.Nodes);
        Assert.Equal(7, report.Version);
        Assert.Equal(Now, report.At);
    }

    [Fact]
    public void ForChangedStreams_NewSubnet_ReportsVersionOne()
    {
        var stream = new StubEventStream<Subnet>(null) { Key = "subnet/feed" };
        stream.AppendMany(SubnetDecider.Decide(null, new DefineSubnet("feed", new SubnetDefinition("127.42.0.0/24", "127.42.0.1", ["feed-pool"], []))));

        var report = Assert.Single(SubnetAddressReports.ForChangedStreams([stream], Now));

        Assert.Equal("feed", report.Subnet);
        Assert.Equal(1, report.Version);
        Assert.Equal(253, report.UsableAddresses);
        Assert.Equal(0, report.TakenAddresses);
    }

    [Fact]
    public void ForChangedStreams_Redefined_ReportsNewDefinition()
    {
        var stream = Stream(Subnet("feed", "127.42.0.0/24", null, new AddressAllocated("127.42.0.1", First, Saga, "node-1")), 2);
        stream.AppendMany(new SubnetChanged("127.42.0.0/24", "127.42.0.254", ["feed-pool", "spare-pool"], []));

        var report = Assert.Single(SubnetAddressReports.ForChangedStreams([stream], Now));

        Assert.Equal(3, report.Version);
        Assert.Equal(253, report.UsableAddresses);
        Assert.Equal(1, report.TakenAddresses);
        Assert.Equal(["feed-pool", "spare-pool"], report.Pools);
        Assert.Empty(report.Nodes);
    }

    [Fact]
    public void ForChangedStreams_Allocation_OneReportPerTouchedSubnet()
    {
        var small = Subnet("a-small", "127.41.0.0/31", null);
        var wide = Subnet("b-wide", "127.42.0.0/24", "127.42.0.1");
        var idle = Subnet("c-idle", "127.43.0.0/24", null);
        var streams = new Dictionary<string, StubEventStream<Subnet>>
        {
            ["a-small"] = Stream(small, 4),
            ["b-wide"] = Stream(wide, 9),
            ["c-idle"] = Stream(idle, 2),
        };
        var requests = new[] { new AddressRequest(First, "node-1", "feed-pool"), new AddressRequest(Second, "node-1", "feed-pool"), new AddressRequest(Third, "node-1", "feed-pool") };

        var plan = AllocationPlanner.Plan([small, wide, idle], Saga, requests);
        foreach (var (subnet, events) in plan.EventsBySubnet)
        {
            streams[subnet].AppendMany(events);
        }

        var reports = SubnetAddressReports.ForChangedStreams(streams.Values, Now);

        Assert.Equal(["a-small", "b-wide"], reports.Select(report => report.Subnet));
        Assert.Equal(new SubnetAddressesReported("a-small", ["feed-pool"], ["node-1"], 2, 2, 6, Now), reports[0], EventComparer.Instance);
        Assert.Equal(new SubnetAddressesReported("b-wide", ["feed-pool"], ["node-1"], 253, 1, 10, Now), reports[1], EventComparer.Instance);
    }

    [Fact]
    public void ForChangedStreams_SeveralReleases_OneReportWithFinalCount()
    {
        var feed = Subnet(
            "feed",
            "127.42.0.0/24",
            null,
            new AddressAllocated("127.42.0.1", First, Saga, "node-1"),
            new AddressAllocated("127.42.0.2", Second, Saga, "node-1"),
            new AddressAllocated("127.42.0.3", Third, Saga, "node-1"));
        var stream = Stream(feed, 4);
        stream.AppendMany(SubnetDecider.Decide(feed, new ReleaseAddress(First, "scale-in")));
        stream.AppendMany(SubnetDecider.Decide(feed, new ReleaseAddress(Third, "scale-in")));

        var report = Assert.Single(SubnetAddressReports.ForChangedStreams([stream], Now));

        Assert.Equal(6, report.Version);
        Assert.Equal(1, report.TakenAddresses);
    }

    [Fact]
    public void ForChangedStreams_NothingAppended_ReportsNothing()
    {
        var stream = Stream(Subnet("feed", "127.42.0.0/24", null), 3);

        Assert.Empty(SubnetAddressReports.ForChangedStreams([stream], Now));
    }
}
