using Surge.LoadBalancer.Draining;
using Surge.LoadBalancer.ListingBackends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.Draining;

public class DrainWatchListTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid OtherSagaId = Guid.Parse("0197a000-0000-7000-8000-000000000002");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly DateTimeOffset Until = new(2025, 1, 1, 12, 0, 30, TimeSpan.Zero);

    private static BackendPoolView PoolWithDrains(params PendingDrainView[] drains) =>
        new("backend-pool/web", "web", []) { Drains = drains };

    [Fact]
    public void Synchronize_StoredDrain_WatchedAsStartedElsewhere()
    {
        var watchList = new DrainWatchList();

        watchList.Synchronize([PoolWithDrains(new PendingDrainView(SagaId, [First], Until, "correlation", "message"))]);

        var drain = Assert.Single(watchList.Snapshot());
        Assert.Equal(("web", SagaId), (drain.Service, drain.SagaId));
        Assert.False(drain.StartedHere);
        Assert.Equal(Until, drain.Until);
        Assert.Equal("correlation", drain.CorrelationId);
        Assert.Equal("message", drain.CausationId);
    }

    [Fact]
    public void Synchronize_DrainStartedHere_KeepsStartedHere()
    {
        var watchList = new DrainWatchList();
        watchList.AddStartedHere("web", new DrainStarted(SagaId, [First], Until), "correlation", "message");

        watchList.Synchronize([PoolWithDrains(new PendingDrainView(SagaId, [First], Until, "correlation", "message"))]);

        Assert.True(Assert.Single(watchList.Snapshot()).StartedHere);
    }

    [Fact]
    public void Synchronize_StartedHereNotYetStored_StaysWatched()
    {
        var watchList = new DrainWatchList();
        watchList.AddStartedHere("web", new DrainStarted(SagaId, [First], Until), "correlation", null);

        watchList.Synchronize([PoolWithDrains()]);

        Assert.Single(watchList.Snapshot());
    }

    [Fact]
    public void Synchronize_FinishedElsewhere_StopsWatching()
    {
        var watchList = new DrainWatchList();
        watchList.Synchronize([PoolWithDrains(new PendingDrainView(OtherSagaId, [First], Until, null, null))]);

        watchList.Synchronize([PoolWithDrains()]);

        Assert.Empty(watchList.Snapshot());
    }

    [Fact]
    public void AddStartedHere_WithoutCorrelation_UsesSagaId()
    {
        var watchList = new DrainWatchList();

        watchList.AddStartedHere("web", new DrainStarted(SagaId, [First], Until), null, null);

        Assert.Equal(SagaId.ToString("N"), Assert.Single(watchList.Snapshot()).CorrelationId);
    }
}
