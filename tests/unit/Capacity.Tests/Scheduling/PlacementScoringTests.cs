using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>Which node the spread and pack strategies choose among nodes that all fit.</summary>
public sealed class PlacementScoringTests
{
    private static ModelFleet FeedPool(PlacementStrategy? strategy = null) =>
        new ModelFleet()
            .Pool("feed-pool")
            .Service("feed-api", "feed-pool", Shape(cpu: 500, memory: 512), strategy)
            .Subnet("feed-subnet", usable: 1000, pools: ["feed-pool"]);

    [Fact]
    public void Spread_PrefersEmptierZone()
    {
        var fleet = FeedPool()
            .Node("big-a", "feed-pool", zone: "zone-a", cpu: 64000, memory: 65536)
            .Node("small-b", "feed-pool", zone: "zone-b", cpu: 2000, memory: 4096);
        fleet.Reserve("big-a", "feed-api");

        var result = fleet.Place("feed-api", 3);

        // zone-b has none, then both zones have one and big-a has more free, then zone-a has two.
        Assert.Equal(["small-b", "big-a", "small-b"], NodesOf(result));
    }

    [Fact]
    public void Spread_OneZone_PrefersEmptierNode()
    {
        var fleet = FeedPool()
            .Node("busy", "feed-pool", cpu: 64000)
            .Node("loaded-by-others", "feed-pool", cpu: 4000);
        fleet.Reserve("busy", "feed-api");
        fleet.Reserve("loaded-by-others", "other-api", cpu: 3000);

        var result = fleet.Place("feed-api");

        Assert.Equal(["loaded-by-others"], NodesOf(result));
    }

    [Fact]
    public void Spread_SameCounts_PrefersMostFree()
    {
        var fleet = FeedPool()
            .Node("n1", "feed-pool", cpu: 3000, memory: 65536)
            .Node("n2", "feed-pool", cpu: 4000, memory: 4096)
            .Node("n3", "feed-pool", cpu: 4000, memory: 8192);

        var result = fleet.Place("feed-api");

        Assert.Equal(["n3"], NodesOf(result));
    }

    [Fact]
    public void Spread_FullTie_BrokenByName()
    {
        var fleet = FeedPool()
            .Node("n3", "feed-pool", cpu: 4000)
            .Node("n2", "feed-pool", cpu: 3000)
            .Node("n1", "feed-pool", cpu: 4000);

        var result = fleet.Place("feed-api", 6);

        // One instance per node first (n1 and n3 tie on free CPU, n2 has less), then again in the same order.
        Assert.Equal(["n1", "n3", "n2", "n1", "n3", "n2"], NodesOf(result));
    }

    [Fact]
    public void Pack_PrefersLeastFreeThatFits()
    {
        var fleet = FeedPool(PlacementStrategy.Pack)
            .Node("roomy", "feed-pool", cpu: 2000)
            .Node("tight", "feed-pool", cpu: 1000)
            .Node("too-small", "feed-pool", cpu: 400);

        var result = fleet.Place("feed-api", 5);

        Assert.Equal(["tight", "tight", "roomy", "roomy", "roomy"], NodesOf(result));
    }

    [Fact]
    public void Pack_IgnoresZonesAndInstanceCounts()
    {
        var fleet = FeedPool(PlacementStrategy.Pack)
            .Node("a-node", "feed-pool", zone: "zone-a", cpu: 2000)
            .Node("b-node", "feed-pool", zone: "zone-b", cpu: 4000);
        fleet.Reserve("a-node", "feed-api");

        var result = fleet.Place("feed-api", 3);

        Assert.Equal(["a-node", "a-node", "a-node"], NodesOf(result));
    }

    [Fact]
    public void Pack_SameCpu_PrefersLessMemory()
    {
        var fleet = FeedPool(PlacementStrategy.Pack)
            .Node("n1", "feed-pool", cpu: 1000, memory: 8192)
            .Node("n3", "feed-pool", cpu: 1000, memory: 4096)
            .Node("n2", "feed-pool", cpu: 1000, memory: 4096);

        var result = fleet.Place("feed-api");

        Assert.Equal(["n2"], NodesOf(result));
    }

    [Fact]
    public void Place_DoesNotChangeTheModel()
    {
        var fleet = FeedPool().Node("n1", "feed-pool");

        var first = fleet.Place("feed-api", 8);
        var second = fleet.Place("feed-api", 8);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(0, fleet.Model.ReservationCount);
        Assert.Equal(default, fleet.Model.Nodes["n1"].Used);
    }

    [Fact]
    public void Place_Repeated_IsIdentical()
    {
        var fleet = DeterminismFleet(reversed: false);
        var request = fleet.Request("feed-api", 14);

        var first = fleet.Model.Place(request);
        var again = fleet.Model.Place(request);

        Assert.True(first.Succeeded);
        Assert.Equal(first.Instances, again.Instances);
    }

    [Fact]
    public void Place_ReorderedEvents_IsIdentical()
    {
        var forward = DeterminismFleet(reversed: false);
        var backward = DeterminismFleet(reversed: true);

        var first = forward.Model.Place(forward.Request("feed-api", 20));
        var second = backward.Model.Place(backward.Request("feed-api", 20));
        var rejectedFirst = forward.Model.Place(forward.Request("feed-api", 60));
        var rejectedSecond = backward.Model.Place(backward.Request("feed-api", 60));

        Assert.True(first.Succeeded);
        Assert.Equal(first.Instances.Select(i => (i.Node, i.Pool, i.Zone, i.Source, i.Subnet)), second.Instances.Select(i => (i.Node, i.Pool, i.Zone, i.Source, i.Subnet)));
        Assert.False(rejectedFirst.Succeeded);
        Assert.Equal(rejectedFirst.FailureReason, rejectedSecond.FailureReason);
        Assert.Equal(rejectedFirst.Rejections, rejectedSecond.Rejections);
    }

    // The same pools, nodes and subnets, applied in opposite orders.
    private static ModelFleet DeterminismFleet(bool reversed)
    {
        var fleet = new ModelFleet().Service("feed-api", "feed-pool", Shape(cpu: 500, memory: 512, maxPerZone: 20));
        List<Action<ModelFleet>> steps =
        [
            f => f.Pool("feed-pool"),
            f => f.Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1),
            f => f.Pool("spare-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1),
            f => f.Node("feed-node-1", "feed-pool", zone: "zone-a", cpu: 2000),
            f => f.Node("feed-node-2", "feed-pool", zone: "zone-b", cpu: 2000),
            f => f.Node("shared-node-1", "shared-pool", zone: "zone-a"),
            f => f.Node("spare-node-1", "spare-pool", zone: "zone-b"),
            f => f.Node("spare-node-2", "spare-pool", zone: "zone-c", cpu: 3000),
            f => f.Node("feed-overflow-1", "feed-pool", zone: "zone-c", provider: "private-cloud"),
            f => f.Subnet("a-subnet", usable: 9, pools: ["feed-pool", "spare-pool"]),
            f => f.Subnet("b-subnet", usable: 100, pools: ["feed-pool", "shared-pool", "spare-pool"]),
        ];
        if (reversed)
        {
            steps.Reverse();
        }

        foreach (var step in steps)
        {
            step(fleet);
        }

        return fleet;
    }
}
