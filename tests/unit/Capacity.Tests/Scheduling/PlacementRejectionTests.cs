using Surge.Capacity.Nodes;
using Surge.Capacity.Scheduling;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>What a failed placement reports: each rejected node, the limit most nodes hit, and the message.</summary>
public sealed class PlacementRejectionTests
{
    private static ModelFleet FeedPool() =>
        new ModelFleet()
            .Pool("feed-pool")
            .Service("feed-api", "feed-pool", Shape(cpu: 500, memory: 512))
            .Subnet("feed-subnet", usable: 1000, pools: ["feed-pool"]);

    [Fact]
    public void Refuse_NamesEachNode()
    {
        var fleet = FeedPool()
            .Node("cpu-node", "feed-pool", zone: "zone-a", cpu: 200, memory: 8192)
            .Node("memory-node", "feed-pool", zone: "zone-b", cpu: 4000, memory: 100)
            .Node("closed-node", "feed-pool", zone: "zone-c", acceptsInstances: false);

        var result = fleet.Place("feed-api");

        Assert.Empty(result.Instances);
        Assert.Equal(0, result.Placeable);
        Assert.Equal(
            [
                ("closed-node", "feed-pool", "zone-c", PlacementDimension.AcceptsInstances),
                ("cpu-node", "feed-pool", "zone-a", PlacementDimension.Cpu),
                ("memory-node", "feed-pool", "zone-b", PlacementDimension.Memory),
            ],
            result.Rejections.Select(rejection => (rejection.Node, rejection.Pool, rejection.Zone, rejection.Dimension)));
        var reason = Assert.IsType<string>(result.FailureReason);
        Assert.Contains("Only 0 of 1 instances of feed-api (500 millicores, 512 MiB each) fit in pools feed-pool;", reason);
        Assert.Contains("cpu-node: cpu (200 of 500 millicores free)", reason);
        Assert.Contains("memory-node: memory (100 of 512 MiB memory free)", reason);
    }

    [Fact]
    public void Refuse_PartialFit_PlacesNone()
    {
        var fleet = FeedPool().Node("feed-node-1", "feed-pool", cpu: 1000);

        var result = fleet.Place("feed-api", 3);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Instances);
        Assert.Equal(2, result.Placeable);
        Assert.Contains("Only 2 of 3 instances", result.FailureReason);
        Assert.Contains("feed-node-1: cpu (0 of 500 millicores free)", result.FailureReason);
    }

    [Fact]
    public void Limit_IsTheMostFrequentDimension()
    {
        var fleet = FeedPool()
            .Node("n1", "feed-pool", cpu: 100)
            .Node("n2", "feed-pool", cpu: 100)
            .Node("n3", "feed-pool", memory: 100)
            .Node("n4", "feed-pool", acceptsInstances: false);

        var result = fleet.Place("feed-api");

        Assert.Equal(PlacementDimension.Cpu, result.Limit);
        Assert.Contains("the next is stopped by cpu on most nodes", result.FailureReason);
    }

    [Fact]
    public void Limit_Tie_GoesToEarlierDimension()
    {
        var fleet = FeedPool()
            .Node("n1", "feed-pool", cpu: 100)
            .Node("n2", "feed-pool", memory: 100);

        Assert.Equal(PlacementDimension.Cpu, fleet.Place("feed-api").Limit);
    }

    [Fact]
    public void Limit_UnusableNodes_CountLast()
    {
        var fleet = FeedPool()
            .Node("n1", "feed-pool", cpu: 100)
            .Node("n3", "feed-pool", acceptsInstances: false).Node("n4", "feed-pool", taints: [new NodeTaint("spot")])
            .Node("n5", "feed-pool", acceptsInstances: false).Node("n6", "feed-pool", taints: [new NodeTaint("spot")]);

        Assert.Equal(PlacementDimension.Cpu, fleet.Place("feed-api").Limit);
        Assert.Equal(PlacementDimension.AcceptsInstances, PlacementPass.LimitOf([PlacementDimension.Taints, PlacementDimension.AcceptsInstances]));
        Assert.Equal(PlacementDimension.Labels, PlacementPass.LimitOf([PlacementDimension.Labels, PlacementDimension.Labels, PlacementDimension.Taints]));
    }

    [Fact]
    public void LimitOf_NoRejections_IsNoNodes()
    {
        Assert.Equal(PlacementDimension.NoNodes, PlacementPass.LimitOf([]));
        Assert.Equal(PlacementDimension.Swap, PlacementPass.LimitOf([PlacementDimension.MaxPerNode, PlacementDimension.Swap, PlacementDimension.MaxPerNode, PlacementDimension.Swap]));
    }

    [Fact]
    public void Refuse_NoUsableNode_IsNoNodes()
    {
        var fleet = FeedPool()
            .Pool("search-pool")
            .Node("search-node-1", "search-pool");

        var result = fleet.Place("feed-api");

        Assert.Equal(PlacementDimension.NoNodes, result.Limit);
        Assert.Empty(result.Rejections);
        Assert.Contains("no node is in pool feed-pool or a pool that lends idle capacity", result.FailureReason);
    }

    [Fact]
    public void Refuse_ManyNodes_ListsTwenty()
    {
        var fleet = FeedPool();
        for (var index = 0; index < 25; index++)
        {
            fleet.Node($"node-{index:D2}", "feed-pool", cpu: 100);
        }

        var result = fleet.Place("feed-api");

        Assert.Equal(25, result.Rejections.Count);
        Assert.Contains("node-19: cpu", result.FailureReason);
        Assert.DoesNotContain("node-20: cpu", result.FailureReason);
        Assert.EndsWith("; and 5 more nodes.", result.FailureReason);
    }

    [Fact]
    public void Refuse_RejectionsAreByTierThenName()
    {
        var fleet = FeedPool()
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Subnet("shared-subnet", usable: 1000, pools: ["shared-pool"])
            .Node("z-feed", "feed-pool", cpu: 100)
            .Node("a-shared", "shared-pool", cpu: 100)
            .Node("b-feed", "feed-pool", cpu: 100)
            .Node("a-overflow", "feed-pool", cpu: 100, provider: "private-cloud");

        var result = fleet.Place("feed-api");

        Assert.Equal(["b-feed", "z-feed", "a-shared", "a-overflow"], result.Rejections.Select(rejection => rejection.Node));
    }

    [Fact]
    public void Describe_WritesDimensionsInCamelCase()
    {
        Assert.Equal("maxPerZone", CapacityModel.Describe(PlacementDimension.MaxPerZone));
        Assert.Equal("ipAddresses", CapacityModel.Describe(PlacementDimension.IpAddresses));
    }
}
