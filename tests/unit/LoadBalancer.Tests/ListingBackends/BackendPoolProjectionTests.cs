using JasperFx.Events;
using Surge.LoadBalancer.ListingBackends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.ListingBackends;

public class BackendPoolProjectionTests
{
    private const string StreamKey = "backend-pool/web";
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static BackendPoolView? Project(params object[] events)
    {
        var projection = new BackendPoolProjection();
        BackendPoolView? view = null;
        for (var i = 0; i < events.Length; i++)
        {
            var stored = new Event<object>(events[i])
            {
                StreamKey = StreamKey,
                Timestamp = Start.AddSeconds(i),
                CorrelationId = "correlation",
                CausationId = $"message-{i}",
            };
            view = projection.Evolve(view, StreamKey, stored);
        }

        return view;
    }

    [Fact]
    public void Evolve_FirstBackend_NamesServiceFromStreamKey()
    {
        var view = Project(new BackendAdded(First, "http://127.0.0.1:6101", SagaId));

        Assert.NotNull(view);
        Assert.Equal(StreamKey, view.Id);
        Assert.Equal("web", view.Service);
        Assert.Equal([new PoolMemberView(First, "http://127.0.0.1:6101", 1, SagaId, Start)], view.Backends);
    }

    [Fact]
    public void Evolve_Removed_DropsOnlyThatBackend()
    {
        var view = Project(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new BackendAdded(Second, "http://127.0.0.1:6102", SagaId),
            new BackendRemoved(First, "scale-in"));

        Assert.NotNull(view);
        Assert.Equal([Second], view.Backends.Select(member => member.InstanceId));
    }

    [Fact]
    public void Evolve_ReAdded_OneEntry()
    {
        var view = Project(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new BackendRemoved(First, "Endpoint changed."),
            new BackendAdded(First, "http://127.0.0.1:6109", SagaId));

        Assert.NotNull(view);
        var member = Assert.Single(view.Backends);
        Assert.Equal("http://127.0.0.1:6109", member.Endpoint);
        Assert.Equal(Start.AddSeconds(2), member.AddedAt);
    }

    [Fact]
    public void Evolve_DrainStarted_MarksMemberDraining()
    {
        var until = Start.AddMinutes(1);

        var view = Project(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new BackendAdded(Second, "http://127.0.0.1:6102", SagaId),
            new DrainStarted(SagaId, [First], until));

        Assert.NotNull(view);
        Assert.Equal(until, view.Backends.Single(member => member.InstanceId == First).DrainingUntil);
        Assert.Null(view.Backends.Single(member => member.InstanceId == Second).DrainingUntil);
        var drain = Assert.Single(view.Drains);
        Assert.Equal(SagaId, drain.SagaId);
        Assert.Equal([First], drain.InstanceIds);
        Assert.Equal("correlation", drain.CorrelationId);
        Assert.Equal("message-2", drain.CausationId);
    }

    [Fact]
    public void Evolve_DrainStartedAgain_ExtendsAndKeepsCausation()
    {
        var view = Project(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new BackendAdded(Second, "http://127.0.0.1:6102", SagaId),
            new DrainStarted(SagaId, [First], Start.AddMinutes(1)),
            new DrainStarted(SagaId, [Second], Start.AddMinutes(2)));

        Assert.NotNull(view);
        var drain = Assert.Single(view.Drains);
        Assert.Equal([First, Second], drain.InstanceIds);
        Assert.Equal(Start.AddMinutes(2), drain.Until);
        Assert.Equal("message-2", drain.CausationId);
        Assert.All(view.Backends, member => Assert.NotNull(member.DrainingUntil));
    }

    [Fact]
    public void Evolve_DrainFinished_ClearsDrain()
    {
        var view = Project(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new DrainStarted(SagaId, [First], Start.AddMinutes(1)),
            new BackendRemoved(First, "drained"),
            new DrainFinished(SagaId, DeadlinePassed: false));

        Assert.NotNull(view);
        Assert.Empty(view.Backends);
        Assert.Empty(view.Drains);
    }

    [Fact]
    public void Project_WeightChanged_KeepsMemberWithNewWeight()
    {
        var view = Project(new BackendAdded(First, "http://127.0.0.1:6101", SagaId), new BackendWeightChanged(First, 0, SagaId))!;

        var member = Assert.Single(view.Backends);
        Assert.Equal(0, member.Weight);
        Assert.Equal("http://127.0.0.1:6101", member.Endpoint);
    }

    [Fact]
    public void Project_DrainKeepingMembers_RecordsItsKind()
    {
        var view = Project(
            new BackendAdded(First, "http://127.0.0.1:6101", SagaId),
            new DrainStarted(SagaId, [First], Start.AddMinutes(1), KeepMembers: true))!;

        Assert.True(Assert.Single(view.Drains).KeepMembers);
        Assert.NotNull(Assert.Single(view.Backends).DrainingUntil);
    }
}
