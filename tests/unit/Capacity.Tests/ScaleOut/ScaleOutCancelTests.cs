using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>An operator's cancellation undoes the completed steps like a failure, and the saga ends as cancelled.</summary>
public sealed class ScaleOutCancelTests
{
    private const string Reason = "The traffic spike is over.";

    private static readonly Guid[] AllInstances = [First, Second, Third];

    private static readonly string UndoReason = $"Scale-out saga {SagaId} was cancelled: {Reason}";

    [Fact]
    public void Decide_CancelWhileRequested_CancelsAtOnce()
    {
        var state = Given(Requested);

        var step = When(state, new CancelSaga(Reason));

        Assert.Equal(Describe([new ScaleOutCancelled(Reason, Now), new ScaleOutCompensated(Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Cancelled, step.State.Status);
        Assert.Equal("cancel", step.State.FailedStep);
        Assert.Equal(Reason, step.State.FailureReason);
        Assert.Equal(Now, step.State.FinishedAt);
        Assert.Null(step.State.Deadline);
    }

    [Fact]
    public void Decide_CancelWhileAllocating_ReleasesAddresses()
    {
        var state = Given(Requested, Placed);

        var cancelled = When(state, new CancelSaga(Reason));
        var released = When(cancelled.State, new AddressesReleased(SagaId, AllInstances));

        Assert.Equal(Describe([new ScaleOutCancelled(Reason, Now, Now + Options.UndoTimeout)]), Describe(cancelled.Events));
        Assert.Equal(Describe([new ReleaseAddresses(SagaId, AllInstances, UndoReason)]), Describe(cancelled.Messages));
        Assert.Equal(ScaleOutStatus.Compensating, cancelled.State.Status);
        Assert.True(cancelled.State.Cancelled);
        Assert.Equal(["addresses"], cancelled.State.Undo);
        Assert.Equal(Describe([new CompensationStepCompleted("addresses", Now), new ScaleOutCompensated(Now)]), Describe(released.Events));
        Assert.Equal(ScaleOutStatus.Cancelled, released.State.Status);
    }

    [Fact]
    public void Decide_CancelWhileStartingInstances_StopsInstancesFirst()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First));

        var step = When(state, new CancelSaga(Reason));

        Assert.Equal(Describe([new ScaleOutCancelled(Reason, Now, Now + Options.UndoTimeout)]), Describe(step.Events));
        Assert.Equal(Describe([new StopInstances(SagaId, AllInstances, UndoReason)]), Describe(step.Messages));
        Assert.Equal(["instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_CancelWhileRegistering_UndoesInReverse()
    {
        var state = Given(UpToRegistering());

        var steps = WhenEach(
            state,
            new CancelSaga(Reason),
            new BackendsRegistered(SagaId, "feed-api", AllInstances),
            new BackendsDeregistered(SagaId, "feed-api", AllInstances),
            new InstancesStopped(SagaId, AllInstances),
            new AddressesReleased(SagaId, AllInstances));

        // The registration that lands after the cancellation is deregistered once more, in case it reached the load
        // balancer after the saga's own deregistration.
        Assert.Equal(
            Describe([
                new DeregisterBackends(SagaId, "feed-api", AllInstances, UndoReason),
                new DeregisterBackends(SagaId, "feed-api", AllInstances, "Its scale-out saga had already given up on it."),
                new StopInstances(SagaId, AllInstances, UndoReason),
                new ReleaseAddresses(SagaId, AllInstances, UndoReason),
            ]),
            Describe(steps.SelectMany(s => s.Messages)));
        Assert.Equal(Describe([new LateBackendsReported(AllInstances, Now)]), Describe(steps[1].Events));
        Assert.Equal(ScaleOutStatus.Cancelled, steps[^1].State.Status);
        Assert.DoesNotContain(steps.SelectMany(s => s.Events), e => e is BackendsAdded or ScaleOutCompleted);
    }

    public static TheoryData<string, object[]> NotCancellable() => new()
    {
        { "completed", [.. UpToRegistering(), new BackendsAdded([First, Second, Third], RequestedAt), new ScaleOutCompleted(3, RequestedAt)] },
        { "partially completed", [Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Failed(Second), Ready(Third), new BackendsRequested([First, Third], RequestedAt, BackendDeadline), new ScaleOutCompleted(2, RequestedAt)] },
        { "failed", [Requested, new ScaleOutFailed("placement", "no room", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "cancelled", [Requested, new ScaleOutCancelled("first", RequestedAt), new ScaleOutCompensated(RequestedAt)] },
        { "declined", [Requested, new ScaleOutDeclined("at maximum", RequestedAt)] },
        { "compensating after a failure", [Requested, Placed, new ScaleOutFailed("addresses", "subnet full", RequestedAt, UndoDeadline)] },
        { "compensating after a cancellation", [Requested, Placed, new ScaleOutCancelled("first", RequestedAt, UndoDeadline)] },
    };

    [Theory]
    [MemberData(nameof(NotCancellable))]
    public void Decide_CancelWhenNotCancellable_RecordsNothing(string scenario, object[] history)
    {
        var state = Given(history);

        var step = When(state, new CancelSaga(Reason));

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
        Assert.Equal(state.Status, step.State.Status);
    }
}
