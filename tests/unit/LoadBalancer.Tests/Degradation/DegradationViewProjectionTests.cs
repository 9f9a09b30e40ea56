using JasperFx.Events;
using Surge.Contracts.Degradation;
using Surge.LoadBalancer.Degradation;

namespace Surge.LoadBalancer.Tests.Degradation;

public class DegradationViewProjectionTests
{
    private static readonly Guid First = Guid.Parse("0197b000-0000-7000-8000-000000000011");
    private static readonly Guid Second = Guid.Parse("0197b000-0000-7000-8000-000000000012");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static DegradationView? Project(params object[] events)
    {
        var projection = new DegradationViewProjection();
        DegradationView? view = null;
        var key = DegradationStream.Key("feed");
        foreach (var (data, index) in events.Select((data, index) => (data, index)))
        {
            var e = new Event<object>(data) { StreamKey = key, Timestamp = At.AddSeconds(index) };
            view = projection.Evolve(view, key, e);
        }

        return view;
    }

    [Fact]
    public void Evolve_TwoHolders_UnionOfRoutesAndLongestRetryAfter()
    {
        var view = Project(
            new DegradationSwitchedOn(First, [new NonCriticalRoute("/a", [])], TimeSpan.FromSeconds(30), "first"),
            new DegradationSwitchedOn(Second, [new NonCriticalRoute("/a", []), new NonCriticalRoute("/b", ["GET"])], TimeSpan.FromSeconds(90), "second"));

        Assert.NotNull(view);
        Assert.True(view.On);
        Assert.Equal("feed", view.Service);
        Assert.Equal(["/a", "/b"], view.NonCriticalRoutes.Select(route => route.PathPrefix));
        Assert.Equal(90, view.RetryAfterSeconds);
        Assert.Equal(At.AddSeconds(1), view.ChangedAt);
    }

    [Fact]
    public void Evolve_LastHolderOff_IsOff()
    {
        var view = Project(
            new DegradationSwitchedOn(First, [new NonCriticalRoute("/a", [])], TimeSpan.FromSeconds(30), "first"),
            new DegradationSwitchedOff(First, "done"));

        Assert.NotNull(view);
        Assert.False(view.On);
        Assert.Empty(view.Holders);
        Assert.Equal(0, view.RetryAfterSeconds);
    }

    [Fact]
    public void Evolve_PoolStream_Ignored()
    {
        var key = Surge.LoadBalancer.Pools.BackendPoolStream.Key("feed");
        var e = new Event<object>(new Surge.LoadBalancer.Pools.BackendAdded(First, "http://127.0.0.1:6101", First)) { StreamKey = key, Timestamp = At };

        Assert.Null(new DegradationViewProjection().Evolve(null, key, e));
        Assert.Null(new Surge.LoadBalancer.ListingBackends.BackendPoolProjection().Evolve(null, DegradationStream.Key("feed"),
            new Event<object>(new DegradationSwitchedOff(First, "done")) { StreamKey = DegradationStream.Key("feed"), Timestamp = At }));
    }
}
