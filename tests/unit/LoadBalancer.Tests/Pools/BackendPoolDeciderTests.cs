using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.Pools;

public class BackendPoolDeciderTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");

    private static BackendPool Given(params object[] events) => events.Aggregate(BackendPool.Empty, BackendPool.Evolve);

    [Fact]
    public void Register_NewBackends_AddsEach()
    {
        var pool = Given();

        var events = BackendPoolDecider.Decide(pool, new RegisterBackends(SagaId, "web", [
            new Backend(First, "http://127.0.0.1:6101"),
            new Backend(Second, "http://127.0.0.1:6102"),
        ]));

        Assert.Equal(
            [new BackendAdded(First, "http://127.0.0.1:6101", SagaId), new BackendAdded(Second, "http://127.0.0.1:6102", SagaId)],
            events);
    }

    [Fact]
    public void Register_NewBackend_HasWeightOne()
    {
        var events = BackendPoolDecider.Decide(Given(), new RegisterBackends(SagaId, "web", [new Backend(First, "http://127.0.0.1:6101")]));

        var added = Assert.IsType<BackendAdded>(Assert.Single(events));
        Assert.Equal(1, added.Weight);
    }

    [Fact]
    public void Register_SameInstanceAndEndpoint_AddsNothing()
    {
        var pool = Given(new BackendAdded(First, "http://127.0.0.1:6101", SagaId));

        var events = BackendPoolDecider.Decide(pool, new RegisterBackends(SagaId, "web", [new Backend(First, "http://127.0.0.1:6101")]));

        Assert.Empty(events);
    }

    [Fact]
    public void Register_SameInstanceNewEndpoint_RemovesThenAdds()
    {
        var pool = Given(new BackendAdded(First, "http://127.0.0.1:6101", SagaId));

        var events = BackendPoolDecider.Decide(pool, new RegisterBackends(SagaId, "web", [new Backend(First, "http://127.0.0.1:6109")]));

        Assert.Equal(2, events.Count);
        var removed = Assert.IsType<BackendRemoved>(events[0]);
        Assert.Equal(First, removed.InstanceId);
        Assert.Contains("http://127.0.0.1:6109", removed.Reason);
        Assert.Equal(new BackendAdded(First, "http://127.0.0.1:6109", SagaId), events[1]);
    }

    [Fact]
    public void Register_InstanceListedTwice_AddsOnce()
    {
        var events = BackendPoolDecider.Decide(Given(), new RegisterBackends(SagaId, "web", [
            new Backend(First, "http://127.0.0.1:6101"),
            new Backend(First, "http://127.0.0.1:6101"),
        ]));

        Assert.Equal([new BackendAdded(First, "http://127.0.0.1:6101", SagaId)], events);
    }

    [Fact]
    public void Register_OneKnownOneNew_AddsOnlyNew()
    {
        var pool = Given(new BackendAdded(First, "http://127.0.0.1:6101", SagaId));

        var events = BackendPoolDecider.Decide(pool, new RegisterBackends(SagaId, "web", [
            new Backend(First, "http://127.0.0.1:6101"),
            new Backend(Second, "http://127.0.0.1:6102"),
        ]));

        Assert.Equal([new BackendAdded(Second, "http://127.0.0.1:6102", SagaId)], events);
    }

    [Fact]
    public void Deregister_Member_RemovesWithReason()
    {
        var pool = Given(new BackendAdded(First, "http://127.0.0.1:6101", SagaId), new BackendAdded(Second, "http://127.0.0.1:6102", SagaId));

        var events = BackendPoolDecider.Decide(pool, new DeregisterBackends(SagaId, "web", [First], "scale-in"));

        Assert.Equal([new BackendRemoved(First, "scale-in")], events);
    }

    [Fact]
    public void Deregister_NonMember_RemovesNothing()
    {
        var pool = Given(new BackendAdded(First, "http://127.0.0.1:6101", SagaId), new BackendRemoved(First, "scale-in"));

        var events = BackendPoolDecider.Decide(pool, new DeregisterBackends(SagaId, "web", [First, Second], "scale-in"));

        Assert.Empty(events);
    }

    [Fact]
    public void Deregister_InstanceListedTwice_RemovesOnce()
    {
        var pool = Given(new BackendAdded(First, "http://127.0.0.1:6101", SagaId));

        var events = BackendPoolDecider.Decide(pool, new DeregisterBackends(SagaId, "web", [First, First], "rollback"));

        Assert.Equal([new BackendRemoved(First, "rollback")], events);
    }

    [Fact]
    public void Evolve_AddedThenRemoved_LeavesOtherMembers()
    {
        var pool = Given(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new BackendAdded(Second, "http://127.0.0.1:6102", SagaId),
            new BackendRemoved(First, "scale-in"));

        Assert.Equal(Second, Assert.Single(pool.Endpoints).Key);
        Assert.Equal("http://127.0.0.1:6102", pool.Endpoints[Second]);
    }
}
