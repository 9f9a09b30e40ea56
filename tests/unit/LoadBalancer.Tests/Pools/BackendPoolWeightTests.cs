using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.Pools;

public class BackendPoolWeightTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");
    private static readonly Guid Stranger = Guid.Parse("0197a000-0000-7000-8000-0000000000f1");
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly BackendAdded FirstAdded = new(First, "http://127.0.0.1:6101", SagaId);
    private static readonly BackendAdded SecondAdded = new(Second, "http://127.0.0.1:6102", SagaId);

    private static BackendPool Given(params object[] events) => events.Aggregate(BackendPool.Empty, BackendPool.Evolve);

    private static BackendPool Apply(BackendPool pool, IEnumerable<object> events) => events.Aggregate(pool, BackendPool.Evolve);

    private static SetBackendWeights Weights(int weight, params Guid[] instanceIds) => new(SagaId, "web", instanceIds, weight, Timeout);

    [Fact]
    public void SetWeight_Zero_StartsKeepingDrain()
    {
        var events = BackendPoolDecider.Decide(Given(FirstAdded, SecondAdded), Weights(0, First), Now);

        Assert.Equal(2, events.Count);
        Assert.Equal(new BackendWeightChanged(First, 0, SagaId), events[0]);
        var started = Assert.IsType<DrainStarted>(events[1]);
        Assert.True(started.KeepMembers);
        Assert.Equal(Now + Timeout, started.Until);
        Assert.Equal([First], started.InstanceIds);
    }

    [Fact]
    public void SetWeight_Zero_NeverAddsOrRemovesMembers()
    {
        var pool = Given(FirstAdded, SecondAdded);

        var events = BackendPoolDecider.Decide(pool, Weights(0, First, Stranger), Now);

        Assert.DoesNotContain(events, @event => @event is BackendAdded or BackendRemoved);
        var after = Apply(pool, events);
        Assert.Equal(0, after.WeightOf(First));
        Assert.Null(after.WeightOf(Stranger));
        Assert.True(after.IsDraining(First));
    }

    [Fact]
    public void SetWeight_Zero_Redelivered_CausesNothing()
    {
        var pool = Given(FirstAdded, SecondAdded);
        var after = Apply(pool, BackendPoolDecider.Decide(pool, Weights(0, First), Now));

        Assert.Empty(BackendPoolDecider.Decide(after, Weights(0, First), Now.AddSeconds(1)));
    }

    [Fact]
    public void SetWeight_OnlyStrangers_NoDrain()
    {
        Assert.Empty(BackendPoolDecider.Decide(Given(FirstAdded), Weights(0, Stranger), Now));
    }

    [Fact]
    public void SetWeight_Restore_ChangesWeightOnly()
    {
        var pool = Given(FirstAdded, new BackendWeightChanged(First, 0, SagaId));

        var events = BackendPoolDecider.Decide(pool, Weights(1, First), Now);

        Assert.Equal(new BackendWeightChanged(First, 1, SagaId), Assert.Single(events));
        Assert.Equal(1, Apply(pool, events).WeightOf(First));
    }

    [Fact]
    public void SetWeight_SameWeight_CausesNothing()
    {
        Assert.Empty(BackendPoolDecider.Decide(Given(FirstAdded), Weights(1, First), Now));
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(5000, 1000)]
    public void SetWeight_OutOfRange_IsClamped(int requested, int expected)
    {
        var events = BackendPoolDecider.Decide(Given(FirstAdded), Weights(requested, First), Now);

        Assert.Equal(new BackendWeightChanged(First, expected, SagaId), events[0]);
    }

    [Fact]
    public void FinishDrain_KeepingMembers_RemovesNobody()
    {
        var pool = Given(FirstAdded, new BackendWeightChanged(First, 0, SagaId), new DrainStarted(SagaId, [First], Now, KeepMembers: true));

        var events = BackendPoolDecider.Decide(pool, new FinishDrain(SagaId, DeadlinePassed: false));

        Assert.Equal(new DrainFinished(SagaId, false), Assert.Single(events));
        var after = Apply(pool, events);
        Assert.Equal(0, after.WeightOf(First));
        Assert.False(after.IsDraining(First));
    }

    [Fact]
    public void Evolve_WeightOfStranger_IsIgnored()
    {
        var pool = Given(FirstAdded, new BackendWeightChanged(Stranger, 0, SagaId));

        Assert.Null(pool.WeightOf(Stranger));
        Assert.Equal(BackendWeightLimits.Default, pool.WeightOf(First));
    }

    [Fact]
    public void Evolve_AddedAgain_RegisteredWeight()
    {
        var pool = Given(FirstAdded, new BackendWeightChanged(First, 0, SagaId), new BackendRemoved(First, "gone"), FirstAdded);

        Assert.Equal(1, pool.WeightOf(First));
    }
}
