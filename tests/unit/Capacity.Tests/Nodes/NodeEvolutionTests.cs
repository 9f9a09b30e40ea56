using Surge.Capacity.Nodes;

namespace Surge.Capacity.Tests.Nodes;

public sealed class NodeEvolutionTests
{
    private const string Key = "node/feed-node-1";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Saga = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0195a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0195a000-0000-7000-8000-0000000000a2");
    private static readonly NodeSpec Spec = new("feed-pool", "zone-a", "rack-a1", 4000, 8192);

    private static NodeView? Given(params object[] events) =>
        events.Aggregate((NodeView?)null, (node, e) => NodeEvolution.Evolve(node, Key, e));

    private static NodeResourcesReserved Reserve(Guid instanceId, int cpu = 500, int memory = 512) =>
        new(instanceId, Saga, "feed-api", cpu, memory, At);

    [Fact]
    public void Evolve_Specified_CreatesNodeWithoutReservations()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec));

        Assert.NotNull(node);
        Assert.Equal(Key, node.Id);
        Assert.Equal("feed-node-1", node.Name);
        Assert.Equal(Spec, node.Spec);
        Assert.Empty(node.Reservations);
        Assert.Equal(4000, node.FreeCpuMillicores);
        Assert.Equal(8192, node.FreeMemoryMiB);
    }

    [Fact]
    public void Evolve_Reserved_HoldsUncommittedReservation()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First));

        var reservation = Assert.Single(node!.Reservations);
        Assert.Equal(new Reservation(First, Saga, "feed-api", 500, 512, Committed: false, ReservedAt: At), reservation);
        Assert.Equal(3500, node.FreeCpuMillicores);
        Assert.Equal(7680, node.FreeMemoryMiB);
    }

    [Fact]
    public void Evolve_SameInstanceReservedTwice_HoldsOneReservation()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), Reserve(First, cpu: 1000));

        var reservation = Assert.Single(node!.Reservations);
        Assert.Equal(1000, reservation.CpuMillicores);
        Assert.Equal(3000, node.FreeCpuMillicores);
    }

    [Fact]
    public void Evolve_Committed_MarksOnlyThatReservation()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), Reserve(Second), new ReservationCommitted(First, At));

        Assert.Equal([(First, true), (Second, false)], node!.Reservations.Select(r => (r.InstanceId, r.Committed)));
        Assert.Equal(3000, node.FreeCpuMillicores);
    }

    [Fact]
    public void Evolve_Released_FreesOnlyThatReservation()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), Reserve(Second), new ReservationReleased(First, "saga failed", At));

        Assert.Equal([Second], node!.Reservations.Select(r => r.InstanceId));
        Assert.Equal(3500, node.FreeCpuMillicores);
    }

    [Fact]
    public void Evolve_ReleaseOfUnknownInstance_ChangesNothing()
    {
        var before = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First))!;

        var after = NodeEvolution.Evolve(before, Key, new ReservationReleased(Second, "never reserved", At));

        Assert.Equal(before.Reservations, after!.Reservations);
    }

    [Fact]
    public void Evolve_Respecified_KeepsReservations()
    {
        var bigger = Spec with { CpuMillicores = 8000, AcceptsInstances = false };

        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), new NodeSpecified("feed-node-1", bigger));

        Assert.Equal(bigger, node!.Spec);
        Assert.Equal([First], node.Reservations.Select(r => r.InstanceId));
        Assert.Equal(7500, node.FreeCpuMillicores);
    }

    [Fact]
    public void Evolve_ReservationBeforeSpec_LeavesNoNode()
    {
        var node = Given(Reserve(First));

        Assert.Null(node);
    }

    [Fact]
    public void Evolve_Expired_RemovesOnlyThatReservation()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), Reserve(Second), new ReservationExpired(First, Saga, At, At.AddMinutes(1)));

        Assert.Equal([Second], node!.Reservations.Select(r => r.InstanceId));
        Assert.Equal(3500, node.FreeCpuMillicores);
        Assert.Equal(7680, node.FreeMemoryMiB);
    }

    [Fact]
    public void Evolve_ExpiryOfUnknownInstance_ChangesNothing()
    {
        var before = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First))!;

        var after = NodeEvolution.Evolve(before, Key, new ReservationExpired(Second, Saga, At, At));

        Assert.Equal(before.Reservations, after!.Reservations);
    }

    [Fact]
    public void Evolve_ReservedWithExpiry_KeepsAllFields()
    {
        var expires = At.AddHours(1);

        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First) with { DiskGiB = 20, SwapMiB = 256, ExpiresAt = expires });

        var reservation = Assert.Single(node!.Reservations);
        Assert.Equal(expires, reservation.ExpiresAt);
        Assert.Equal(20, reservation.DiskGiB);
        Assert.Equal(256, reservation.SwapMiB);
        Assert.False(reservation.Committed);
    }

    [Fact]
    public void Evolve_Committed_ClearsExpiry()
    {
        var expires = At.AddHours(1);

        var node = Given(
            new NodeSpecified("feed-node-1", Spec),
            Reserve(First) with { ExpiresAt = expires },
            Reserve(Second) with { ExpiresAt = expires },
            new ReservationCommitted(First, At));

        Assert.Equal([(First, true, (DateTimeOffset?)null), (Second, false, expires)], node!.Reservations.Select(r => (r.InstanceId, r.Committed, r.ExpiresAt)));
    }

    [Fact]
    public void Evolve_ReleaseStarted_SetsReleaseRequestId()
    {
        var request = Guid.Parse("0195a000-0000-7000-8000-0000000000c1");

        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), new NodeReleaseStarted(request, "idle for 10 minutes", At));

        Assert.Equal(request, node!.ReleaseRequestId);
        Assert.Equal([First], node.Reservations.Select(r => r.InstanceId));
    }

    [Fact]
    public void Evolve_RespecifiedDuringRelease_KeepsReleaseRequestId()
    {
        var request = Guid.Parse("0195a000-0000-7000-8000-0000000000c1");

        var node = Given(
            new NodeSpecified("feed-node-1", Spec),
            new NodeReleaseStarted(request, "idle for 10 minutes", At),
            new NodeSpecified("feed-node-1", Spec with { AcceptsInstances = false }));

        Assert.Equal(request, node!.ReleaseRequestId);
        Assert.False(node.Spec.AcceptsInstances);
    }

    [Fact]
    public void Evolve_Removed_LeavesNoNode()
    {
        var node = Given(new NodeSpecified("feed-node-1", Spec), Reserve(First), new NodeRemoved("deleted by private-cloud", At));

        Assert.Null(node);
    }

    [Fact]
    public void Evolve_SpecifiedAfterRemoval_StartsEmpty()
    {
        var node = Given(
            new NodeSpecified("feed-node-1", Spec),
            Reserve(First),
            new NodeReleaseStarted(Guid.Parse("0195a000-0000-7000-8000-0000000000c1"), "idle", At),
            new NodeRemoved("deleted by private-cloud", At),
            new NodeSpecified("feed-node-1", Spec));

        Assert.NotNull(node);
        Assert.Empty(node.Reservations);
        Assert.Null(node.ReleaseRequestId);
    }

    [Fact]
    public void Evolve_ReleaseStartedBeforeSpec_LeavesNoNode()
    {
        var node = Given(new NodeReleaseStarted(Guid.Parse("0195a000-0000-7000-8000-0000000000c1"), "idle", At));

        Assert.Null(node);
    }
}
