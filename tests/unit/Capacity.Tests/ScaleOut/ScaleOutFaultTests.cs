using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>A participant's fault fails the step the saga waits for, or abandons the undo step it waits for; any other fault is ignored.</summary>
public sealed class ScaleOutFaultTests
{
    private const string Reason = "Surge.Provisioner could not process the command after its retries.";

    private static readonly Guid[] AllInstances = [First, Second, Third];

    private static string UndoReason(string step) => $"Scale-out saga {SagaId} failed at step '{step}': {Reason}";

    [Fact]
    public void Decide_PlacementFaulted_FailsWithoutCompensation()
    {
        var state = Given(Requested);

        var step = When(state, new StepFaulted("placement", Reason));

        Assert.Equal(Describe([new ScaleOutFailed("placement", Reason, Now), new ScaleOutCompensated(Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Failed, step.State.Status);
    }

    public static TheoryData<string, object[], string, object> CurrentStepFaults() => new()
    {
        { "addresses", [Requested, Placed], "addresses", new ReleaseAddresses(SagaId, AllInstances, UndoReason("addresses")) },
        { "instances", [Requested, Placed, Assigned, Ready(First)], "instances", new StopInstances(SagaId, AllInstances, UndoReason("instances")) },
        { "backends", UpToRegistering(), "backends", new DeregisterBackends(SagaId, "feed-api", AllInstances, UndoReason("backends")) },
    };

    [Theory]
    [MemberData(nameof(CurrentStepFaults))]
    public void Decide_CurrentStepFaulted_FailsAndSendsFirstUndo(string scenario, object[] history, string faultedStep, object firstUndo)
    {
        var state = Given(history);

        var step = When(state, new StepFaulted(faultedStep, Reason));

        Assert.Equal(Describe([new ScaleOutFailed(faultedStep, Reason, Now, Now + Options.UndoTimeout)]), Describe(step.Events));
        Assert.True(Describe(step.Messages).SequenceEqual(Describe([firstUndo])), $"{scenario}: sent {string.Join(", ", Describe(step.Messages))}");
        Assert.Equal(ScaleOutStatus.Compensating, step.State.Status);
    }

    [Fact]
    public void Decide_UndoStepFaulted_SendsNextUndo()
    {
        var state = Given([.. UpToRegistering(), new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline)]);

        var step = When(state, new StepFaulted("backends", Reason, IsUndo: true, AllInstances));

        Assert.Equal(Describe([new CompensationStepAbandoned("backends", Reason, Now, Now + Options.UndoTimeout)]), Describe(step.Events));
        Assert.Equal(
            Describe([new StopInstances(SagaId, AllInstances, $"Scale-out saga {SagaId} failed at step 'backends': pool draining")]),
            Describe(step.Messages));
        Assert.Equal(["instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_LastUndoStepFaulted_Finishes()
    {
        var state = Given(Requested, Placed, new ScaleOutCancelled("not needed", RequestedAt, UndoDeadline));

        var step = When(state, new StepFaulted("addresses", Reason, IsUndo: true, AllInstances));

        Assert.Equal(Describe([new CompensationStepAbandoned("addresses", Reason, Now), new ScaleOutCompensated(Now)]), Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleOutStatus.Cancelled, step.State.Status);
    }

    public static TheoryData<string, object[], string> OtherStepFaults() => new()
    {
        { "addresses fault while starting instances", [Requested, Placed, Assigned], "addresses" },
        { "placement fault while allocating addresses", [Requested, Placed], "placement" },
        { "cleanup stop fault while registering backends", [Requested with { MinimumCount = 2 }, Placed, Assigned, Ready(First), Failed(Second), Ready(Third), new BackendsRequested([First, Third], RequestedAt, BackendDeadline)], "instances" },
        { "instances fault while undoing backends", [.. UpToRegistering(), new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline)], "instances" },
        { "backends fault after the backends undo was confirmed", [.. UpToRegistering(), new ScaleOutFailed("backends", "pool draining", RequestedAt, UndoDeadline), new CompensationStepCompleted("backends", RequestedAt, UndoDeadline)], "backends" },
        { "fault after the saga failed", [Requested, new ScaleOutFailed("placement", "no room", RequestedAt), new ScaleOutCompensated(RequestedAt)], "placement" },
        { "unknown step", [Requested, Placed], "cancel" },
    };

    [Theory]
    [MemberData(nameof(OtherStepFaults))]
    public void Decide_FaultForAnotherStep_RecordsNothing(string scenario, object[] history, string faultedStep)
    {
        var state = Given(history);

        var step = When(state, new StepFaulted(faultedStep, Reason));

        Assert.True(step.Events.Count == 0, $"{scenario}: expected no events, got {string.Join(", ", Describe(step.Events))}");
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_ForwardFaultWhileUndoingSameStep_RecordsNothing()
    {
        var state = Given(Requested, Placed, Assigned, new ScaleOutCancelled("not needed", RequestedAt, UndoDeadline));

        var step = When(state, new StepFaulted("instances", "StartInstances gave up late"));

        Assert.Empty(step.Events);
        Assert.Equal(["instances", "addresses"], step.State.Undo);
    }

    [Fact]
    public void Decide_UndoFaultCoveringSomeInstances_RecordsNothing()
    {
        var state = Given(Requested, Placed, Assigned, new ScaleOutCancelled("not needed", RequestedAt, UndoDeadline));

        var step = When(state, new StepFaulted("instances", "cleanup stop gave up", IsUndo: true, [First]));

        Assert.Empty(step.Events);
    }
}
