using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>Each failing step fails the saga and undoes, in reverse order, exactly the steps that may have happened.</summary>
public sealed class ScaleOutCompensationTests
{
    private static readonly Guid[] AllInstances = [First, Second, Third];

    [Fact]
    public void Decide_PlacementFailed_FailsWithoutCompensation()
    {
        var state = Given(Requested);

        var step = When(state, PlacementDecision.Failed("Only 1 of 3 instances fit."));

        Assert.Equal(
            Describe([new PlacementFailed("Only 1 of 3 instances fit.", Now), new ScaleOutFailed("placement", "Only 1 of 3 instances fit.", Now)]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
        Assert.Equal("placement", step.State.FailedStep);
        Assert.Equal(Now, step.State.FinishedAt);
    }

    [Fact]
    public void Decide_AddressAllocationRejected_ReleasesAddressesOnly()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new AddressAllocationRejected(SagaId, "subnet feed-net is full"));

        Assert.Equal(
            Describe([new AddressAssignmentFailed("subnet feed-net is full", Now), new ScaleOutFailed("addresses", "subnet feed-net is full", Now)]),
            Describe(step.Events));
        var release = Assert.IsType<ReleaseAddresses>(Assert.Single(step.Messages));
        Assert.Equal(SagaId, release.SagaId);
        Assert.Equal(AllInstances, release.InstanceIds);
        Assert.Equal("Scale-out saga failed at step 'addresses': subnet feed-net is full", release.Reason);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
    }

    [Fact]
    public void Decide_AddressesAllocatedForSomeInstances_FailsAndReleasesAddresses()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new AddressesAllocated(SagaId, [Assignments[0]]));

        Assert.Equal([typeof(AddressAssignmentFailed), typeof(ScaleOutFailed)], step.Events.Select(e => e.GetType()));
        var failed = Assert.IsType<ScaleOutFailed>(step.Events[1]);
        Assert.Equal("addresses", failed.Step);
        Assert.Contains("2 of 3 instances", failed.Reason);
        Assert.Contains(Second.ToString(), failed.Reason);
        Assert.Equal([typeof(ReleaseAddresses)], step.Messages.Select(m => m.GetType()));
    }

    [Fact]
    public void Decide_InstanceStartFailed_StopsInstancesThenReleasesAddresses()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First));

        var step = When(state, new InstanceStartFailed(SagaId, Second, "image pull failed"));

        var reason = $"Instance {Second} failed to start: image pull failed";
        Assert.Equal(
            Describe([new InstanceFailed(Second, "image pull failed", Now), new ScaleOutFailed("instances", reason, Now)]),
            Describe(step.Events));
        Assert.Equal(
            Describe([
                new StopInstances(SagaId, AllInstances, $"Scale-out saga failed at step 'instances': {reason}"),
                new ReleaseAddresses(SagaId, AllInstances, $"Scale-out saga failed at step 'instances': {reason}"),
            ]),
            Describe(step.Messages));
        Assert.Equal("image pull failed", step.State.Instances.Single(i => i.InstanceId == Second).FailureReason);
    }

    [Fact]
    public void Decide_BackendRegistrationRejected_DeregistersStopsAndReleases()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third));

        var step = When(state, new BackendRegistrationRejected(SagaId, "backend pool feed-api is draining"));

        Assert.Equal(
            Describe([
                new BackendRegistrationFailed("backend pool feed-api is draining", Now),
                new ScaleOutFailed("backends", "backend pool feed-api is draining", Now),
            ]),
            Describe(step.Events));
        var reason = "Scale-out saga failed at step 'backends': backend pool feed-api is draining";
        Assert.Equal(
            Describe([
                new DeregisterBackends(SagaId, "feed-api", AllInstances, reason),
                new StopInstances(SagaId, AllInstances, reason),
                new ReleaseAddresses(SagaId, AllInstances, reason),
            ]),
            Describe(step.Messages));
        Assert.Equal("backends", step.State.FailedStep);
    }

    [Fact]
    public void Decide_InstanceStartedAfterSagaFailed_ReportsLateInstanceAndStopsIt()
    {
        var state = Given(
            Requested, Placed, Assigned, Ready(First),
            new InstanceFailed(Second, "image pull failed", RequestedAt),
            new ScaleOutFailed("instances", "image pull failed", RequestedAt));

        var step = When(state, Started(Third));

        Assert.Equal(Describe([new LateInstanceReported(Third, EndpointOf(Third), Now)]), Describe(step.Events));
        Assert.Equal(
            Describe([new StopInstances(SagaId, [Third], "Its scale-out saga had already failed.")]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
    }

    [Fact]
    public void Decide_SecondLateInstanceStarted_RecordsNothing()
    {
        var state = Given(
            Requested, Placed, Assigned,
            new InstanceFailed(Second, "image pull failed", RequestedAt),
            new ScaleOutFailed("instances", "image pull failed", RequestedAt),
            new LateInstanceReported(Third, EndpointOf(Third), RequestedAt));

        var step = When(state, Started(Third));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_InstanceStartFailedAfterSagaFailed_RecordsNothing()
    {
        var state = Given(
            Requested, Placed, Assigned,
            new InstanceFailed(Second, "image pull failed", RequestedAt),
            new ScaleOutFailed("instances", "image pull failed", RequestedAt));

        var step = When(state, new InstanceStartFailed(SagaId, Third, "timed out"));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void For_ScaleOutFailedWithoutPriorState_SendsNothing()
    {
        var failed = new ScaleOutFailed("placement", "no room", Now);

        var messages = ScaleOutReactions.For(null, failed, Given(Requested, failed));

        Assert.Empty(messages);
    }
}
