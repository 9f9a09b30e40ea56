using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleIn.ScaleInScenario;

namespace Surge.Capacity.Tests.ScaleIn;

public sealed class ScaleInFailureTests
{
    private const string Reason = "loadbalancer could not process the command";

    [Fact]
    public void Decide_DrainFaulted_AbortsRestoresAndFails()
    {
        var step = When(Given(Requested), new StepFaulted(ScaleInDecider.Steps.Drain, Reason));

        Assert.Equal(
            Describe([new ScaleInStepFailed("drain", Reason, false, Now), new ScaleInAborted(Reason, Now), new ScaleInFailed(Now)]),
            Describe(step.Events));
        var register = Assert.IsType<RegisterBackends>(Assert.Single(step.Messages));
        Assert.Equal("feed-api", register.Service);
        Assert.Equal(Victims.Select(v => new Backend(v.InstanceId, v.Endpoint!)), register.Backends);
        Assert.Equal(ScaleInStatus.Failed, step.State.Status);
        Assert.All(step.State.Victims, victim => Assert.Equal(VictimStage.Restored, victim.Stage));
    }

    [Fact]
    public void Decide_DrainDeadlinePassed_AbortsAsTimedOut()
    {
        var step = When(Given(Requested), new DeadlinePassed(DrainDeadline), DrainDeadline.AddSeconds(1));

        var failed = Assert.IsType<ScaleInStepFailed>(step.Events[0]);
        Assert.Equal("drain", failed.Step);
        Assert.True(failed.TimedOut);
        Assert.IsType<ScaleInAborted>(step.Events[1]);
        Assert.IsType<ScaleInFailed>(step.Events[2]);
        Assert.IsType<RegisterBackends>(Assert.Single(step.Messages));
    }

    [Fact]
    public void Reactions_AbortWithUnknownEndpoint_RegistersOnlyKnownOnes()
    {
        var requested = Requested with { Victims = [Victims[0], Victims[1] with { Endpoint = null }] };

        var step = When(Given(requested), new StepFaulted(ScaleInDecider.Steps.Drain, Reason));

        var register = Assert.IsType<RegisterBackends>(Assert.Single(step.Messages));
        Assert.Equal([First], register.Backends.Select(b => b.InstanceId));
    }

    [Fact]
    public void Decide_StopFaulted_GoesOnToReleaseAddresses()
    {
        var step = When(Given(Requested, Drained), new StepFaulted(ScaleInDecider.Steps.Instances, Reason));

        Assert.Equal(Describe([new ScaleInStepFailed("instances", Reason, false, Now, Now + Timeouts.Address)]), Describe(step.Events));
        var release = Assert.IsType<ReleaseAddresses>(Assert.Single(step.Messages));
        Assert.Equal([First, Second], release.InstanceIds);
        Assert.Equal(ScaleInStatus.ReleasingAddresses, step.State.Status);
        Assert.All(step.State.Victims, victim => Assert.StartsWith("Its stop was not confirmed", victim.FailureReason));
    }

    [Fact]
    public void Decide_StopDeadlinePassed_GoesOnWithoutRestoring()
    {
        var step = When(Given(Requested, Drained), new DeadlinePassed(StopDeadline), StopDeadline);

        var failed = Assert.IsType<ScaleInStepFailed>(Assert.Single(step.Events));
        Assert.True(failed.TimedOut);
        Assert.Equal(StopDeadline + Timeouts.Address, failed.Deadline);
        Assert.DoesNotContain(step.Messages, message => message is RegisterBackends);
        Assert.IsType<ReleaseAddresses>(Assert.Single(step.Messages));
    }

    [Fact]
    public void Decide_AddressesReleasedAfterStopFailed_EndsAsFailed()
    {
        var afterStopFailed = When(Given(Requested, Drained), new StepFaulted(ScaleInDecider.Steps.Instances, Reason)).State;

        var step = When(afterStopFailed, new AddressesReleased(SagaId, [First, Second]));

        Assert.IsType<VictimAddressesReleased>(step.Events[0]);
        Assert.IsType<VictimCapacityReleased>(step.Events[1]);
        Assert.IsType<ScaleInFailed>(step.Events[2]);
        Assert.Equal(ScaleInStatus.Failed, step.State.Status);
        Assert.Equal("instances", ScaleInView.From(step.State).FailedStep);
        Assert.All(step.State.Victims, victim => Assert.Equal(VictimStage.Removed, victim.Stage));
    }

    [Fact]
    public void Decide_AddressReleaseFaulted_ReleasesCapacityAndFails()
    {
        var step = When(Given(Requested, Drained, Stopped), new StepFaulted(ScaleInDecider.Steps.Addresses, Reason));

        Assert.Equal(
            Describe([new ScaleInStepFailed("addresses", Reason, false, Now), new VictimCapacityReleased([First, Second], Now), new ScaleInFailed(Now)]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleInStatus.Failed, step.State.Status);
        Assert.All(step.State.Victims, victim => Assert.StartsWith("Its address release was not confirmed", victim.FailureReason));
    }

    [Fact]
    public void Decide_AddressDeadlineAfterStopTimedOut_RecordsBothFailures()
    {
        var afterStop = When(Given(Requested, Drained), new DeadlinePassed(StopDeadline), StopDeadline).State;
        var addressDeadline = afterStop.Deadline!.Value;

        var step = When(afterStop, new DeadlinePassed(addressDeadline), addressDeadline);

        Assert.Equal(["instances", "addresses"], step.State.FailedSteps.Select(f => f.Step));
        Assert.Equal(ScaleInStatus.Failed, step.State.Status);
        Assert.Null(step.State.Deadline);
    }

    [Fact]
    public void Decide_FaultOfPassedStep_AddsNothing()
    {
        var step = When(Given(Requested, Drained), new StepFaulted(ScaleInDecider.Steps.Drain, Reason));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_FaultAfterFinished_AddsNothing()
    {
        var failed = When(Given(Requested), new StepFaulted(ScaleInDecider.Steps.Drain, Reason)).State;

        Assert.Empty(When(failed, new StepFaulted(ScaleInDecider.Steps.Drain, Reason)).Events);
    }

    [Fact]
    public void Decide_LateStopReplyAfterStopFailed_AddsNothing()
    {
        var afterStopFailed = When(Given(Requested, Drained), new StepFaulted(ScaleInDecider.Steps.Instances, Reason)).State;

        Assert.Empty(When(afterStopFailed, new InstancesStopped(SagaId, [First, Second])).Events);
    }
}
