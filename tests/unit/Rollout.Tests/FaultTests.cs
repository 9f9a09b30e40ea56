using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class FaultTests
{
    [Fact]
    public void DescribeFault_FailsWithReason()
    {
        var run = Requested(Spec());

        var events = run.Send(new CommandFaulted(RolloutStep.Describe, "provisioner crashed", []));

        Assert.IsType<StepFaulted>(events[0]);
        Assert.Contains("provisioner crashed", Assert.IsType<RolloutFailed>(events[1]).Reason);
    }

    [Fact]
    public void UpdateFault_FailsOnlyItsInstances()
    {
        var run = Described(Spec(batchCount: 3, maxUnavailable: 3, failureThreshold: 5), 6);

        var events = run.Send(new CommandFaulted(RolloutStep.Update, "image pull failed", [InstanceId(2)]));

        var failed = Assert.Single(events);
        Assert.Equal(InstanceId(2), Assert.IsType<InstanceUpdateFailed>(failed).InstanceId);
        Assert.Equal(RolloutStep.Update, run.State.Step);
        run.Updated(InstanceId(1));
        run.Updated(InstanceId(3));
        Assert.Equal(RolloutStep.Probe, run.State.Step);
    }

    [Fact]
    public void DrainFault_UpdatesAsIfDrained()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 3);

        var events = run.Send(new CommandFaulted(RolloutStep.Drain, "load balancer down", run.Batch));

        Assert.IsType<StepFaulted>(events[0]);
        Assert.Equal(3, events.OfType<InstanceUpdateRequested>().Count());
    }

    [Fact]
    public void MeasureFault_FailsTheGate()
    {
        var run = Described(Spec(batchCount: 3, httpPath: null, maxErrorRate: 0.1, failureThreshold: 10, maxUnavailable: 6), 6);
        run.UpdateBatch();

        var events = run.Send(new CommandFaulted(RolloutStep.Measure, "metrics store down", run.Batch));

        Assert.Contains(events, e => e is BatchFailedHealthGate { InstanceIds.Count: 3 });
    }

    [Fact]
    public void FaultOfAnotherStep_IsNoOp()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 6);
        run.PassBatch();

        Assert.Empty(run.Send(new CommandFaulted(RolloutStep.Restore, "late", [InstanceId(1)])));
        Assert.Empty(run.Send(new CommandFaulted(RolloutStep.Drain, "old batch", [InstanceId(1), InstanceId(2), InstanceId(3)])));
        Assert.Empty(run.Send(new CommandFaulted(RolloutStep.Probe, "old batch", [InstanceId(4)], Batch: 1)));
    }
}
