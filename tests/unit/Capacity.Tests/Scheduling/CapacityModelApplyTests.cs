using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>How applying each event, in or out of version order, changes what the model holds.</summary>
public sealed class CapacityModelApplyTests
{
    private static readonly NodeSpec FeedNode = new("feed-pool", "zone-a", null, 4000, 8192);

    private static ModelFleet FeedPool() =>
        new ModelFleet()
            .Pool("feed-pool")
            .Service("feed-api", "feed-pool", Shape(cpu: 1000, memory: 1024))
            .Subnet("feed-subnet", usable: 100, pools: ["feed-pool"]);

    [Fact]
    public void Apply_NextVersion_IsApplied()
    {
        var model = new CapacityModel();

        var result = model.Apply("node/n1", 1, new NodeSpecified("n1", FeedNode));

        Assert.Equal(ModelApplyResult.Applied, result);
        Assert.Equal(1, model.VersionOf("node/n1"));
        Assert.True(model.Nodes.ContainsKey("n1"));
    }

    [Fact]
    public void Apply_AppliedVersion_IsSkipped()
    {
        var model = new CapacityModel();
        var reserved = new NodeResourcesReserved(Guid.NewGuid(), Saga, "feed-api", 500, 512, At);
        model.Apply("node/n1", 1, new NodeSpecified("n1", FeedNode));
        model.Apply("node/n1", 2, reserved);

        var again = model.Apply("node/n1", 2, reserved with { InstanceId = Guid.NewGuid() });
        var older = model.Apply("node/n1", 1, new NodeSpecified("n1", FeedNode with { CpuMillicores = 1 }));

        Assert.Equal(ModelApplyResult.Skipped, again);
        Assert.Equal(ModelApplyResult.Skipped, older);
        Assert.Equal(1, model.ReservationCount);
        Assert.Equal(4000, model.Nodes["n1"].Spec.CpuMillicores);
        Assert.Equal(2, model.VersionOf("node/n1"));
    }

    [Fact]
    public void Apply_VersionAfterGap_IsRejected()
    {
        var model = new CapacityModel();
        model.Apply("node/n1", 1, new NodeSpecified("n1", FeedNode));

        var result = model.Apply("node/n1", 3, new NodeResourcesReserved(Guid.NewGuid(), Saga, "feed-api", 500, 512, At));
        var firstUnseen = model.Apply("pool/feed-pool", 2, new PoolSpecified("feed-pool", new PoolSpec()));

        Assert.Equal(ModelApplyResult.Gap, result);
        Assert.Equal(ModelApplyResult.Gap, firstUnseen);
        Assert.Equal(1, model.VersionOf("node/n1"));
        Assert.Equal(0, model.VersionOf("pool/feed-pool"));
        Assert.Equal(0, model.ReservationCount);
        Assert.Empty(model.Pools);
    }

    [Fact]
    public void Apply_StreamsKeepSeparateVersions()
    {
        var model = new CapacityModel();

        Assert.Equal(ModelApplyResult.Applied, model.Apply("pool/feed-pool", 1, new PoolSpecified("feed-pool", new PoolSpec())));
        Assert.Equal(ModelApplyResult.Applied, model.Apply("node/n1", 1, new NodeSpecified("n1", FeedNode)));
        Assert.Equal(ModelApplyResult.Applied, model.Apply("node/n2", 1, new NodeSpecified("n2", FeedNode)));
        Assert.Equal(2, model.Pools["feed-pool"].Nodes.Count);
    }

    [Fact]
    public void Forget_NodeStream_RemovesNode()
    {
        var fleet = FeedPool().Node("n1", "feed-pool");
        fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024);

        fleet.Model.Forget("node/n1");

        Assert.False(fleet.Model.Nodes.ContainsKey("n1"));
        Assert.Equal(0, fleet.Model.VersionOf("node/n1"));
        Assert.Equal(0, fleet.Model.ReservationCount);
        Assert.Equal(0, fleet.Model.ZoneCount("feed-api", "zone-a"));
        Assert.Equal(0, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(default, fleet.Model.Pools["feed-pool"].Declared);
        Assert.Equal(ModelApplyResult.Applied, fleet.Model.Apply("node/n1", 1, new NodeSpecified("n1", FeedNode)));
    }

    [Fact]
    public void Reserved_HoldsResourcesCountsAndAddress()
    {
        var fleet = FeedPool().Node("n1", "feed-pool", disk: 100, swap: 1000);

        var instanceId = fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024, disk: 10, swap: 100, expiresAt: At.AddMinutes(5));

        var node = fleet.Model.Nodes["n1"];
        var reservation = node.Reservations[instanceId];
        Assert.Equal(new ResourceAmounts(1000, 1024, 10, 100), node.Used);
        Assert.Equal(new ResourceAmounts(1000, 1024, 10, 100), reservation.Amounts);
        Assert.False(reservation.Committed);
        Assert.Equal(At.AddMinutes(5), reservation.ExpiresAt);
        Assert.Equal("feed-subnet", reservation.Subnet);
        Assert.Equal(1, node.CountOf("feed-api"));
        Assert.Equal(1, fleet.Model.ZoneCount("feed-api", "zone-a"));
        Assert.Equal(1, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(1, fleet.Model.ReservationCount);
    }

    [Fact]
    public void Reserved_SameInstanceTwice_HoldsOneReservation()
    {
        var fleet = FeedPool().Node("n1", "feed-pool");
        var instanceId = fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024);

        fleet.Apply("node/n1", new NodeResourcesReserved(instanceId, Saga, "feed-api", 1000, 1024, At));

        Assert.Equal(1, fleet.Model.ReservationCount);
        Assert.Equal(new ResourceAmounts(1000, 1024, 0, 0), fleet.Model.Nodes["n1"].Used);
        Assert.Equal(1, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(1, fleet.Model.ZoneCount("feed-api", "zone-a"));
    }

    [Fact]
    public void Committed_KeepsResourcesAndDropsExpiry()
    {
        var fleet = FeedPool().Node("n1", "feed-pool");
        var instanceId = fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024, expiresAt: At.AddMinutes(5));

        fleet.Apply("node/n1", new ReservationCommitted(instanceId, At));

        var reservation = fleet.Model.Nodes["n1"].Reservations[instanceId];
        Assert.True(reservation.Committed);
        Assert.Null(reservation.ExpiresAt);
        Assert.Equal(new ResourceAmounts(1000, 1024, 0, 0), fleet.Model.Nodes["n1"].Used);
        Assert.Equal(3, fleet.Place("feed-api", 4).Placeable);
    }

    [Fact]
    public void Released_FreesEverythingTheReservationHeld()
    {
        var fleet = BorrowingFleet(out var instanceId);

        fleet.Apply("node/shared-node-1", new ReservationReleased(instanceId, "saga failed", At));

        AssertReservationGone(fleet, instanceId);
    }

    [Fact]
    public void Expired_FreesEverythingTheReservationHeld()
    {
        var fleet = BorrowingFleet(out var instanceId);

        fleet.Apply("node/shared-node-1", new ReservationExpired(instanceId, Saga, At.AddMinutes(5), At.AddMinutes(5)));

        AssertReservationGone(fleet, instanceId);
    }

    [Fact]
    public void Released_UnknownInstance_ChangesNothing()
    {
        var fleet = BorrowingFleet(out _);

        fleet.Apply("node/shared-node-1", new ReservationReleased(Guid.NewGuid(), "unknown", At));

        Assert.Equal(1, fleet.Model.ReservationCount);
        Assert.Equal(new ResourceAmounts(1000, 1024, 0, 0), fleet.Model.Pools["shared-pool"].Lent);
    }

    [Fact]
    public void ReleaseStartedAndCancelled_MarkTheReservationOnly()
    {
        var fleet = FeedPool().Node("n1", "feed-pool");
        var instanceId = fleet.Reserve("n1", "feed-api");
        var scaleIn = Guid.NewGuid();

        fleet.Apply("node/n1", new ReservationReleaseStarted(instanceId, scaleIn, At));
        var started = fleet.Model.Nodes["n1"].Reservations[instanceId];
        fleet.Apply("node/n1", new ReservationReleaseCancelled(instanceId, Guid.NewGuid(), At));
        var otherSagaCancelled = fleet.Model.Nodes["n1"].Reservations[instanceId];
        fleet.Apply("node/n1", new ReservationReleaseCancelled(instanceId, scaleIn, At));
        var cancelled = fleet.Model.Nodes["n1"].Reservations[instanceId];

        Assert.Equal(scaleIn, started.ReleasingSagaId);
        Assert.Equal(scaleIn, otherSagaCancelled.ReleasingSagaId);
        Assert.Null(cancelled.ReleasingSagaId);
        Assert.Equal(1, fleet.Model.ReservationCount);
    }

    [Fact]
    public void EventOfUnknownNode_IsIgnored()
    {
        var fleet = FeedPool();

        fleet.Apply("node/ghost", new NodeResourcesReserved(Guid.NewGuid(), Saga, "feed-api", 500, 512, At));

        Assert.Equal(0, fleet.Model.ReservationCount);
        Assert.Empty(fleet.Model.Nodes);
    }

    [Fact]
    public void NodeSpecChange_ChangesWhatFits()
    {
        var fleet = FeedPool().Node("n1", "feed-pool", cpu: 2000);
        fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024);

        var before = fleet.Place("feed-api", 10).Placeable;
        fleet.Node("n1", "feed-pool", cpu: 5000);
        var grown = fleet.Place("feed-api", 10).Placeable;
        fleet.Node("n1", "feed-pool", cpu: 5000, acceptsInstances: false);
        var closed = fleet.Place("feed-api", 10);

        Assert.Equal(1, before);
        Assert.Equal(4, grown);
        Assert.Equal(0, closed.Placeable);
        Assert.Equal(PlacementDimension.AcceptsInstances, closed.Limit);
        Assert.Equal(new ResourceAmounts(5000, 8192, 0, 0), fleet.Model.Pools["feed-pool"].Declared);
        Assert.Single(fleet.Model.Pools["feed-pool"].Nodes);
    }

    [Fact]
    public void NodeZoneChange_MovesInstanceCounts()
    {
        var fleet = new ModelFleet()
            .Pool("feed-pool")
            .Service("feed-api", "feed-pool", Shape(cpu: 1000, memory: 1024, maxPerZone: 1))
            .Subnet("feed-subnet", usable: 100, pools: ["feed-pool"])
            .Node("n1", "feed-pool", zone: "zone-a")
            .Node("n2", "feed-pool", zone: "zone-a");
        var instanceId = fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024);

        fleet.Node("n1", "feed-pool", zone: "zone-b");

        Assert.Equal(0, fleet.Model.ZoneCount("feed-api", "zone-a"));
        Assert.Equal(1, fleet.Model.ZoneCount("feed-api", "zone-b"));
        Assert.Equal(["n2"], NodesOf(fleet.Place("feed-api")));

        fleet.Apply("node/n1", new ReservationReleased(instanceId, "done", At));

        Assert.Equal(0, fleet.Model.ZoneCount("feed-api", "zone-a"));
        Assert.Equal(0, fleet.Model.ZoneCount("feed-api", "zone-b"));
    }

    [Fact]
    public void NodeSpecChange_PoolMove_MovesDeclaredCapacity()
    {
        var fleet = FeedPool()
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Node("n1", "feed-pool", cpu: 4000)
            .Node("n2", "shared-pool", cpu: 4000);

        fleet.Node("n1", "shared-pool", cpu: 4000);

        Assert.Equal(default, fleet.Model.Pools["feed-pool"].Declared);
        Assert.Empty(fleet.Model.Pools["feed-pool"].Nodes);
        Assert.Equal(new ResourceAmounts(8000, 16384, 0, 0), fleet.Model.Pools["shared-pool"].Declared);
        Assert.Equal(2, fleet.Model.Pools["shared-pool"].Nodes.Count);
    }

    [Fact]
    public void NodePoolMove_RecountsBorrowed()
    {
        // n1 moves from the lender into feed-api's own pool, so its feed-api reservation is no longer borrowed, and n2
        // moves the other way, so its feed-api reservation now is.
        var fleet = FeedPool()
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Subnet("shared-subnet", usable: 100, pools: ["shared-pool"])
            .Node("n1", "shared-pool", cpu: 4000, memory: 8192)
            .Node("n2", "feed-pool", cpu: 4000, memory: 8192);
        var onN1 = fleet.Reserve("n1", "feed-api", cpu: 1000, memory: 1024);
        var onN2 = fleet.Reserve("n2", "feed-api", cpu: 2000, memory: 2048);

        fleet.Node("n1", "feed-pool", cpu: 4000, memory: 8192);
        fleet.Node("n2", "shared-pool", cpu: 4000, memory: 8192);

        Assert.False(fleet.Model.Nodes["n1"].Reservations[onN1].Borrowed);
        Assert.True(fleet.Model.Nodes["n2"].Reservations[onN2].Borrowed);
        Assert.Equal(new ResourceAmounts(2000, 2048, 0, 0), fleet.Model.Pools["shared-pool"].Lent);

        fleet.Apply("node/n2", new ReservationReleased(onN2, "done", At));
        fleet.Apply("node/n1", new ReservationReleased(onN1, "done", At));

        Assert.Equal(default, fleet.Model.Pools["shared-pool"].Lent);
        Assert.Equal(default, fleet.Model.Pools["feed-pool"].Lent);
    }

    [Fact]
    public void LateService_CountsReservationsBorrowed()
    {
        // Streams load in any order, so a node's reservations can arrive before the service that owns them.
        var fleet = new ModelFleet()
            .Pool("feed-pool")
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Subnet("subnet", usable: 100, pools: ["feed-pool", "shared-pool"])
            .Node("shared-node-1", "shared-pool", cpu: 4000);
        var instanceId = fleet.Reserve("shared-node-1", "feed-api", cpu: 2000, memory: 1024);

        fleet.Service("feed-api", "feed-pool", Shape(cpu: 500, memory: 512));

        Assert.True(fleet.Model.Nodes["shared-node-1"].Reservations[instanceId].Borrowed);
        Assert.Equal(new ResourceAmounts(2000, 1024, 0, 0), fleet.Model.Pools["shared-pool"].Lent);
        Assert.Equal(PlacementDimension.LendLimit, fleet.Place("feed-api").Limit);
    }

    [Fact]
    public void ServiceMovedToLender_StopsBorrowing()
    {
        var fleet = BorrowingFleet(out var instanceId);

        fleet.Service("feed-api", "shared-pool", Shape(cpu: 1000, memory: 1024));

        Assert.False(fleet.Model.Nodes["shared-node-1"].Reservations[instanceId].Borrowed);
        Assert.Equal(default, fleet.Model.Pools["shared-pool"].Lent);
    }

    [Fact]
    public void PoolSpecifiedAfterItsNodes_NodesJoinIt()
    {
        var fleet = new ModelFleet()
            .Service("feed-api", "feed-pool", Shape(cpu: 1000, memory: 1024))
            .Subnet("feed-subnet", usable: 100, pools: ["feed-pool"])
            .Node("n1", "feed-pool", cpu: 2000)
            .Node("n2", "feed-pool", cpu: 2000);

        var before = fleet.Place("feed-api");
        fleet.Pool("feed-pool");
        var after = fleet.Place("feed-api", 4);

        Assert.Equal(PlacementDimension.NoNodes, before.Limit);
        Assert.True(after.Succeeded);
        Assert.Equal(new ResourceAmounts(4000, 16384, 0, 0), fleet.Model.Pools["feed-pool"].Declared);
    }

    [Fact]
    public void PoolSpecChange_KeepsNodesAndChangesLending()
    {
        var fleet = FeedPool()
            .Pool("shared-pool", lends: true, maxLendRatio: 1, lenderPriority: 1)
            .Subnet("shared-subnet", usable: 100, pools: ["shared-pool"])
            .Node("shared-node-1", "shared-pool", cpu: 4000);

        var lending = fleet.Place("feed-api", 4);
        fleet.Pool("shared-pool", lends: false);
        var stopped = fleet.Place("feed-api");

        Assert.True(lending.Succeeded);
        Assert.Equal(PlacementDimension.NoNodes, stopped.Limit);
        Assert.Single(fleet.Model.Pools["shared-pool"].Nodes);
    }

    [Fact]
    public void NodeRemoved_LeavesPoolAndFreesItsReservations()
    {
        var fleet = FeedPool()
            .Node("n1", "feed-pool", zone: "zone-a")
            .Node("overflow-1", "feed-pool", zone: "zone-b", provider: "private-cloud");
        fleet.Reserve("n1", "feed-api");
        fleet.Reserve("overflow-1", "feed-api");
        fleet.Reserve("overflow-1", "feed-api");
        fleet.Apply("node/overflow-1", new NodeReleaseStarted(Guid.NewGuid(), "idle", At));

        fleet.Apply("node/overflow-1", new NodeRemoved("deleted by provider", At));

        Assert.False(fleet.Model.Nodes.ContainsKey("overflow-1"));
        Assert.Equal(["n1"], fleet.Model.Pools["feed-pool"].Nodes.Select(node => node.Name));
        Assert.Equal(1, fleet.Model.ReservationCount);
        Assert.Equal(0, fleet.Model.ZoneCount("feed-api", "zone-b"));
        Assert.Equal(1, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(new ResourceAmounts(4000, 8192, 0, 0), fleet.Model.Pools["feed-pool"].Declared);
    }

    [Fact]
    public void NodeRemoved_LowersLentAndDeclared()
    {
        var fleet = BorrowingFleet(out _);

        fleet.Apply("node/shared-node-1", new NodeRemoved("decommissioned", At));

        Assert.Equal(default, fleet.Model.Pools["shared-pool"].Lent);
        Assert.Equal(default, fleet.Model.Pools["shared-pool"].Declared);
        Assert.Equal(0, fleet.Model.ReservationCount);
    }

    [Fact]
    public void SubnetMembershipChange_RechargesReservations()
    {
        var fleet = FeedPool()
            .Node("n1", "feed-pool", cpu: 64000, memory: 65536)
            .Node("n2", "feed-pool", cpu: 64000, memory: 65536);
        for (var index = 0; index < 3; index++)
        {
            fleet.Reserve("n1", "feed-api");
            fleet.Reserve("n2", "feed-api");
        }

        // A subnet listing n2 by name now comes before the pool's subnet for n2's instances.
        fleet.Subnet("n2-subnet", usable: 2, nodes: ["n2"]);

        Assert.Equal(2, fleet.Model.Subnets["n2-subnet"].Charged);
        Assert.Equal(4, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(2, fleet.Model.Nodes["n2"].Reservations.Values.Count(reservation => reservation.Subnet == "n2-subnet"));

        // The pool's subnet stops serving the pool: n1's instances are charged nowhere, and all of n2's go to the
        // only subnet serving it even beyond its addresses, because those instances already exist.
        fleet.Subnet("feed-subnet", usable: 100, pools: []);

        Assert.Equal(0, fleet.Model.Subnets["feed-subnet"].Charged);
        Assert.Equal(3, fleet.Model.Subnets["n2-subnet"].Charged);
        Assert.Equal(0, fleet.Model.Subnets["n2-subnet"].Free);
        Assert.All(fleet.Model.Nodes["n1"].Reservations.Values, reservation => Assert.Null(reservation.Subnet));
        Assert.Equal(PlacementDimension.IpAddresses, fleet.Place("feed-api").Limit);
    }

    [Fact]
    public void SameMembershipReport_KeepsCharges()
    {
        var fleet = FeedPool().Node("n1", "feed-pool", cpu: 64000, memory: 65536);
        fleet.Reserve("n1", "feed-api");
        fleet.Reserve("n1", "feed-api");

        fleet.Subnet("feed-subnet", usable: 10, taken: 7, pools: ["feed-pool"]);

        var subnet = fleet.Model.Subnets["feed-subnet"];
        Assert.Equal(2, subnet.Charged);
        Assert.Equal(7, subnet.Taken);
        Assert.Equal(3, subnet.Free);
        Assert.Equal(2, subnet.IpamVersion);
    }

    [Fact]
    public void SubnetFree_UsesLargerOfTakenAndCharged()
    {
        var subnet = new ModelSubnet("s") { Usable = 10, Taken = 3, Charged = 5 };

        Assert.Equal(5, subnet.Free);
        subnet.Taken = 12;
        Assert.Equal(0, subnet.Free);
    }

    [Fact]
    public void TakenAddresses_PlacementMatchesModel()
    {
        // Ipam's taken count already contains the addresses of existing instances, so Capacity's reservations for new
        // instances only run a subnet out once they exceed what Ipam reported taken.
        var fleet = new ModelFleet()
            .Pool("feed-pool")
            .Service("feed-api", "feed-pool", Shape(cpu: 100, memory: 100))
            .Subnet("feed-subnet", usable: 10, taken: 6, pools: ["feed-pool"])
            .Node("n1", "feed-pool", cpu: 64000, memory: 65536);

        var atOnce = fleet.Place("feed-api", 20).Placeable;
        var inventory = fleet.Inventory("feed-api").Fits;
        var oneByOne = 0;
        while (fleet.PlaceAndRecord("feed-api").Succeeded)
        {
            oneByOne++;
        }

        Assert.Equal(oneByOne, atOnce);
        Assert.Equal(oneByOne, inventory);
    }

    // feed-api borrowed 1000 millicores on shared-node-1; the subnet, zone and lending totals all hold it.
    private static ModelFleet BorrowingFleet(out Guid instanceId)
    {
        var fleet = FeedPool()
            .Pool("shared-pool", lends: true, maxLendRatio: 0.5, lenderPriority: 1)
            .Subnet("shared-subnet", usable: 10, pools: ["shared-pool"])
            .Node("shared-node-1", "shared-pool", cpu: 4000);
        instanceId = fleet.Reserve("shared-node-1", "feed-api", cpu: 1000, memory: 1024);
        Assert.True(fleet.Model.Nodes["shared-node-1"].Reservations[instanceId].Borrowed);
        Assert.Equal(new ResourceAmounts(1000, 1024, 0, 0), fleet.Model.Pools["shared-pool"].Lent);
        return fleet;
    }

    private static void AssertReservationGone(ModelFleet fleet, Guid instanceId)
    {
        var node = fleet.Model.Nodes["shared-node-1"];
        Assert.False(node.Reservations.ContainsKey(instanceId));
        Assert.Equal(default, node.Used);
        Assert.Equal(0, node.CountOf("feed-api"));
        Assert.Equal(0, fleet.Model.ZoneCount("feed-api", "zone-a"));
        Assert.Equal(0, fleet.Model.Subnets["shared-subnet"].Charged);
        Assert.Equal(default, fleet.Model.Pools["shared-pool"].Lent);
        Assert.Equal(0, fleet.Model.ReservationCount);
    }
}
