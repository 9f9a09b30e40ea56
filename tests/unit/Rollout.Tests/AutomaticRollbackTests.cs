using Surge.Contracts.Instances;
using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class AutomaticRollbackTests
{
    [Fact]
    public void GateFailsBatchTwo_RollsBackBoth()
    {
        var run = Described(Spec(batchCount: 3, failureThreshold: 1), 12);
        run.PassBatch();
        run.UpdateBatch();

        var gate = run.Probed(InstanceId(5));

        Assert.Contains(gate, e => e is BatchFailedHealthGate { Number: 2 });
        Assert.Contains(gate, e => e is RollbackRequested { Automatic: true });
        var started = Assert.Single(gate.OfType<RollbackStarted>());
        Assert.Equal([.. Enumerable.Range(1, 6).Select(InstanceId)], started.InstanceIds);
        Assert.Equal(RolloutStatus.RollingBack, run.State.Status);
    }

    [Fact]
    public void GateFailsBatchTwo_RecordsTransitions()
    {
        var run = Described(Spec(batchCount: 3, failureThreshold: 1), 12);
        run.PassBatch();
        run.UpdateBatch();
        run.Probed(InstanceId(5));

        run.PassBatch();
        run.PassBatch();

        Assert.Equal(RolloutStatus.RolledBack, run.State.Status);
        Assert.Equal(new RolledBack(6, 0, Start), run.Events[^1]);
        Assert.Equal([.. Enumerable.Range(1, 6).Select(InstanceId)], run.State.Instances.Where(i => i.Phase == InstancePhase.RolledBack).Select(i => i.InstanceId));
        Assert.All(run.State.Instances, i => Assert.Equal(OldImage, i.Image));
        Assert.Equal(
            ["InstanceUpdateRequested", "InstanceUpdateConfirmed", "InstanceHealthCheckPassed", "InstanceUpdateRequested", "InstanceUpdateConfirmed", "InstanceHealthCheckPassed"],
            run.TransitionsOf(InstanceId(1)));
        Assert.Equal(
            ["InstanceUpdateRequested", "InstanceUpdateConfirmed", "InstanceHealthCheckFailed", "InstanceUpdateRequested", "InstanceUpdateConfirmed", "InstanceHealthCheckPassed"],
            run.TransitionsOf(InstanceId(5)));
        Assert.Empty(run.TransitionsOf(InstanceId(7)));
    }

    [Fact]
    public void Rollback_UpdatesBackToEachInstancesPreviousImage()
    {
        var run = Described(Spec(batchCount: 3, failureThreshold: 1), 12);
        run.PassBatch();
        run.UpdateBatch();
        run.Probed(InstanceId(5));

        var updates = run.CommandsOf<UpdateInstances>();

        Assert.Equal(9, updates.Count);
        Assert.All(updates.Take(6), u => Assert.Equal(NewImage, u.Image));
        Assert.All(updates.Skip(6), u => Assert.Equal(OldImage, u.Image));
        Assert.Equal([InstanceId(1), InstanceId(2), InstanceId(3)], updates.Skip(6).SelectMany(u => u.InstanceIds));
    }

    [Fact]
    public void FailuresBelowThreshold_CompleteWithTheFailureCounted()
    {
        var run = Described(Spec(batchCount: 3, failureThreshold: 2), 6);
        run.UpdateFailed(InstanceId(1));
        run.Updated(InstanceId(2));
        run.Updated(InstanceId(3));
        run.Probed();

        while (!run.State.IsFinished)
        {
            run.PassBatch();
        }

        Assert.Equal(RolloutStatus.Completed, run.State.Status);
        Assert.Equal(new RolloutCompleted(5, 1, Start), run.Events[^1]);
        Assert.Contains(run.Events, e => e is BatchFailedHealthGate { Number: 1 });
    }

    [Fact]
    public void FailureDuringRollback_EndsRollbackIncomplete()
    {
        var run = Described(Spec(batchCount: 3, failureThreshold: 1, httpPath: null), 6);
        run.UpdateFailed(InstanceId(1));
        run.Updated(InstanceId(2));
        run.Updated(InstanceId(3));

        run.UpdateFailed(InstanceId(1));
        run.Updated(InstanceId(2));
        run.Updated(InstanceId(3));

        Assert.Equal(RolloutStatus.RollbackIncomplete, run.State.Status);
        Assert.Equal(new RolledBack(2, 1, Start), run.Events[^1]);
        Assert.Equal(InstancePhase.RollbackFailed, run.State.Find(InstanceId(1))!.Phase);
    }

    [Fact]
    public void ErrorRateAboveGate_RollsBack()
    {
        var run = Described(Spec(batchCount: 3, httpPath: null, maxErrorRate: 0.05, failureThreshold: 3), 6);
        run.UpdateBatch();

        var events = run.Measured(100, 6);

        var failed = Assert.Single(events.OfType<BatchFailedHealthGate>());
        Assert.Equal([InstanceId(1), InstanceId(2), InstanceId(3)], failed.InstanceIds);
        Assert.Contains(events, e => e is RollbackStarted);
    }

    [Fact]
    public void ErrorRateAtGate_Passes()
    {
        var run = Described(Spec(batchCount: 3, httpPath: null, maxErrorRate: 0.05), 6);
        run.UpdateBatch();

        var events = run.Measured(100, 5);

        Assert.Contains(new BatchPassedHealthGate(1, 100, 5, Start), events);
        Assert.Contains(events, e => e is BatchStarted { Number: 2 });
    }
}
