using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class OperatorCommandTests
{
    [Fact]
    public void PauseMidBatch_StopsBeforeNextBatch()
    {
        var run = Described(Spec(batchCount: 3), 9);

        Assert.Equal([typeof(RolloutPauseRequested)], run.Send(new PauseRollout("watch dashboards")).Select(e => e.GetType()));
        run.PassBatch();

        Assert.Equal(RolloutStatus.Paused, run.State.Status);
        Assert.IsType<RolloutPaused>(run.Events[^1]);
        Assert.Single(run.State.Batches);
        Assert.Null(run.State.Deadline);
    }

    [Fact]
    public void Resume_StartsNextBatch()
    {
        var run = Described(Spec(batchCount: 3), 9);
        run.Send(new PauseRollout("watch dashboards"));
        run.PassBatch();

        var events = run.Send(new ResumeRollout());

        Assert.IsType<RolloutResumed>(events[0]);
        Assert.Contains(events, e => e is BatchStarted { Number: 2 });
        Assert.Equal(RolloutStatus.Running, run.State.Status);
    }

    [Fact]
    public void PauseDuringPauseBetweenBatches_PausesAtOnce()
    {
        var run = Described(Spec(batchCount: 3, pause: TimeSpan.FromMinutes(1)), 9);
        run.PassBatch();
        Assert.Equal(RolloutStep.Wait, run.State.Step);

        var events = run.Send(new PauseRollout("hold"));

        Assert.Equal([typeof(RolloutPauseRequested), typeof(RolloutPaused)], events.Select(e => e.GetType()));
        Assert.Equal(RolloutStatus.Paused, run.State.Status);
    }

    [Fact]
    public void ResumeBeforePauseTookEffect_WithdrawsPause()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Send(new PauseRollout("hold"));

        run.Send(new ResumeRollout());
        run.PassBatch();

        Assert.Contains(run.Events, e => e is BatchStarted { Number: 2 });
        Assert.Equal(RolloutStatus.Running, run.State.Status);
    }

    [Fact]
    public void PauseTwice_IsRefused()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Send(new PauseRollout("hold"));
        run.PassBatch();

        Assert.Empty(run.Send(new PauseRollout("again")));
        Assert.Equal(RolloutStatus.Paused, run.State.Status);
    }

    [Fact]
    public void AbortMidBatchInPlace_WaitsForUpdates()
    {
        var run = Described(Spec(batchCount: 3), 9);
        run.Updated(InstanceId(1));

        var events = run.Send(new AbortRollout("wrong image"));

        Assert.Equal([typeof(RolloutAbortRequested)], events.Select(e => e.GetType()));
        Assert.Equal(RolloutStatus.Aborting, run.State.Status);
        run.Updated(InstanceId(2));
        run.Updated(InstanceId(3));
        Assert.Equal(RolloutStatus.Aborted, run.State.Status);
        Assert.Equal(3, run.CommandsOf<UpdateInstances>().Count);
        Assert.DoesNotContain(run.Events, e => e is RollbackStarted or BatchFailedHealthGate or BatchHealthCheckRequested);
        Assert.All([1, 2, 3], n => Assert.Equal(NewImage, run.State.Find(InstanceId(n))!.Image));
        Assert.All([1, 2, 3], n => Assert.Equal(InstancePhase.Updated, run.State.Find(InstanceId(n))!.Phase));
    }

    [Fact]
    public void AbortMidBatchDrained_RestoresAfterUpdates()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 9);
        run.Drained();
        run.Updated(InstanceId(1));

        var events = run.Send(new AbortRollout("wrong image"));

        // Instances still restarting must not get traffic back, so the restore waits for every update reply.
        Assert.Equal(RolloutStatus.Aborting, run.State.Status);
        Assert.DoesNotContain(events, e => e is BatchRestoreRequested);
        run.Updated(InstanceId(2));
        var last = run.Updated(InstanceId(3));
        var restore = Assert.Single(last.OfType<BatchRestoreRequested>());
        Assert.Equal([InstanceId(1), InstanceId(2), InstanceId(3)], restore.InstanceIds);
        Assert.Equal(1, run.CommandsOf<SetBackendWeights>()[^1].Weight);

        run.Restored();

        Assert.Equal(RolloutStatus.Aborted, run.State.Status);
        Assert.Single(run.State.Batches);
        Assert.DoesNotContain(run.Events, e => e is RollbackStarted);
    }

    [Fact]
    public void AbortWhileDraining_WaitsForDrainThenRestores()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 9);

        Assert.Equal([typeof(RolloutAbortRequested)], run.Send(new AbortRollout("stop")).Select(e => e.GetType()));
        var drained = run.Drained();

        Assert.Contains(drained, e => e is BatchRestoreRequested);
        Assert.Empty(run.CommandsOf<UpdateInstances>());
        run.Restored();
        Assert.Equal(RolloutStatus.Aborted, run.State.Status);
    }

    [Fact]
    public void RollbackMidBatch_WaitsThenRollsBack()
    {
        var run = Described(Spec(batchCount: 3), 9);
        run.PassBatch();
        run.Updated(InstanceId(4));

        Assert.Equal([typeof(RollbackRequested)], run.Send(new RollBackRollout("customer reports")).Select(e => e.GetType()));
        Assert.Empty(run.Updated(InstanceId(4)));
        run.Updated(InstanceId(5));
        var last = run.UpdateFailed(InstanceId(6));

        Assert.DoesNotContain(last, e => e is BatchHealthCheckRequested);
        Assert.DoesNotContain(last, e => e is BatchFailedHealthGate);
        Assert.Null(run.State.Batches[1].Outcome);
        var started = Assert.Single(last.OfType<RollbackStarted>());
        Assert.Equal([.. Enumerable.Range(1, 6).Select(InstanceId)], started.InstanceIds);

        run.PassBatch();
        run.PassBatch();

        Assert.Equal(RolloutStatus.RolledBack, run.State.Status);
        Assert.All(run.State.Instances, i => Assert.Equal(OldImage, i.Image));
        Assert.Equal(InstancePhase.Waiting, run.State.Find(InstanceId(7))!.Phase);
    }

    [Fact]
    public void RollbackBetweenBatches_StartsAtOnce()
    {
        var run = Described(Spec(batchCount: 3, pause: TimeSpan.FromMinutes(5)), 9);
        run.PassBatch();

        var events = run.Send(new RollBackRollout("bad metrics"));

        Assert.Contains(events, e => e is RollbackStarted);
        Assert.Contains(events, e => e is BatchStarted { RollingBack: true });
        Assert.Equal([InstanceId(1), InstanceId(2), InstanceId(3)], run.CommandsOf<UpdateInstances>().Skip(3).SelectMany(u => u.InstanceIds));
    }

    [Fact]
    public void RollbackBeforeAnyChange_EndsRolledBack()
    {
        var run = Requested(Spec());

        run.Send(new RollBackRollout("changed my mind"));

        Assert.Equal(RolloutStatus.RolledBack, run.State.Status);
        Assert.Equal(new RolledBack(0, 0, Start), run.Events[^1]);
        Assert.Empty(run.Send(new ServiceInstancesDescribed(SagaId, Service, Fleet(3))));
    }

    [Fact]
    public void RollbackTwice_IsRefused()
    {
        var run = Described(Spec(batchCount: 3), 9);
        run.Send(new RollBackRollout("first"));

        Assert.Empty(run.Send(new RollBackRollout("second")));
    }

    [Fact]
    public void PauseDuringRollback_PausesBetweenRollbackBatches()
    {
        var run = Described(Spec(batchCount: 3), 9);
        run.PassBatch();
        run.PassBatch();
        run.Send(new RollBackRollout("bad"));
        run.Send(new PauseRollout("look"));

        run.PassBatch();

        Assert.Equal(RolloutStatus.Paused, run.State.Status);
        Assert.True(run.State.RollingBack);
        run.Send(new ResumeRollout());
        Assert.Equal(RolloutStatus.RollingBack, run.State.Status);
        run.PassBatch();
        run.PassBatch();
        run.PassBatch();
        Assert.Equal(RolloutStatus.RolledBack, run.State.Status);
        Assert.Equal(9, run.State.Instances.Count(i => i.Phase == InstancePhase.RolledBack));
    }

    [Fact]
    public void AbortDuringPauseBetweenBatches_StopsAtOnce()
    {
        var run = Described(Spec(batchCount: 3, pause: TimeSpan.FromMinutes(1)), 6);
        run.PassBatch();

        var events = run.Send(new AbortRollout("enough"));

        Assert.IsType<RolloutAborted>(events[^1]);
        Assert.Null(run.State.Deadline);
        Assert.Equal(3, run.State.Instances.Count(i => i.Image == NewImage));
    }

    [Fact]
    public void AbortWhilePaused_StopsAtOnce()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Send(new PauseRollout("hold"));
        run.PassBatch();

        run.Send(new AbortRollout("enough"));

        Assert.Equal(RolloutStatus.Aborted, run.State.Status);
    }

    [Fact]
    public void AbortDuringRollback_StopsRollback()
    {
        var run = Described(Spec(batchCount: 3), 9);
        run.PassBatch();
        run.Send(new RollBackRollout("bad"));
        run.UpdateBatch();
        Assert.Equal(RolloutStatus.RollingBack, run.State.Status);

        run.Send(new AbortRollout("stop everything"));

        Assert.Equal(RolloutStatus.Aborting, run.State.Status);
        Assert.Equal(InstancePhase.Updating, run.State.Find(InstanceId(1))!.Phase);
        run.UpdateBatch();
        Assert.Equal(RolloutStatus.Aborted, run.State.Status);
        Assert.NotEqual(InstancePhase.Updating, run.State.Find(InstanceId(1))!.Phase);
        Assert.Equal(NewImage, run.State.Find(InstanceId(4))!.Image);
        Assert.DoesNotContain(run.Events, e => e is BatchStarted { Number: 4 });
    }

    [Fact]
    public void RollbackWhilePaused_StartsRollback()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Send(new PauseRollout("hold"));
        run.PassBatch();

        var events = run.Send(new RollBackRollout("bad"));

        Assert.Contains(events, e => e is BatchStarted { RollingBack: true });
        Assert.Equal(RolloutStatus.RollingBack, run.State.Status);
    }

    [Fact]
    public void RollbackWhileDraining_RestoresWeight()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 6);
        run.Send(new RollBackRollout("wrong image"));

        var drained = run.Drained();

        Assert.Contains(drained, e => e is BatchRestoreRequested);
        var restored = run.Restored();
        Assert.Equal(new RolledBack(0, 0, Start), restored[^1]);
        Assert.Empty(run.CommandsOf<Contracts.Instances.UpdateInstances>());
    }
}
