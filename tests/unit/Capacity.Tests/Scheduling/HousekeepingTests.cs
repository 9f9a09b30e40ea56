using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using static Surge.Capacity.Tests.Scheduling.ModelFleet;

namespace Surge.Capacity.Tests.Scheduling;

/// <summary>Which reservations have expired and which overflow nodes have been idle long enough to give back.</summary>
public sealed class HousekeepingTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    [Fact]
    public void ExpiredReservations_OnlyUncommittedOnesPastTheirExpiry()
    {
        var fleet = new ModelFleet().Pool("pool").Service("svc", "pool").Node("node-a", "pool", zone: "zone-a", cpu: 4000);
        var expired = fleet.Reserve("node-a", "svc", expiresAt: At.AddMinutes(1));
        var later = fleet.Reserve("node-a", "svc", expiresAt: At.AddMinutes(30));
        var committed = fleet.Reserve("node-a", "svc", expiresAt: At.AddMinutes(1));
        fleet.Apply("node/node-a", new ReservationCommitted(committed, At));
        fleet.Reserve("node-a", "svc");

        Assert.Equal([("node-a", expired)], fleet.Model.ExpiredReservations(At.AddMinutes(1)));
        Assert.Empty(fleet.Model.ExpiredReservations(At));
        Assert.Equal(2, fleet.Model.ExpiredReservations(At.AddHours(1)).Count);
        Assert.Contains(("node-a", later), fleet.Model.ExpiredReservations(At.AddHours(1)));
    }

    [Fact]
    public void IdleOverflowNodes_EmptyLongEnough_AreDue()
    {
        var model = new CapacityModel();
        model.Apply("pool/pool", 1, new PoolSpecified("pool", new PoolSpec()), At);
        model.Apply("node/cloud-1", 1, new NodeSpecified("cloud-1", new NodeSpec("pool", "zone-a", null, 2000, 4096, Provider: "private-cloud")), At);
        model.Apply("node/declared-1", 1, new NodeSpecified("declared-1", new NodeSpec("pool", "zone-a", null, 2000, 4096)), At);

        Assert.Empty(model.IdleOverflowNodes(At + Idle - TimeSpan.FromSeconds(1), Idle));
        Assert.Equal([("cloud-1", "private-cloud")], model.IdleOverflowNodes(At + Idle, Idle));
    }

    [Fact]
    public void IdleOverflowNodes_CountFromLastRelease()
    {
        var model = new CapacityModel();
        var instance = Guid.CreateVersion7();
        model.Apply("pool/pool", 1, new PoolSpecified("pool", new PoolSpec()), At);
        model.Apply("node/cloud-1", 1, new NodeSpecified("cloud-1", new NodeSpec("pool", "zone-a", null, 2000, 4096, Provider: "public-cloud")), At);
        model.Apply("node/cloud-1", 2, new NodeResourcesReserved(instance, Saga, "svc", 500, 512, At.AddMinutes(1)), At.AddMinutes(1));

        Assert.Empty(model.IdleOverflowNodes(At.AddHours(1), Idle));

        model.Apply("node/cloud-1", 3, new ReservationReleased(instance, "scaled in", At.AddMinutes(20)), At.AddMinutes(20));

        Assert.Empty(model.IdleOverflowNodes(At.AddMinutes(29), Idle));
        Assert.Single(model.IdleOverflowNodes(At.AddMinutes(30), Idle));
    }

    [Fact]
    public void IdleOverflowNodes_Releasing_NotDue()
    {
        var model = new CapacityModel();
        model.Apply("pool/pool", 1, new PoolSpecified("pool", new PoolSpec()), At);
        model.Apply("node/cloud-1", 1, new NodeSpecified("cloud-1", new NodeSpec("pool", "zone-a", null, 2000, 4096, Provider: "public-cloud")), At);
        model.Apply("node/cloud-1", 2, new NodeReleaseStarted(Guid.CreateVersion7(), "idle", At.AddHours(1)), At.AddHours(1));

        Assert.Empty(model.IdleOverflowNodes(At.AddHours(2), Idle));
    }
}
