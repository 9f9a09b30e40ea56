using Surge.Capacity.Nodes;

namespace Surge.Capacity.Tests.ScaleIn;

public sealed class ReservationMarkTests
{
    private const string Key = "node/feed-node-1";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ScaleOut = Guid.Parse("0195d000-0000-7000-8000-000000000001");
    private static readonly Guid ScaleIn = Guid.Parse("0195d000-0000-7000-8000-000000000002");
    private static readonly Guid OtherScaleIn = Guid.Parse("0195d000-0000-7000-8000-000000000003");
    private static readonly Guid Instance = Guid.Parse("0195d000-0000-7000-8000-0000000000a1");

    private static Reservation Single(params object[] events)
    {
        object[] history = [new NodeSpecified("feed-node-1", new NodeSpec("feed-pool", "zone-a", null, 4000, 8192)),
            new NodeResourcesReserved(Instance, ScaleOut, "feed-api", 500, 512, At), new ReservationCommitted(Instance, At), .. events];
        var node = history.Aggregate((NodeView?)null, (view, e) => NodeEvolution.Evolve(view, Key, e));
        return Assert.Single(node!.Reservations);
    }

    [Fact]
    public void Evolve_Reserved_RecordsReservationTime()
    {
        Assert.Equal(At, Single().ReservedAt);
    }

    [Fact]
    public void Evolve_ReleaseStarted_MarksWithSaga()
    {
        Assert.Equal(ScaleIn, Single(new ReservationReleaseStarted(Instance, ScaleIn, At)).ReleasingSagaId);
    }

    [Fact]
    public void Evolve_ReleaseCancelledBySameSaga_Unmarks()
    {
        var reservation = Single(new ReservationReleaseStarted(Instance, ScaleIn, At), new ReservationReleaseCancelled(Instance, ScaleIn, At));

        Assert.Null(reservation.ReleasingSagaId);
        Assert.True(reservation.Committed);
    }

    [Fact]
    public void Evolve_ReleaseCancelledByOtherSaga_KeepsMark()
    {
        var reservation = Single(new ReservationReleaseStarted(Instance, ScaleIn, At), new ReservationReleaseCancelled(Instance, OtherScaleIn, At));

        Assert.Equal(ScaleIn, reservation.ReleasingSagaId);
    }
}
