using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// A request with a minimum completes with fewer instances when some fail, and fails at once when the minimum can no
/// longer be reached.
/// </summary>
public sealed class ScaleOutPartialCompletionTests
{
    private const string Cleanup = "The instance failed; its scale-out saga continues without it.";

    private static readonly ScaleOutRequested AtLeastTwo = Requested with { MinimumCount = 2 };

    [Fact]
    public void Decide_FailureMinimumReachable_Waits()
    {
        var state = Given(AtLeastTwo, Placed, Assigned, Ready(First));

        var step = When(state, new InstanceStartFailed(SagaId, Second, "image pull failed"));

        Assert.Equal(Describe([new InstanceFailed(Second, "image pull failed", Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.StartingInstances, step.State.Status);
        Assert.Equal(StartDeadline, step.State.Deadline);
    }

    [Fact]
    public void Decide_LastPendingReady_CleansUpFailed()
    {
        var state = Given(AtLeastTwo, Placed, Assigned, Ready(First), Failed(Second));

        var step = When(state, Started(Third));

        Assert.Equal(
            Describe([
                new InstanceReady(Third, EndpointOf(Third), Now),
                new BackendsRequested([First, Third], Now, Now + Options.BackendTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(
            Describe([
                new RegisterBackends(SagaId, "feed-api", [new Backend(First, EndpointOf(First)), new Backend(Third, EndpointOf(Third))]),
                new StopInstances(SagaId, [Second], Cleanup),
                new ReleaseAddresses(SagaId, [Second], Cleanup),
            ]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.RegisteringBackends, step.State.Status);
    }

    [Fact]
    public void Decide_LastPendingFails_RegistersReady()
    {
        var state = Given(AtLeastTwo, Placed, Assigned, Ready(First), Ready(Third));

        var step = When(state, new InstanceStartFailed(SagaId, Second, "image pull failed"));

        Assert.Equal(
            Describe([
                new InstanceFailed(Second, "image pull failed", Now),
                new BackendsRequested([First, Third], Now, Now + Options.BackendTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(
            [typeof(RegisterBackends), typeof(StopInstances), typeof(ReleaseAddresses)],
            step.Messages.Select(m => m.GetType()));
    }

    [Fact]
    public void Decide_FewerRegistered_CompletesPartially()
    {
        var state = Given(AtLeastTwo, Placed, Assigned, Ready(First), Failed(Second), Ready(Third), new BackendsRequested([First, Third], RequestedAt, BackendDeadline));

        var step = When(state, new BackendsRegistered(SagaId, "feed-api", [First, Third]));

        Assert.Equal(Describe([new BackendsAdded([First, Third], Now), new ScaleOutCompleted(2, Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.PartiallyCompleted, step.State.Status);
        Assert.True(step.State.IsFinished);
        Assert.Null(step.State.FailedStep);
    }

    [Fact]
    public void Decide_EveryInstanceReadyWithMinimum_CompletesFully()
    {
        var state = Given(AtLeastTwo, Placed, Assigned);

        var steps = WhenEach(state, Started(First), Started(Second), Started(Third), new BackendsRegistered(SagaId, "feed-api", [First, Second, Third]));

        Assert.Equal(ScaleOutStatus.Completed, steps[^1].State.Status);
        Assert.DoesNotContain(steps.SelectMany(s => s.Messages), m => m is StopInstances or ReleaseAddresses);
    }

    [Fact]
    public void Decide_MinimumUnreachable_FailsAtOnce()
    {
        var state = Given(AtLeastTwo, Placed, Assigned, Failed(First));

        var step = When(state, new InstanceStartFailed(SagaId, Second, "node lost"));

        var reason = $"Only 1 of 3 instances can still become ready and the request needs 2; instance {First} failed: image pull failed";
        Assert.Equal(
            Describe([new InstanceFailed(Second, "node lost", Now), new ScaleOutFailed("instances", reason, Now, Now + Options.UndoTimeout)]),
            Describe(step.Events));
        Assert.Equal(
            Describe([new StopInstances(SagaId, [First, Second, Third], $"Scale-out saga {SagaId} failed at step 'instances': {reason}")]),
            Describe(step.Messages));
        Assert.True(step.State.Instances.Single(i => i.InstanceId == Third).Pending);
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
    }

    [Fact]
    public void Decide_MinimumAboveRequested_NeedsEveryInstance()
    {
        var state = Given(Requested with { MinimumCount = 5 }, Placed, Assigned, Ready(First), Ready(Second));

        var step = When(state, new InstanceStartFailed(SagaId, Third, "image pull failed"));

        var failed = Assert.IsType<ScaleOutFailed>(step.Events[^1]);
        Assert.StartsWith("Only 2 of 3 instances can still become ready and the request needs 3;", failed.Reason);
    }

    [Fact]
    public void Decide_PartialBackendsRejected_UndoesAll()
    {
        var state = Given(AtLeastTwo, Placed, Assigned, Ready(First), Failed(Second), Ready(Third), new BackendsRequested([First, Third], RequestedAt, BackendDeadline));

        var step = When(state, new BackendRegistrationRejected(SagaId, "pool draining"));

        var deregister = Assert.IsType<DeregisterBackends>(Assert.Single(step.Messages));
        Assert.Equal([First, Second, Third], deregister.InstanceIds);
        Assert.Equal(["backends", "instances", "addresses"], step.State.Undo);
    }
}
