using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// Each failing step fails the saga and undoes, in reverse order, exactly the steps that may have happened: one undo
/// command at a time, the next one only after the participant confirmed the previous one.
/// </summary>
public sealed class ScaleOutCompensationTests
{
    private static readonly Guid[] AllInstances = [First, Second, Third];

    private static string UndoReason(string step, string reason) => $"Scale-out saga {SagaId} failed at step '{step}': {reason}";

    private static ScaleOutState FailedAtBackends() => Given(
        [.. UpToRegistering(), new BackendRegistrationFailed("pool draining", RequestedAt), new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline)]);

    [Fact]
    public void Decide_PlacementFailed_FailsWithoutCompensation()
    {
        var state = Given(Requested);

        var step = When(state, PlacementDecision.Failed("Only 1 of 3 instances fit."));

        Assert.Equal(
            Describe([
                new PlacementFailed("Only 1 of 3 instances fit.", Now),
                new ScaleOutFailed("placement", "Only 1 of 3 instances fit.", Now),
                new ScaleOutCompensated(Now),
            ]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
        Assert.Equal("placement", step.State.FailedStep);
        Assert.Equal(Now, step.State.FinishedAt);
        Assert.Null(step.State.Deadline);
    }

    [Fact]
    public void Decide_AddressAllocationRejected_ReleasesAddressesOnly()
    {
        var state = Given(Requested, Placed);

        var step = When(state, new AddressAllocationRejected(SagaId, "subnet feed-net is full"));

        Assert.Equal(
            Describe([
                new AddressAssignmentFailed("subnet feed-net is full", Now),
                new ScaleOutFailed("addresses", "subnet feed-net is full", Now, Now + Options.UndoTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(
            Describe([new ReleaseAddresses(SagaId, AllInstances, UndoReason("addresses", "subnet feed-net is full"))]),
            Describe(step.Messages));
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
        Assert.Equal(["addresses"], step.State.Undo);
        Assert.Equal(Now + Options.UndoTimeout, step.State.Deadline);
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
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
    }

    [Fact]
    public void Decide_InstanceStartFailed_StopsInstancesFirst()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First));

        var step = When(state, new InstanceStartFailed(SagaId, Second, "image pull failed"));

        var reason = $"Only 2 of 3 instances can still become ready and the request needs 3; instance {Second} failed: image pull failed";
        Assert.Equal(
            Describe([new InstanceFailed(Second, "image pull failed", Now), new ScaleOutFailed("instances", reason, Now, Now + Options.UndoTimeout)]),
            Describe(step.Events));
        Assert.Equal(
            Describe([new StopInstances(SagaId, AllInstances, UndoReason("instances", reason))]),
            Describe(step.Messages));
        Assert.Equal("image pull failed", step.State.Instances.Single(i => i.InstanceId == Second).FailureReason);
        Assert.Equal(["instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_InstancesStopped_ReleasesAddressesThenFails()
    {
        var reason = "image pull failed";
        var state = Given(Requested, Placed, Assigned, Failed(Second, reason), new ScaleOutFailed("instances", reason, RequestedAt, UndoDeadline));

        var stopped = When(state, new InstancesStopped(SagaId, AllInstances));
        var released = When(stopped.State, new AddressesReleased(SagaId, AllInstances));

        Assert.Equal(Describe([new CompensationStepCompleted("instances", Now, Now + Options.UndoTimeout)]), Describe(stopped.Events));
        Assert.Equal(Describe([new ReleaseAddresses(SagaId, AllInstances, UndoReason("instances", reason))]), Describe(stopped.Messages));
        Assert.Equal(ScaleOutStatus.Compensating, stopped.State.Status);
        Assert.Equal(Describe([new CompensationStepCompleted("addresses", Now), new ScaleOutCompensated(Now)]), Describe(released.Events));
        Assert.Empty(released.Messages);
        Assert.Equal(ScaleOutStatus.Failed, released.State.Status);
        Assert.Equal("instances", released.State.FailedStep);
        Assert.Equal(Now, released.State.FinishedAt);
        Assert.Null(released.State.Deadline);
    }

    [Fact]
    public void Decide_BackendRegistrationRejected_DeregistersFirst()
    {
        var state = Given(UpToRegistering());

        var step = When(state, new BackendRegistrationRejected(SagaId, "backend pool feed-api is draining"));

        Assert.Equal(
            Describe([
                new BackendRegistrationFailed("backend pool feed-api is draining", Now),
                new ScaleOutFailed("backends", "backend pool feed-api is draining", Now, Now + Options.UndoTimeout),
            ]),
            Describe(step.Events));
        Assert.Equal(
            Describe([new DeregisterBackends(SagaId, "feed-api", AllInstances, UndoReason("backends", "backend pool feed-api is draining"))]),
            Describe(step.Messages));
        Assert.Equal("backends", step.State.FailedStep);
        Assert.Equal(["backends", "instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_ConfirmationsInOrder_UndoInReverse()
    {
        var state = Given(UpToRegistering());

        var steps = WhenEach(
            state,
            new BackendRegistrationRejected(SagaId, "pool draining"),
            new BackendsDeregistered(SagaId, "feed-api", AllInstances),
            new InstancesStopped(SagaId, AllInstances),
            new AddressesReleased(SagaId, AllInstances));

        var reason = UndoReason("backends", "pool draining");
        Assert.Equal(
            Describe([
                new DeregisterBackends(SagaId, "feed-api", AllInstances, reason),
                new StopInstances(SagaId, AllInstances, reason),
                new ReleaseAddresses(SagaId, AllInstances, reason),
            ]),
            Describe(steps.SelectMany(s => s.Messages)));
        Assert.Equal(
            [["backends", "instances", "addresses"], ["instances", "addresses"], ["addresses"], []],
            steps.Select(s => s.State.Undo.ToArray()));
        Assert.Equal(
            ["backends", "instances", "addresses"],
            steps.SelectMany(s => s.Events).OfType<CompensationStepCompleted>().Select(c => c.Step));
        Assert.Equal(ScaleOutStatus.Failed, steps[^1].State.Status);
        Assert.IsType<ScaleOutCompensated>(steps[^1].Events[^1]);
    }

    [Fact]
    public void Decide_UndoConfirmed_SetsNextDeadline()
    {
        var state = FailedAtBackends();

        var step = When(state, new BackendsDeregistered(SagaId, "feed-api", AllInstances));

        Assert.Equal(Describe([new CompensationStepCompleted("backends", Now, Now + Options.UndoTimeout)]), Describe(step.Events));
        Assert.Equal(Now + Options.UndoTimeout, step.State.Deadline);
    }

    public static TheoryData<string, object> OutOfOrderConfirmations() => new()
    {
        { "instances stopped before backends deregistered", new InstancesStopped(SagaId, [First, Second, Third]) },
        { "addresses released before backends deregistered", new AddressesReleased(SagaId, [First, Second, Third]) },
    };

    [Theory]
    [MemberData(nameof(OutOfOrderConfirmations))]
    public void Decide_ConfirmationForLaterUndoStep_RecordsNothing(string scenario, object confirmation)
    {
        var state = FailedAtBackends();

        var step = When(state, confirmation);

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
        Assert.Equal(["backends", "instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_ConfirmationForDoneUndoStep_RecordsNothing()
    {
        var state = FailedAtBackends();
        var deregistered = new BackendsDeregistered(SagaId, "feed-api", AllInstances);
        var afterFirst = When(state, deregistered).State;

        var duplicate = When(afterFirst, deregistered);

        Assert.Empty(duplicate.Events);
        Assert.Empty(duplicate.Messages);
        Assert.Equal(["instances", "addresses"], duplicate.State.Undo);
    }

    [Fact]
    public void Decide_LastConfirmationTwice_SecondRecordsNothing()
    {
        var state = Given(Requested, Placed, new ScaleOutFailed("addresses", "subnet full", RequestedAt, UndoDeadline));
        var released = new AddressesReleased(SagaId, AllInstances);

        var first = When(state, released);
        var second = When(first.State, released);

        Assert.Equal(Describe([new CompensationStepCompleted("addresses", Now), new ScaleOutCompensated(Now)]), Describe(first.Events));
        Assert.Equal(ScaleOutStatus.Failed, first.State.Status);
        Assert.Empty(second.Events);
        Assert.Empty(second.Messages);
    }

    public static TheoryData<string, object[], object> ConfirmationsWhenNotCompensating() => new()
    {
        { "addresses released while allocating", [Requested, Placed], new AddressesReleased(SagaId, [First]) },
        { "instances stopped while starting", [Requested, Placed, Assigned], new InstancesStopped(SagaId, [First]) },
        { "backends deregistered while registering", UpToRegistering(), new BackendsDeregistered(SagaId, "feed-api", [First]) },
        { "addresses released after completion", [.. UpToRegistering(), new ScaleOutCompleted(3, RequestedAt)], new AddressesReleased(SagaId, [First]) },
    };

    [Theory]
    [MemberData(nameof(ConfirmationsWhenNotCompensating))]
    public void Decide_ConfirmationWhenNotCompensating_RecordsNothing(string scenario, object[] history, object confirmation)
    {
        var state = Given(history);

        var step = When(state, confirmation);

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_PartialConfirmation_RecordsNothing()
    {
        var state = Given(
            Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Failed(Second), Ready(Third),
            new BackendsRequested([First, Third], RequestedAt, BackendDeadline),
            new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline),
            new CompensationStepCompleted("backends", RequestedAt, UndoDeadline));

        var step = When(state, new InstancesStopped(SagaId, [Second]));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void For_FailedWithNothingToUndo_SendsNothing()
    {
        var failed = new ScaleOutFailed("placement", "no room", Now);

        var messages = ScaleOutReactions.For(failed, Given(Requested, failed));

        Assert.Empty(messages);
    }
}
