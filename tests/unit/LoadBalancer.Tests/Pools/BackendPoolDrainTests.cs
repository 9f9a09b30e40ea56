using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.Pools;

public class BackendPoolDrainTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid OtherSagaId = Guid.Parse("0197a000-0000-7000-8000-000000000002");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");
    private static readonly Guid Stranger = Guid.Parse("0197a000-0000-7000-8000-0000000000f1");
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly BackendAdded FirstAdded = new(First, "http://127.0.0.1:6101", SagaId);
    private static readonly BackendAdded SecondAdded = new(Second, "http://127.0.0.1:6102", SagaId);

    private static BackendPool Given(params object[] events) => events.Aggregate(BackendPool.Empty, BackendPool.Evolve);

    private static BackendPool Apply(BackendPool pool, IEnumerable<object> events) => events.Aggregate(pool, BackendPool.Evolve);

    [Fact]
    public void Drain_Member_StartsDrainUntilTimeout()
    {
        var pool = Given(FirstAdded, SecondAdded);

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [First], Timeout), Now);

        var started = Assert.IsType<DrainStarted>(Assert.Single(events));
        Assert.Equal(SagaId, started.SagaId);
        Assert.Equal([First], started.InstanceIds);
        Assert.Equal(Now + Timeout, started.Until);
    }

    [Fact]
    public void Drain_Member_IsDrainingAndStaysMember()
    {
        var pool = Given(FirstAdded, SecondAdded);

        var after = Apply(pool, BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [First], Timeout), Now));

        Assert.True(after.IsDraining(First));
        Assert.False(after.IsDraining(Second));
        Assert.True(after.Endpoints.ContainsKey(First));
    }

    [Fact]
    public void Drain_MemberAndStranger_RecordsBothForReply()
    {
        var pool = Given(FirstAdded);

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [First, Stranger, First], Timeout), Now);

        var started = Assert.IsType<DrainStarted>(Assert.Single(events));
        Assert.Equal([First, Stranger], started.InstanceIds);
    }

    [Fact]
    public void Drain_NoMember_NoEvent()
    {
        var pool = Given(FirstAdded);

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [Stranger], Timeout), Now);

        Assert.Empty(events);
        Assert.False(Apply(pool, events).Drains.ContainsKey(SagaId));
    }

    [Fact]
    public void Drain_RepeatedWhileDraining_NoEvent()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [First], Timeout), Now.AddSeconds(5));

        Assert.Empty(events);
        Assert.Equal(Now + Timeout, pool.Drains[SagaId].Until);
    }

    [Fact]
    public void Drain_RepeatedAfterFinished_NoEvent()
    {
        var pool = Given(
            FirstAdded,
            new DrainStarted(SagaId, [First], Now + Timeout),
            new BackendRemoved(First, "drained"),
            new DrainFinished(SagaId, DeadlinePassed: false));

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [First], Timeout), Now.AddMinutes(1));

        Assert.Empty(events);
        Assert.Empty(pool.Drains);
    }

    [Fact]
    public void Drain_SameSagaMoreInstances_ExtendsDrain()
    {
        var pool = Given(FirstAdded, SecondAdded, new DrainStarted(SagaId, [First], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(SagaId, "web", [First, Second], Timeout), Now.AddSeconds(10));

        var started = Assert.IsType<DrainStarted>(Assert.Single(events));
        Assert.Equal([Second], started.InstanceIds);
        Assert.Equal(Now.AddSeconds(10) + Timeout, started.Until);
        var drain = Apply(pool, events).Drains[SagaId];
        Assert.Equal([First, Second], drain.InstanceIds);
        Assert.Equal(Now.AddSeconds(10) + Timeout, drain.Until);
    }

    [Fact]
    public void Drain_OtherSagaSameMember_StartsOwnDrain()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new DrainBackends(OtherSagaId, "web", [First], Timeout), Now);

        var started = Assert.IsType<DrainStarted>(Assert.Single(events));
        Assert.Equal(OtherSagaId, started.SagaId);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(90, 90)]
    [InlineData(600, 600)]
    [InlineData(3600, 600)]
    public void Drain_Timeout_DeadlineWithinTenMinutes(int timeoutSeconds, int expectedSeconds)
    {
        var events = BackendPoolDecider.Decide(Given(FirstAdded), new DrainBackends(SagaId, "web", [First], TimeSpan.FromSeconds(timeoutSeconds)), Now);

        var started = Assert.IsType<DrainStarted>(Assert.Single(events));
        Assert.Equal(Now.AddSeconds(expectedSeconds), started.Until);
    }

    [Fact]
    public void FinishDrain_Drained_RemovesMembersThenFinishes()
    {
        var pool = Given(FirstAdded, SecondAdded, new DrainStarted(SagaId, [First, Stranger], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new FinishDrain(SagaId, DeadlinePassed: false));

        Assert.Equal(2, events.Count);
        var removed = Assert.IsType<BackendRemoved>(events[0]);
        Assert.Equal(First, removed.InstanceId);
        Assert.Contains("no requests were in flight", removed.Reason);
        Assert.Equal(new DrainFinished(SagaId, DeadlinePassed: false), events[1]);

        var after = Apply(pool, events);
        Assert.Equal([Second], after.Endpoints.Keys);
        Assert.Empty(after.Drains);
    }

    [Fact]
    public void FinishDrain_DeadlinePassed_ReasonNamesDeadline()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new FinishDrain(SagaId, DeadlinePassed: true));

        var removed = Assert.IsType<BackendRemoved>(events[0]);
        Assert.Contains((Now + Timeout).ToString("O"), removed.Reason);
        Assert.Equal(new DrainFinished(SagaId, DeadlinePassed: true), events[1]);
    }

    [Fact]
    public void FinishDrain_Repeated_NoEvent()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout));
        var finished = Apply(pool, BackendPoolDecider.Decide(pool, new FinishDrain(SagaId, DeadlinePassed: false)));

        var events = BackendPoolDecider.Decide(finished, new FinishDrain(SagaId, DeadlinePassed: false));

        Assert.Empty(events);
    }

    [Fact]
    public void Deregister_DrainingBackend_RemovesIt()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new DeregisterBackends(OtherSagaId, "web", [First], "rollback"));

        Assert.Equal([new BackendRemoved(First, "rollback")], events);
        Assert.False(Apply(pool, events).IsDraining(First));
    }

    [Fact]
    public void FinishDrain_AfterDeregister_OnlyFinishes()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout), new BackendRemoved(First, "rollback"));

        var events = BackendPoolDecider.Decide(pool, new FinishDrain(SagaId, DeadlinePassed: false));

        Assert.Equal([new DrainFinished(SagaId, DeadlinePassed: false)], events);
    }

    [Fact]
    public void Register_DrainingMemberSameEndpoint_StaysDraining()
    {
        var pool = Given(FirstAdded, new DrainStarted(SagaId, [First], Now + Timeout));

        var events = BackendPoolDecider.Decide(pool, new RegisterBackends(OtherSagaId, "web", [new Backend(First, "http://127.0.0.1:6101")]));

        Assert.Empty(events);
        Assert.True(pool.IsDraining(First));
    }
}
