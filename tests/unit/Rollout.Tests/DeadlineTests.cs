using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class DeadlineTests
{
    [Fact]
    public void Describe_TimesOut_FailsWithoutChanges()
    {
        var run = Requested(Spec());

        var events = run.PassDeadline();

        Assert.Equal([typeof(StepTimedOut), typeof(RolloutFailed)], events.Select(e => e.GetType()));
        Assert.Equal(RolloutStatus.Failed, run.State.Status);
        Assert.Null(run.State.Deadline);
    }

    [Fact]
    public void Deadlines_AreStoredPerStep()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3, maxErrorRate: 0.1, pause: TimeSpan.FromMinutes(2)), 6);
        Assert.Equal(Start + TimeSpan.FromSeconds(20) + Options.ReplyTimeout, run.State.Deadline);

        run.Drained();
        Assert.Equal(Start + Options.UpdateTimeout, run.State.Deadline);

        run.UpdateBatch();
        Assert.Equal(Start + Options.HttpCheckTimeout + Options.ReplyTimeout, run.State.Deadline);

        run.Probed();
        Assert.Equal(Start + Options.ReplyTimeout, run.State.Deadline);

        run.Restored();
        Assert.Equal(Start + TimeSpan.FromSeconds(30) + Options.ReplyTimeout, run.State.Deadline);

        run.Measured(10, 0);
        Assert.Equal(RolloutStep.Wait, run.State.Step);
        Assert.Equal(Start + TimeSpan.FromMinutes(2), run.State.Deadline);
    }

    [Fact]
    public void UpdateTimesOut_RollsBack()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Updated(InstanceId(1));

        var events = run.PassDeadline();

        Assert.Equal([InstanceId(2), InstanceId(3)], events.OfType<InstanceUpdateTimedOut>().Select(e => e.InstanceId));
        Assert.Contains(events, e => e is RollbackStarted);
    }

    [Fact]
    public void Drain_TimesOut_UpdatesAnywayAndRestoresAfter()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 3);

        var events = run.PassDeadline();

        Assert.IsType<StepTimedOut>(events[0]);
        Assert.Equal(3, events.OfType<InstanceUpdateRequested>().Count());
        run.UpdateBatch();
        run.Probed();
        Assert.Equal(RolloutStep.Restore, run.State.Step);
    }

    [Fact]
    public void Probe_TimesOut_FailsUncheckedInstances()
    {
        var run = Described(Spec(batchCount: 3, failureThreshold: 5), 6);
        run.UpdateBatch();

        var events = run.PassDeadline();

        Assert.Equal(3, events.OfType<InstanceHealthCheckFailed>().Count());
        Assert.Contains(events, e => e is BatchFailedHealthGate);
    }

    [Fact]
    public void Measure_TimesOut_FailsTheGate()
    {
        var run = Described(Spec(batchCount: 3, httpPath: null, maxErrorRate: 0.1, failureThreshold: 10), 6);
        run.UpdateBatch();

        var events = run.PassDeadline();

        Assert.Contains(events, e => e is BatchFailedHealthGate { InstanceIds.Count: 3 });
    }

    [Fact]
    public void Restore_TimesOut_MovesOn()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 6);
        run.Drained();
        run.UpdateBatch();
        run.Probed();

        var events = run.PassDeadline();

        Assert.Contains(events, e => e is BatchStarted { Number: 2 });
    }

    [Fact]
    public void PauseBetweenBatches_StartsNextAtEnd()
    {
        var run = Described(Spec(batchCount: 3, pause: TimeSpan.FromMinutes(1)), 6);
        run.PassBatch();

        var events = run.PassDeadline();

        Assert.Contains(events, e => e is BatchStarted { Number: 2 });
        Assert.Equal(Start + TimeSpan.FromMinutes(1) + Options.UpdateTimeout, run.State.Deadline);
    }

    [Fact]
    public void StaleDeadline_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3), 6);

        Assert.Empty(run.Send(new DeadlinePassed(Start)));
    }

    [Fact]
    public void Paused_HasNoDeadline()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Send(new PauseRollout("hold"));
        run.PassBatch();

        Assert.Null(run.State.Deadline);
    }
}
