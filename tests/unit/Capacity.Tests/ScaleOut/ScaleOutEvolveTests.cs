using Surge.Capacity.ScaleOut;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

public sealed class ScaleOutEvolveTests
{
    [Fact]
    public void Evolve_FirstEventNotRequested_ReturnsNull()
    {
        var state = ScaleOutDecider.Evolve(null, Placed);

        Assert.Null(state);
    }

    [Fact]
    public void Evolve_Requested_StartsSagaFromTheRequest()
    {
        var state = ScaleOutDecider.Evolve(null, Requested);

        Assert.NotNull(state);
        Assert.Equal(ScaleOutState.StreamKey(SagaId), state.Id);
        Assert.Equal($"scale-out/{SagaId}", state.Id);
        Assert.Equal(SagaId, state.SagaId);
        Assert.Equal("feed-api", state.Service);
        Assert.Equal("feed-pool", state.Pool);
        Assert.Equal(3, state.RequestedCount);
        Assert.Equal(Shape, state.Shape);
        Assert.Equal(ScaleOutStatus.Requested, state.Status);
        Assert.Empty(state.Instances);
        Assert.Equal(RequestedAt, state.RequestedAt);
        Assert.False(state.IsFinished);
        Assert.Equal(PlacementDeadline, state.Deadline);
        Assert.Equal(0, state.MinimumCount);
        Assert.Empty(state.Undo);
    }

    [Fact]
    public void Evolve_Declined_FinishesWithReason()
    {
        var state = Given(Requested, new ScaleOutDeclined("feed-api is at its maximum", Now));

        Assert.Equal(ScaleOutStatus.Declined, state.Status);
        Assert.Equal("feed-api is at its maximum", state.FailureReason);
        Assert.Equal(Now, state.FinishedAt);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void Evolve_Placed_PlansOneInstancePerPlacement()
    {
        var state = Given(Requested, Placed);

        Assert.Equal(ScaleOutStatus.AllocatingAddresses, state.Status);
        Assert.Equal(
            [(First, "feed-node-1", "feed-pool"), (Second, "feed-node-2", "feed-pool"), (Third, "shared-node-1", "shared-pool")],
            state.Instances.Select(i => (i.InstanceId, i.Node, i.Pool)));
        Assert.All(state.Instances, instance => Assert.False(instance.Ready));
    }

    [Fact]
    public void Evolve_Assigned_SetsSubnetAndAddress()
    {
        var state = Given(Requested, Placed, Assigned);

        Assert.Equal(ScaleOutStatus.StartingInstances, state.Status);
        Assert.Equal(["127.42.0.2", "127.42.0.3", "127.42.0.4"], state.Instances.Select(i => i.Address));
        Assert.All(state.Instances, instance => Assert.Equal("feed-net", instance.Subnet));
    }

    [Fact]
    public void Evolve_SomeInstancesReady_KeepsStartingInstances()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Third));

        Assert.Equal(ScaleOutStatus.StartingInstances, state.Status);
        Assert.Equal([true, false, true], state.Instances.Select(i => i.Ready));
    }

    [Fact]
    public void Evolve_EveryInstanceReady_KeepsStarting()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third));

        Assert.Equal(ScaleOutStatus.StartingInstances, state.Status);
        Assert.Equal(StartDeadline, state.Deadline);
    }

    [Fact]
    public void Evolve_BackendsRequested_MovesToRegistering()
    {
        var state = Given(UpToRegistering());

        Assert.Equal(ScaleOutStatus.RegisteringBackends, state.Status);
        Assert.Equal(BackendDeadline, state.Deadline);
    }

    [Fact]
    public void Evolve_RequestedWithMinimum_StoresMinimum()
    {
        var state = Given(Requested with { MinimumCount = 2 });

        Assert.Equal(2, state.MinimumCount);
    }

    [Fact]
    public void Evolve_Failed_CompensatesTheStepsDoneInReverse()
    {
        var state = Given(Requested, Placed, Assigned, new ScaleOutFailed("instances", "image pull failed", Now, UndoDeadline));

        Assert.Equal(ScaleOutStatus.Compensating, state.Status);
        Assert.Equal("instances", state.FailedStep);
        Assert.Equal("image pull failed", state.FailureReason);
        Assert.Equal(["instances", "addresses"], state.Undo);
        Assert.Equal(UndoDeadline, state.Deadline);
        Assert.Null(state.FinishedAt);
        Assert.False(state.IsFinished);
        Assert.False(state.Cancelled);
    }

    [Fact]
    public void Evolve_UndoStepCompleted_DropsIt()
    {
        var later = UndoDeadline.AddMinutes(2);
        var state = Given(
            Requested, Placed, Assigned,
            new ScaleOutFailed("instances", "image pull failed", Now, UndoDeadline),
            new CompensationStepCompleted("instances", Now, later));

        Assert.Equal(["addresses"], state.Undo);
        Assert.Equal(later, state.Deadline);
        Assert.Equal(ScaleOutStatus.Compensating, state.Status);
    }

    [Fact]
    public void Evolve_UndoStepAbandoned_DropsIt()
    {
        var later = UndoDeadline.AddMinutes(2);
        var state = Given(
            Requested, Placed, Assigned,
            new ScaleOutFailed("instances", "image pull failed", Now, UndoDeadline),
            new CompensationStepAbandoned("instances", "provisioner faulted", Now, later));

        Assert.Equal(["addresses"], state.Undo);
        Assert.Equal(later, state.Deadline);
    }

    [Fact]
    public void Evolve_FailedThenCompensated_FinishesAsFailed()
    {
        var state = Given(Requested, Placed, new ScaleOutFailed("addresses", "subnet full", Now, UndoDeadline), new ScaleOutCompensated(Now));

        Assert.Equal(ScaleOutStatus.Failed, state.Status);
        Assert.Equal("addresses", state.FailedStep);
        Assert.Equal("subnet full", state.FailureReason);
        Assert.Equal(Now, state.FinishedAt);
        Assert.Null(state.Deadline);
        Assert.Empty(state.Undo);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void Evolve_CancelledThenCompensated_FinishesAsCancelled()
    {
        var state = Given(Requested, Placed, new ScaleOutCancelled("not needed any more", Now, UndoDeadline));

        Assert.Equal(ScaleOutStatus.Compensating, state.Status);
        Assert.True(state.Cancelled);
        Assert.Equal("cancel", state.FailedStep);
        Assert.Equal("not needed any more", state.FailureReason);
        Assert.Equal(["addresses"], state.Undo);

        var finished = ScaleOutDecider.Evolve(state, new ScaleOutCompensated(Now))!;

        Assert.Equal(ScaleOutStatus.Cancelled, finished.Status);
        Assert.True(finished.IsFinished);
    }

    [Fact]
    public void Evolve_CompletedWithFewerThanRequested_FinishesPartially()
    {
        var state = Given(
            Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Failed(Second), Ready(Third),
            new BackendsRequested([First, Third], RequestedAt, BackendDeadline),
            new BackendsAdded([First, Third], Now), new ScaleOutCompleted(2, Now));

        Assert.Equal(ScaleOutStatus.PartiallyCompleted, state.Status);
        Assert.Null(state.Deadline);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void Evolve_LateInstance_NotReady()
    {
        var state = Given(Requested, Placed, Assigned, Failed(Second), new LateInstanceReported(Second, EndpointOf(Second), Now));

        var second = state.Instances.Single(i => i.InstanceId == Second);
        Assert.Equal(EndpointOf(Second), second.Endpoint);
        Assert.False(second.Ready);
        Assert.False(second.Pending);
    }
}
