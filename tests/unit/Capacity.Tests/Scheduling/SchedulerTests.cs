using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.Scheduling;
using static Surge.Capacity.Tests.Scheduling.FleetFixture;

namespace Surge.Capacity.Tests.Scheduling;

public sealed class SchedulerTests
{
    private static readonly Dictionary<string, string> ServicePools = new()
    {
        ["feed-api"] = "feed-pool",
        ["search-api"] = "search-pool",
        ["batch-api"] = "shared-pool",
    };

    private static PlacementDecision Place(PlacementRequest request, IReadOnlyList<NodeView> nodes, IReadOnlyList<PoolView> pools) =>
        Scheduler.Place(request, nodes, pools, ServicePools);

    private static List<string> NodesOf(PlacementDecision decision) => [.. decision.Placements.Select(p => p.Node)];

    [Fact]
    public void Place_OwnPoolHasRoom_StaysInOwnPool()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)];
        NodeView[] nodes = [Node("feed-node-1", "feed-pool", cpu: 1000), Node("shared-node-1", "shared-pool", cpu: 16000)];

        var decision = Place(Request(2), nodes, pools);

        Assert.Null(decision.FailureReason);
        Assert.Equal(["feed-node-1", "feed-node-1"], NodesOf(decision));
        Assert.All(decision.Placements, p => Assert.Equal("feed-pool", p.Pool));
    }

    [Fact]
    public void Place_OwnPoolFull_BorrowsFromLendingPool()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)];
        NodeView[] nodes = [Node("feed-node-1", "feed-pool", cpu: 1000), Node("shared-node-1", "shared-pool")];

        var decision = Place(Request(3), nodes, pools);

        Assert.Null(decision.FailureReason);
        Assert.Equal(
            [("feed-node-1", "feed-pool"), ("feed-node-1", "feed-pool"), ("shared-node-1", "shared-pool")],
            decision.Placements.Select(p => (p.Node, p.Pool)));
    }

    [Fact]
    public void Place_SeveralLenders_BorrowsByPriorityThenName()
    {
        PoolView[] pools =
        [
            Pool("feed-pool"),
            Pool("a-pool", lends: true, maxLendRatio: 1, lenderPriority: 2),
            Pool("c-pool", lends: true, maxLendRatio: 1, lenderPriority: 1),
            Pool("b-pool", lends: true, maxLendRatio: 1, lenderPriority: 1),
        ];
        NodeView[] nodes = [Node("a-node", "a-pool", cpu: 1000), Node("b-node", "b-pool", cpu: 1000), Node("c-node", "c-pool", cpu: 1000)];

        var decision = Place(Request(6), nodes, pools);

        Assert.Null(decision.FailureReason);
        Assert.Equal(["b-node", "b-node", "c-node", "c-node", "a-node", "a-node"], NodesOf(decision));
    }

    [Fact]
    public void Place_PoolThatDoesNotLend_NeverBorrowedFrom()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("search-pool", lends: false, maxLendRatio: 0.9)];
        NodeView[] nodes = [Node("feed-node-1", "feed-pool", cpu: 500), Node("search-node-1", "search-pool", cpu: 64000)];

        var decision = Place(Request(2), nodes, pools);

        Assert.NotNull(decision.FailureReason);
        Assert.Empty(decision.Placements);
        Assert.DoesNotContain("search-node-1", decision.FailureReason);
    }

    [Fact]
    public void Place_SeveralNodes_SpreadsByMostFreeCpuWithNameTieBreak()
    {
        PoolView[] pools = [Pool("feed-pool")];
        NodeView[] nodes = [Node("n3", "feed-pool", cpu: 4000), Node("n2", "feed-pool", cpu: 3000), Node("n1", "feed-pool", cpu: 4000)];

        var decision = Place(Request(4, cpu: 1000), nodes, pools);

        // 4000/3000/4000 free: n1 (tie with n3, first by name), then n3, then all three at 3000 so n1, then n2 before n3.
        Assert.Equal(["n1", "n3", "n1", "n2"], NodesOf(decision));
    }

    [Fact]
    public void Place_ReservationsReduceFreeCpu_ChoosesLessLoadedNode()
    {
        PoolView[] pools = [Pool("feed-pool")];
        NodeView[] nodes =
        [
            Node("n1", "feed-pool", reservations: [Reserved("feed-api", 2000, 512, seed: 1)]),
            Node("n2", "feed-pool", reservations: [Reserved("feed-api", 500, 512, seed: 2)]),
        ];

        var decision = Place(Request(1), nodes, pools);

        Assert.Equal(["n2"], NodesOf(decision));
    }

    [Fact]
    public void Place_SameInputInAnyOrder_GivesSamePlacement()
    {
        PoolView[] pools =
        [
            Pool("feed-pool"),
            Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1),
            Pool("spare-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1),
        ];
        NodeView[] nodes =
        [
            Node("feed-node-1", "feed-pool", cpu: 2000),
            Node("feed-node-2", "feed-pool", cpu: 2000),
            Node("shared-node-1", "shared-pool"),
            Node("spare-node-1", "spare-pool"),
            Node("spare-node-2", "spare-pool", cpu: 3000),
        ];
        var request = Request(12);

        var first = Place(request, nodes, pools);
        var again = Place(request, nodes, pools);
        var reordered = Place(request, [.. nodes.Reverse()], [.. pools.Reverse()]);

        Assert.Null(first.FailureReason);
        Assert.Equal(first.Placements, again.Placements);
        Assert.Equal(first.Placements, reordered.Placements);
    }

    [Fact]
    public void Place_KeepsInstanceIdsInRequestOrder()
    {
        PoolView[] pools = [Pool("feed-pool")];
        NodeView[] nodes = [Node("n1", "feed-pool"), Node("n2", "feed-pool")];
        var request = Request(3);

        var decision = Place(request, nodes, pools);

        Assert.Equal(request.InstanceIds, decision.Placements.Select(p => p.InstanceId));
    }

    [Fact]
    public void Place_NodeNotAcceptingInstances_IsSkipped()
    {
        PoolView[] pools = [Pool("feed-pool")];
        NodeView[] nodes = [Node("big-node", "feed-pool", cpu: 64000, acceptsInstances: false), Node("small-node", "feed-pool", cpu: 1000)];

        var decision = Place(Request(2), nodes, pools);

        Assert.Equal(["small-node", "small-node"], NodesOf(decision));
    }

    [Fact]
    public void Place_LendRatioHalf_LendsAtMostHalfTheCpu()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)];
        NodeView[] nodes = [Node("shared-node-1", "shared-pool", cpu: 4000), Node("shared-node-2", "shared-pool", cpu: 4000)];

        var fits = Place(Request(4, cpu: 1000, memory: 256), nodes, pools);
        var tooMany = Place(Request(5, cpu: 1000, memory: 256), nodes, pools);

        Assert.Null(fits.FailureReason);
        Assert.Equal(4, fits.Placements.Count);
        Assert.NotNull(tooMany.FailureReason);
        Assert.Contains("Only 4 of 5 instances", tooMany.FailureReason);
        Assert.Contains("lending limit of its pool reached", tooMany.FailureReason);
    }

    [Fact]
    public void Place_LendRatioHalf_LendsAtMostHalfTheMemory()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)];
        NodeView[] nodes = [Node("shared-node-1", "shared-pool", cpu: 4000, memory: 8192)];

        var fits = Place(Request(2, cpu: 100, memory: 2048), nodes, pools);
        var tooMany = Place(Request(3, cpu: 100, memory: 2048), nodes, pools);

        Assert.Equal(2, fits.Placements.Count);
        Assert.NotNull(tooMany.FailureReason);
        Assert.Contains("Only 2 of 3 instances", tooMany.FailureReason);
    }

    [Fact]
    public void Place_LendBudget_CountsOnlyReservationsOfOtherPoolsServices()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("search-pool"), Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)];
        Reservation[] reservations = [Reserved("search-api", 1000, 1024, seed: 1), Reserved("batch-api", 1000, 1024, seed: 2)];
        NodeView[] nodes = [Node("shared-node-1", "shared-pool", cpu: 4000, reservations: reservations)];

        // Half of 4000 is 2000; search-api borrows 1000 of it, batch-api runs in its own pool and borrows nothing.
        var fits = Place(Request(2), nodes, pools);
        var tooMany = Place(Request(3), nodes, pools);

        Assert.Equal(["shared-node-1", "shared-node-1"], NodesOf(fits));
        Assert.NotNull(tooMany.FailureReason);
        Assert.Contains("shared-node-1: lending limit of its pool reached", tooMany.FailureReason);
    }

    [Fact]
    public void Place_ReservationOfUndeclaredService_CountsAsBorrowed()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)];
        NodeView[] nodes = [Node("shared-node-1", "shared-pool", cpu: 4000, reservations: [Reserved("retired-api", 2000, 1024)])];

        var decision = Place(Request(1), nodes, pools);

        Assert.NotNull(decision.FailureReason);
        Assert.Contains("lending limit of its pool reached", decision.FailureReason);
    }

    [Fact]
    public void Place_OwnPoolIgnoresLendRatioOfItsOwnPool()
    {
        PoolView[] pools = [Pool("feed-pool", lends: true, maxLendRatio: 0.1, lenderPriority: 1)];
        NodeView[] nodes = [Node("feed-node-1", "feed-pool", cpu: 4000)];

        var decision = Place(Request(8), nodes, pools);

        Assert.Null(decision.FailureReason);
        Assert.Equal(8, decision.Placements.Count);
    }

    [Fact]
    public void Place_DoesNotFit_ReasonNamesEachNodeAndDimension()
    {
        PoolView[] pools = [Pool("feed-pool")];
        NodeView[] nodes =
        [
            Node("cpu-node", "feed-pool", cpu: 200, memory: 8192),
            Node("memory-node", "feed-pool", cpu: 4000, memory: 100),
            Node("cordoned-node", "feed-pool", acceptsInstances: false),
        ];

        var decision = Place(Request(1), nodes, pools);

        Assert.Empty(decision.Placements);
        var reason = Assert.IsType<string>(decision.FailureReason);
        Assert.Contains("Only 0 of 1 instances of feed-api (500 millicores, 512 MiB each) fit in pools feed-pool.", reason);
        Assert.Contains("cpu-node: cpu (200 millicores free)", reason);
        Assert.Contains("memory-node: memory (100 MiB free)", reason);
        Assert.Contains("cordoned-node: does not accept new instances", reason);
    }

    [Fact]
    public void Place_SomeInstancesFit_ReasonCountsThemAndPlacesNone()
    {
        PoolView[] pools = [Pool("feed-pool")];
        NodeView[] nodes = [Node("feed-node-1", "feed-pool", cpu: 1000)];

        var decision = Place(Request(3), nodes, pools);

        Assert.Empty(decision.Placements);
        Assert.Contains("Only 2 of 3 instances", decision.FailureReason);
        Assert.Contains("feed-node-1: cpu (0 millicores free)", decision.FailureReason);
    }

    [Fact]
    public void Place_NoNodeInAnyUsablePool_ReasonSaysToDeclareNodes()
    {
        PoolView[] pools = [Pool("feed-pool"), Pool("search-pool")];
        NodeView[] nodes = [Node("search-node-1", "search-pool")];

        var decision = Place(Request(1), nodes, pools);

        Assert.Contains("No node belongs to those pools", decision.FailureReason);
        Assert.Contains("declare nodes in pool feed-pool", decision.FailureReason);
    }
}
