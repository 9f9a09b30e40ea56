using Surge.Capacity.Nodes;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>Each check that keeps an instance off a node, alone and against a node that passes it.</summary>
public sealed class PlacementFilterTests
{
    // A large subnet serves the pool unless a test is about addresses, because a node no subnet serves takes nothing.
    private static ModelFleet FeedPool(InstanceShapeSpec? shape = null, bool withSubnet = true)
    {
        var fleet = new ModelFleet().Pool("feed-pool").Service("feed-api", "feed-pool", shape);
        return withSubnet ? fleet.Subnet("feed-subnet", usable: 1000, pools: ["feed-pool"]) : fleet;
    }

    private static PlacementDimension RejectionOf(PlacementResult result, string node) =>
        Assert.Single(result.Rejections, rejection => rejection.Node == node).Dimension;

    [Fact]
    public void Place_NodeClosedToInstances_IsRejected()
    {
        var fleet = FeedPool()
            .Node("closed-node", "feed-pool", cpu: 64000, acceptsInstances: false)
            .Node("open-node", "feed-pool", cpu: 1000);

        var placed = fleet.Place("feed-api", 2);
        var rejected = fleet.Place("feed-api", 3);

        Assert.Equal(["open-node", "open-node"], NodesOf(placed));
        Assert.Equal(PlacementDimension.AcceptsInstances, RejectionOf(rejected, "closed-node"));
        Assert.Contains("closed-node: acceptsInstances (closed to new instances)", rejected.FailureReason);
    }

    [Fact]
    public void Place_NodeBeingReleased_IsRejected()
    {
        var fleet = FeedPool().Node("overflow-node", "feed-pool", provider: "private-cloud");
        fleet.Apply("node/overflow-node", new NodeReleaseStarted(Guid.Empty, "idle", At));

        var rejected = fleet.Place("feed-api");

        Assert.False(rejected.Succeeded);
        Assert.Equal(PlacementDimension.AcceptsInstances, RejectionOf(rejected, "overflow-node"));
        Assert.Contains("being released to its provider", rejected.FailureReason);
    }

    [Fact]
    public void Place_RequiredLabels_NeedEveryValue()
    {
        var shape = Shape(requiredLabels: new Dictionary<string, string> { ["disk"] = "ssd", ["gpu"] = "a100" });
        var fleet = FeedPool(shape)
            .Node("no-labels", "feed-pool", cpu: 64000)
            .Node("wrong-value", "feed-pool", cpu: 64000, labels: new Dictionary<string, string> { ["disk"] = "hdd", ["gpu"] = "a100" })
            .Node("one-label", "feed-pool", cpu: 64000, labels: new Dictionary<string, string> { ["disk"] = "ssd" })
            .Node("all-labels", "feed-pool", cpu: 1000, labels: new Dictionary<string, string> { ["disk"] = "ssd", ["gpu"] = "a100", ["extra"] = "x" });

        var placed = fleet.Place("feed-api", 2);
        var rejected = fleet.Place("feed-api", 3);

        Assert.Equal(["all-labels", "all-labels"], NodesOf(placed));
        Assert.Equal(PlacementDimension.Labels, RejectionOf(rejected, "no-labels"));
        Assert.Equal(PlacementDimension.Labels, RejectionOf(rejected, "wrong-value"));
        Assert.Equal(PlacementDimension.Labels, RejectionOf(rejected, "one-label"));
        Assert.Equal(PlacementDimension.Cpu, RejectionOf(rejected, "all-labels"));
    }

    [Fact]
    public void Place_TaintWithoutToleration_IsRejected()
    {
        var fleet = FeedPool()
            .Node("tainted", "feed-pool", cpu: 64000, taints: [new NodeTaint("dedicated", "search")])
            .Node("plain", "feed-pool", cpu: 500);

        var placed = fleet.Place("feed-api");
        var rejected = fleet.Place("feed-api", 2);

        Assert.Equal(["plain"], NodesOf(placed));
        Assert.Equal(PlacementDimension.Taints, RejectionOf(rejected, "tainted"));
        Assert.Contains("has taints dedicated=search the shape does not tolerate", rejected.FailureReason);
    }

    [Theory]
    [InlineData("search", true)]
    [InlineData(null, true)]
    [InlineData("feed", false)]
    public void Place_TaintWithValue_ToleratedBySameValueOrAnyValue(string? tolerationValue, bool tolerated)
    {
        var shape = Shape(tolerations: [new NodeTaint("dedicated", tolerationValue)]);
        var fleet = FeedPool(shape).Node("tainted", "feed-pool", taints: [new NodeTaint("dedicated", "search")]);

        var result = fleet.Place("feed-api");

        Assert.Equal(tolerated, result.Succeeded);
        if (!tolerated)
        {
            Assert.Equal(PlacementDimension.Taints, RejectionOf(result, "tainted"));
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("search", false)]
    public void Place_TaintWithoutValue_ToleratedOnlyByAnyValue(string? tolerationValue, bool tolerated)
    {
        var shape = Shape(tolerations: [new NodeTaint("spot", tolerationValue)]);
        var fleet = FeedPool(shape).Node("tainted", "feed-pool", taints: [new NodeTaint("spot")]);

        Assert.Equal(tolerated, fleet.Place("feed-api").Succeeded);
    }

    [Fact]
    public void Place_TwoTaints_NeedsATolerationForEach()
    {
        var shape = Shape(tolerations: [new NodeTaint("spot")]);
        var fleet = FeedPool(shape).Node("tainted", "feed-pool", taints: [new NodeTaint("spot"), new NodeTaint("dedicated", "search")]);

        var result = fleet.Place("feed-api");

        Assert.Equal(PlacementDimension.Taints, RejectionOf(result, "tainted"));
    }

    [Theory]
    [InlineData(1000, 8192, 100, 1024, PlacementDimension.Cpu)]
    [InlineData(4000, 2000, 100, 1024, PlacementDimension.Memory)]
    [InlineData(4000, 8192, 15, 1024, PlacementDimension.Disk)]
    [InlineData(4000, 8192, 100, 300, PlacementDimension.Swap)]
    public void Place_ResourceShort_NamesTheFirstShortDimension(int cpu, int memory, int disk, int swap, PlacementDimension expected)
    {
        var shape = Shape(cpu: 600, memory: 1500, disk: 8, swap: 200);
        var fleet = FeedPool(shape).Node("node-1", "feed-pool", cpu: cpu, memory: memory, disk: disk, swap: swap);

        var first = fleet.PlaceAndRecord("feed-api");
        var second = fleet.Place("feed-api");

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal(expected, second.Limit);
        Assert.Equal(expected, RejectionOf(second, "node-1"));
    }

    [Fact]
    public void Place_NoDiskOrSwap_Fits()
    {
        var fleet = FeedPool(Shape(cpu: 1000, memory: 1024)).Node("node-1", "feed-pool", cpu: 4000, memory: 8192, disk: 0, swap: 0);

        var result = fleet.Place("feed-api", 4);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Place_DiskAndSwap_CountExistingReservations()
    {
        var fleet = FeedPool(Shape(cpu: 100, memory: 100, disk: 10, swap: 100)).Node("node-1", "feed-pool", disk: 30, swap: 1000);
        fleet.Reserve("node-1", "other-api", cpu: 100, memory: 100, disk: 15, swap: 0);

        var fits = fleet.Place("feed-api", 1);
        var tooMany = fleet.Place("feed-api", 2);

        Assert.True(fits.Succeeded);
        Assert.Equal(1, tooMany.Placeable);
        Assert.Equal(PlacementDimension.Disk, tooMany.Limit);
    }

    [Fact]
    public void Place_UnservedNode_LacksAddresses()
    {
        var fleet = FeedPool(withSubnet: false)
            .Node("node-1", "feed-pool")
            .Subnet("search-subnet", usable: 100, pools: ["search-pool"]);

        var result = fleet.Place("feed-api");

        Assert.Equal(PlacementDimension.IpAddresses, result.Limit);
        Assert.Contains("no subnet serves the node or its pool", result.FailureReason);
    }

    [Fact]
    public void Place_NoSubnets_LacksAddresses()
    {
        var fleet = FeedPool(withSubnet: false).Node("node-1", "feed-pool");

        var result = fleet.Place("feed-api");

        Assert.Equal(PlacementDimension.IpAddresses, result.Limit);
    }

    [Fact]
    public void Place_FullSubnet_IsRejectedForAddresses()
    {
        // Ipam's taken count trails Capacity's reservations, so the subnet runs out when the reservations alone fill it.
        var fleet = FeedPool(withSubnet: false)
            .Node("node-1", "feed-pool", cpu: 64000, memory: 64000)
            .Subnet("feed-subnet", usable: 3, taken: 1, pools: ["feed-pool"]);

        var fits = fleet.Place("feed-api", 3);
        var tooMany = fleet.Place("feed-api", 4);

        Assert.True(fits.Succeeded);
        Assert.All(fits.Instances, instance => Assert.Equal("feed-subnet", instance.Subnet));
        Assert.Equal(3, tooMany.Placeable);
        Assert.Equal(PlacementDimension.IpAddresses, tooMany.Limit);
        Assert.Contains("no free address in subnets feed-subnet", tooMany.FailureReason);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Place_SubnetAllTaken_IsRejectedForAddresses(int taken)
    {
        var fleet = FeedPool(withSubnet: false)
            .Node("node-1", "feed-pool")
            .Subnet("feed-subnet", usable: 3, taken: taken, pools: ["feed-pool"]);

        var result = fleet.Place("feed-api");

        Assert.Equal(PlacementDimension.IpAddresses, result.Limit);
    }

    [Fact]
    public void Place_NodeListedSubnet_UsedBeforePoolSubnet()
    {
        var fleet = FeedPool(withSubnet: false)
            .Node("node-1", "feed-pool", cpu: 64000, memory: 64000)
            .Subnet("a-pool-subnet", usable: 10, pools: ["feed-pool"])
            .Subnet("z-node-subnet", usable: 2, nodes: ["node-1"]);

        var result = fleet.Place("feed-api", 4);

        Assert.Equal(["z-node-subnet", "z-node-subnet", "a-pool-subnet", "a-pool-subnet"], result.Instances.Select(instance => instance.Subnet));
    }

    [Fact]
    public void Place_PoolSubnets_TriedByName()
    {
        var fleet = FeedPool(withSubnet: false)
            .Node("node-1", "feed-pool", cpu: 64000, memory: 64000)
            .Subnet("b-subnet", usable: 10, pools: ["feed-pool"])
            .Subnet("a-subnet", usable: 1, pools: ["feed-pool"]);

        var result = fleet.Place("feed-api", 3);

        Assert.Equal(["a-subnet", "b-subnet", "b-subnet"], result.Instances.Select(instance => instance.Subnet));
    }

    [Fact]
    public void Place_RecordedReservations_ChargeTheirSubnet()
    {
        var fleet = FeedPool(withSubnet: false)
            .Node("node-1", "feed-pool", cpu: 64000, memory: 64000)
            .Subnet("feed-subnet", usable: 3, pools: ["feed-pool"]);

        fleet.PlaceAndRecord("feed-api", 2);
        var last = fleet.PlaceAndRecord("feed-api");
        var none = fleet.Place("feed-api");

        Assert.True(last.Succeeded);
        Assert.Equal(3, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(PlacementDimension.IpAddresses, none.Limit);
    }

    [Fact]
    public void Place_MaxPerNode_CapsEachNode()
    {
        var fleet = FeedPool(Shape(maxPerNode: 2))
            .Node("node-1", "feed-pool", cpu: 64000)
            .Node("node-2", "feed-pool", cpu: 64000);
        fleet.Reserve("node-1", "feed-api");

        var fits = fleet.Place("feed-api", 3);
        var tooMany = fleet.Place("feed-api", 4);

        Assert.Equal(["node-2", "node-1", "node-2"], NodesOf(fits));
        Assert.Equal(3, tooMany.Placeable);
        Assert.Equal(PlacementDimension.MaxPerNode, tooMany.Limit);
        Assert.Contains("feed-api already has 2 instances on the node, its maxPerNode", tooMany.FailureReason);
    }

    [Fact]
    public void Place_MaxPerZone_SpansPools()
    {
        var fleet = new ModelFleet()
            .Pool("feed-pool")
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Service("feed-api", "feed-pool", Shape(maxPerZone: 2))
            .Node("feed-a", "feed-pool", zone: "zone-a", cpu: 64000)
            .Node("shared-a", "shared-pool", zone: "zone-a", cpu: 64000)
            .Node("shared-b", "shared-pool", zone: "zone-b", cpu: 64000)
            .Subnet("subnet", usable: 100, pools: ["feed-pool", "shared-pool"]);
        fleet.Reserve("feed-a", "feed-api");

        var fits = fleet.Place("feed-api", 3);
        var tooMany = fleet.Place("feed-api", 4);

        Assert.Equal(["feed-a", "shared-b", "shared-b"], NodesOf(fits));
        Assert.Equal(PlacementDimension.MaxPerZone, tooMany.Limit);
        Assert.Equal(PlacementDimension.MaxPerZone, RejectionOf(tooMany, "shared-a"));
        Assert.Contains("feed-api already has 2 instances in zone zone-a, its maxPerZone", tooMany.FailureReason);
    }

    [Fact]
    public void Place_ChecksInDimensionOrder()
    {
        // The node fails every check; the first in PlacementDimension order is named.
        var shape = Shape(cpu: 8000, requiredLabels: new Dictionary<string, string> { ["disk"] = "ssd" });
        var fleet = FeedPool(shape).Node("node-1", "feed-pool", cpu: 1000, acceptsInstances: false, taints: [new NodeTaint("spot")]);
        var labelled = FeedPool(shape).Node("node-1", "feed-pool", cpu: 1000, taints: [new NodeTaint("spot")]);
        var tolerated = FeedPool(shape with { Tolerations = [new NodeTaint("spot")] })
            .Node("node-1", "feed-pool", cpu: 1000, labels: new Dictionary<string, string> { ["disk"] = "ssd" });

        Assert.Equal(PlacementDimension.AcceptsInstances, fleet.Place("feed-api").Limit);
        Assert.Equal(PlacementDimension.Labels, labelled.Place("feed-api").Limit);
        Assert.Equal(PlacementDimension.Cpu, tolerated.Place("feed-api").Limit);
    }
}
