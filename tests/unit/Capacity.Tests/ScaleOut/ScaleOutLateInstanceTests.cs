using Surge.Capacity.ScaleOut;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>An instance that reports ready after its saga gave up on it is stopped, once.</summary>
public sealed class ScaleOutLateInstanceTests
{
    private const string StopReason = "Its scale-out saga had already given up on it.";

    public static TheoryData<string, object[]> GaveUpOnThird() => new()
    {
        { "compensating after a failure", [Requested, Placed, Assigned, Ready(First), Failed(Second), new ScaleOutFailed("instances", "image pull failed", RequestedAt, UndoDeadline)] },
        { "failed", [Requested, Placed, Assigned, new ScaleOutFailed("instances", "boom", RequestedAt, UndoDeadline), new CompensationStepAbandoned("instances", "boom", RequestedAt, UndoDeadline), new CompensationStepCompleted("addresses", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "cancelled", [Requested, Placed, Assigned, new ScaleOutCancelled("not needed", RequestedAt, UndoDeadline), new CompensationStepCompleted("instances", RequestedAt, UndoDeadline), new CompensationStepCompleted("addresses", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "timed out while others register", [Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Ready(Second), new InstanceFailed(Third, "It did not report ready before the saga's deadline.", RequestedAt), new BackendsRequested([First, Second], RequestedAt, BackendDeadline)] },
        { "timed out and completed partially", [Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Ready(Second), Failed(Third), new BackendsRequested([First, Second], RequestedAt, BackendDeadline), new ScaleOutCompleted(2, RequestedAt)] },
        { "failed but others still starting", [Requested with { MinimumCount = 2 }, Placed, Assigned, Failed(Third)] },
    };

    [Theory]
    [MemberData(nameof(GaveUpOnThird))]
    public void Decide_InstanceStartedAfterSagaGaveUp_ReportsAndStopsIt(string scenario, object[] history)
    {
        var state = Given(history);

        var step = When(state, Started(Third));

        Assert.True(
            Describe(step.Events).SequenceEqual(Describe([new LateInstanceReported(Third, EndpointOf(Third), Now)])),
            $"{scenario}: recorded {string.Join(", ", Describe(step.Events))}");
        Assert.Equal(Describe([new StopInstances(SagaId, [Third], StopReason)]), Describe(step.Messages));
        Assert.Equal(state.Status, step.State.Status);
        Assert.False(step.State.Instances.Single(i => i.InstanceId == Third).Pending);
    }

    [Theory]
    [MemberData(nameof(GaveUpOnThird))]
    public void Decide_LateInstanceStartedTwice_SecondRecordsNothing(string scenario, object[] history)
    {
        var state = Given(history);

        var first = When(state, Started(Third));
        var second = When(first.State, Started(Third));

        Assert.True(first.Events.Count == 1, $"{scenario}: first report recorded {first.Events.Count} events");
        Assert.Empty(second.Events);
        Assert.Empty(second.Messages);
    }

    [Fact]
    public void Decide_LateInstanceWhileRegistering_NotRegistered()
    {
        var state = Given(
            Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Ready(Second), Failed(Third),
            new BackendsRequested([First, Second], RequestedAt, BackendDeadline));

        var late = When(state, Started(Third));
        var registered = When(late.State, new BackendsRegistered(SagaId, "feed-api", [First, Second]));

        Assert.Equal([First, Second], Assert.IsType<BackendsAdded>(registered.Events[0]).InstanceIds);
        Assert.Equal(Describe([new ScaleOutCompleted(2, Now)]), Describe([registered.Events[1]]));
        Assert.Equal(ScaleOutStatus.PartiallyCompleted, registered.State.Status);
    }

    [Fact]
    public void Decide_InstanceStartFailedAfterSagaFailed_RecordsNothing()
    {
        var state = Given(
            Requested, Placed, Assigned,
            Failed(Second),
            new ScaleOutFailed("instances", "image pull failed", RequestedAt, UndoDeadline));

        var step = When(state, new InstanceStartFailed(SagaId, Third, "timed out"));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_ReadyInstanceStartedAgain_RecordsNothing()
    {
        var state = Given([.. UpToRegistering(), new ScaleOutCompleted(3, RequestedAt)]);

        var step = When(state, Started(First));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }
}
