using Surge.Capacity.Scheduling;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>The order of pools a service uses: its own declared nodes, then lenders, then its own overflow nodes.</summary>
public sealed class PlacementTierTests
{
    private static ModelFleet Fleet() =>
        new ModelFleet()
            .Pool("feed-pool")
            .Service("feed-api", "feed-pool", Shape(cpu: 500, memory: 512))
            .Subnet("subnet", usable: 1000, pools: ["feed-pool", "search-pool", "shared-pool", "a-pool", "b-pool", "c-pool"]);

    [Fact]
    public void Place_OwnPoolRoom_StaysOwn()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Node("feed-node-1", "feed-pool", cpu: 1000)
            .Node("shared-node-1", "shared-pool", cpu: 16000);

        var result = fleet.Place("feed-api", 2);

        Assert.Equal(["feed-node-1", "feed-node-1"], NodesOf(result));
        Assert.All(result.Instances, instance => Assert.Equal(PlacementSource.Own, instance.Source));
    }

    [Fact]
    public void Place_OwnPoolFull_BorrowsFromLendingPool()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Node("feed-node-1", "feed-pool", cpu: 1000)
            .Node("shared-node-1", "shared-pool");

        var result = fleet.Place("feed-api", 3);

        Assert.Equal(
            [("feed-node-1", "feed-pool", PlacementSource.Own), ("feed-node-1", "feed-pool", PlacementSource.Own), ("shared-node-1", "shared-pool", PlacementSource.Borrowed)],
            result.Instances.Select(instance => (instance.Node, instance.Pool, instance.Source)));
    }

    [Fact]
    public void Place_SeveralLenders_BorrowsByPriorityThenName()
    {
        var fleet = Fleet()
            .Pool("a-pool", lends: true, maxLendRatio: 1, lenderPriority: 2)
            .Pool("c-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Pool("b-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Node("a-node", "a-pool", cpu: 1000)
            .Node("b-node", "b-pool", cpu: 1000)
            .Node("c-node", "c-pool", cpu: 1000);

        var result = fleet.Place("feed-api", 6);

        Assert.Equal(["b-node", "b-node", "c-node", "c-node", "a-node", "a-node"], NodesOf(result));
    }

    [Fact]
    public void Place_NonLendingPool_NotBorrowed()
    {
        var fleet = Fleet()
            .Pool("search-pool", lends: false, maxLendRatio: 0.9)
            .Node("feed-node-1", "feed-pool", cpu: 500)
            .Node("search-node-1", "search-pool", cpu: 64000);

        var result = fleet.Place("feed-api", 2);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Placeable);
        Assert.DoesNotContain(result.Rejections, rejection => rejection.Node == "search-node-1");
        Assert.DoesNotContain("search", result.FailureReason);
    }

    [Fact]
    public void Place_HalfLendRatio_CapsCpu()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Node("shared-node-1", "shared-pool", cpu: 4000)
            .Node("shared-node-2", "shared-pool", cpu: 4000);
        var shape = Shape(cpu: 1000, memory: 256);

        var fits = fleet.Model.Place(fleet.Request("feed-api", 4, "feed-pool", shape));
        var tooMany = fleet.Model.Place(fleet.Request("feed-api", 5, "feed-pool", shape));

        Assert.True(fits.Succeeded);
        Assert.Equal(4, tooMany.Placeable);
        Assert.Equal(PlacementDimension.LendLimit, tooMany.Limit);
        Assert.Contains("shared-node-1: lendLimit (pool shared-pool lent all it may (maxLendRatio 0.5))", tooMany.FailureReason);
    }

    [Fact]
    public void Place_HalfLendRatio_CapsMemory()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Node("shared-node-1", "shared-pool", cpu: 4000, memory: 8192);
        var shape = Shape(cpu: 100, memory: 2048);

        var fits = fleet.Model.Place(fleet.Request("feed-api", 2, "feed-pool", shape));
        var tooMany = fleet.Model.Place(fleet.Request("feed-api", 3, "feed-pool", shape));

        Assert.True(fits.Succeeded);
        Assert.Equal(2, tooMany.Placeable);
        Assert.Equal(PlacementDimension.LendLimit, tooMany.Limit);
    }

    [Fact]
    public void Place_LendLimit_CountsOtherPools()
    {
        var fleet = Fleet()
            .Pool("search-pool")
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Service("search-api", "search-pool")
            .Service("batch-api", "shared-pool")
            .Node("shared-node-1", "shared-pool", cpu: 4000);
        fleet.Reserve("shared-node-1", "search-api", cpu: 1000, memory: 1024);
        fleet.Reserve("shared-node-1", "batch-api", cpu: 1000, memory: 1024);

        // Half of 4000 is 2000; search-api borrows 1000 of it, batch-api runs in its own pool and borrows nothing.
        var fits = fleet.Place("feed-api", 2);
        var tooMany = fleet.Place("feed-api", 3);

        Assert.Equal(["shared-node-1", "shared-node-1"], NodesOf(fits));
        Assert.Equal(PlacementDimension.LendLimit, tooMany.Limit);
        Assert.Equal(new ResourceAmounts(1000, 1024, 0, 0), fleet.Model.Pools["shared-pool"].Lent);
    }

    [Fact]
    public void Place_RecordedBorrowedReservations_CountAgainstLendLimit()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Node("shared-node-1", "shared-pool", cpu: 4000);

        for (var placed = 0; placed < 4; placed++)
        {
            Assert.True(fleet.PlaceAndRecord("feed-api").Succeeded);
        }

        var rejected = fleet.Place("feed-api");

        Assert.Equal(new ResourceAmounts(2000, 2048, 0, 0), fleet.Model.Pools["shared-pool"].Lent);
        Assert.Equal(PlacementDimension.LendLimit, rejected.Limit);
    }

    [Fact]
    public void Place_OwnPool_IgnoresItsOwnLendRatio()
    {
        var fleet = Fleet()
            .Pool("feed-pool", lends: true, maxLendRatio: 0.1, lenderPriority: 1)
            .Node("feed-node-1", "feed-pool", cpu: 4000);

        var result = fleet.Place("feed-api", 8);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Place_LenderOverflowNodes_AreNeverBorrowed()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Node("shared-node-1", "shared-pool", cpu: 1000)
            .Node("shared-overflow-1", "shared-pool", cpu: 64000, provider: "private-cloud");

        var result = fleet.Place("feed-api", 3);

        Assert.Equal(2, result.Placeable);
        Assert.DoesNotContain(result.Rejections, rejection => rejection.Node == "shared-overflow-1");
        Assert.Equal(new ResourceAmounts(1000, 8192, 0, 0), fleet.Model.Pools["shared-pool"].Declared);
    }

    [Fact]
    public void Place_OwnOverflowNodes_UsedAfterLenders()
    {
        var fleet = Fleet()
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Node("feed-node-1", "feed-pool", cpu: 500)
            .Node("feed-overflow-1", "feed-pool", cpu: 64000, provider: "private-cloud")
            .Node("shared-node-1", "shared-pool", cpu: 500);

        var result = fleet.Place("feed-api", 3);

        Assert.Equal(
            [("feed-node-1", PlacementSource.Own), ("shared-node-1", PlacementSource.Borrowed), ("feed-overflow-1", PlacementSource.Overflow)],
            result.Instances.Select(instance => (instance.Node, instance.Source)));
    }

    [Fact]
    public void Place_OverflowReservation_IsNotBorrowed()
    {
        var fleet = Fleet()
            .Node("feed-overflow-1", "feed-pool", cpu: 64000, provider: "private-cloud");

        fleet.PlaceAndRecord("feed-api", 2);

        Assert.All(fleet.Model.Nodes["feed-overflow-1"].Reservations.Values, reservation => Assert.False(reservation.Borrowed));
        Assert.Equal(default, fleet.Model.Pools["feed-pool"].Declared);
    }

    [Fact]
    public void Tiers_OrderOwnLendersOverflow()
    {
        var fleet = Fleet()
            .Pool("b-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Pool("a-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Pool("c-pool", lends: true, maxLendRatio: 1, lenderPriority: 0)
            .Pool("search-pool");

        var tiers = PlacementTier.For(fleet.Model, "feed-pool");

        Assert.Equal(
            [("feed-pool", PlacementSource.Own), ("c-pool", PlacementSource.Borrowed), ("a-pool", PlacementSource.Borrowed), ("b-pool", PlacementSource.Borrowed), ("feed-pool", PlacementSource.Overflow)],
            tiers.Select(tier => (tier.Pool.Name, tier.Source)));
    }

    [Fact]
    public void Tiers_UndeclaredOwnPool_OnlyLenders()
    {
        var fleet = Fleet().Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1);

        var tiers = PlacementTier.For(fleet.Model, "missing-pool");

        Assert.Equal([("shared-pool", PlacementSource.Borrowed)], tiers.Select(tier => (tier.Pool.Name, tier.Source)));
    }
}
