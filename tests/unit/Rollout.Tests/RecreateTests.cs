using Surge.Contracts.Scaling;
using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class RecreateTests
{
    private static int nextAddress = 100;

    // Capacity's report that the batch's scale-out started one new instance per instance being replaced.
    private static IReadOnlyList<object> ScaleOutCompleted(RolloutRun run, string image = NewImage)
    {
        var request = run.CommandsOf<ScaleOutService>()[^1];
        var started = Enumerable.Range(0, request.Count).Select(_ =>
        {
            var n = Interlocked.Increment(ref nextAddress);
            return new ScaledOutInstance(Guid.NewGuid(), "node-9", $"127.42.1.{n % 250}", $"http://127.42.1.{n % 250}:8080", image);
        });
        return run.Send(new ScaleOutFinished(SagaId, request.ScaleOutSagaId, Service, "Completed", [.. started], null));
    }

    private static IReadOnlyList<object> ScaleInCompleted(RolloutRun run)
    {
        var request = run.CommandsOf<ScaleInInstances>()[^1];
        return run.Send(new ScaleInFinished(SagaId, request.ScaleInSagaId, Service, "Completed", request.InstanceIds, null));
    }

    private static void PassRecreateBatch(RolloutRun run)
    {
        ScaleOutCompleted(run);
        if (run.State.Step == RolloutStep.Probe)
        {
            run.Probed();
        }

        ScaleInCompleted(run);
    }

    private static void PassRecreateRollbackBatch(RolloutRun run)
    {
        ScaleOutCompleted(run, OldImage);
        if (run.State.Step == RolloutStep.Probe)
        {
            run.Probed();
        }

        ScaleInCompleted(run);
    }

    [Fact]
    public void Recreate_ScalesOutThenIn()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2), 4);

        PassRecreateBatch(run);
        PassRecreateBatch(run);

        Assert.Equal(RolloutStatus.Completed, run.State.Status);
        var scaleOuts = run.CommandsOf<ScaleOutService>();
        Assert.Equal(2, scaleOuts.Count);
        Assert.All(scaleOuts, s => Assert.Equal((2, NewImage, Service), (s.Count, s.Image, s.Service)));
        var scaleIns = run.CommandsOf<ScaleInInstances>();
        Assert.Equal([InstanceId(1), InstanceId(2)], scaleIns[0].InstanceIds);
        Assert.Equal([InstanceId(3), InstanceId(4)], scaleIns[1].InstanceIds);
        Assert.All(Enumerable.Range(1, 4), n => Assert.Equal(InstancePhase.Replaced, run.State.Find(InstanceId(n))!.Phase));
        var added = run.State.Instances.Where(i => i.ReplacementOf is not null).ToList();
        Assert.Equal(4, added.Count);
        Assert.All(added, i => Assert.Equal((InstancePhase.Updated, NewImage, OldImage), (i.Phase, i.Image, i.PreviousImage)));
        Assert.Equal(4, run.EventsOf<RolloutCompleted>().Single().UpdatedCount);
        Assert.Equal(NewImage, run.CommandsOf<ServiceRolledOut>().Single().Image);
    }

    [Fact]
    public void Recreate_ChecksNewInstancesBeforeRemovingOld()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2), 2);

        ScaleOutCompleted(run);

        Assert.Equal(RolloutStep.Probe, run.State.Step);
        Assert.Empty(run.CommandsOf<ScaleInInstances>());
        var probed = run.CommandsOf<ProbeInstances>().Single().Targets.Select(t => t.InstanceId);
        Assert.DoesNotContain(InstanceId(1), probed);
        Assert.Equal(run.State.Instances.Where(i => i.ReplacementOf is not null).Select(i => i.InstanceId), probed);
    }

    [Fact]
    public void Recreate_RedecidedBatchNamesSameSagas()
    {
        var first = Described(Spec(RolloutStrategy.Recreate, batchCount: 2), 2);
        var second = Described(Spec(RolloutStrategy.Recreate, batchCount: 2), 2);

        Assert.Equal(first.CommandsOf<ScaleOutService>().Single().ScaleOutSagaId, second.CommandsOf<ScaleOutService>().Single().ScaleOutSagaId);
        Assert.NotEqual(ChildSagaIds.Replacement(SagaId, 1), ChildSagaIds.Replacement(SagaId, 2));
        Assert.NotEqual(ChildSagaIds.Replacement(SagaId, 1), ChildSagaIds.Removal(SagaId, 1));
    }

    [Fact]
    public void Recreate_FailedScaleOutFailsBatch()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2, failureThreshold: 5), 4);
        var request = run.CommandsOf<ScaleOutService>().Single();

        run.Send(new ScaleOutFinished(SagaId, request.ScaleOutSagaId, Service, "Failed", [], "Placement failed: no node has room."));

        Assert.All([InstanceId(1), InstanceId(2)], id => Assert.Equal(InstancePhase.Failed, run.State.Find(id)!.Phase));
        Assert.Contains("no node has room", run.State.Find(InstanceId(1))!.Failure);
        Assert.Equal(2, run.State.FailedCount);
        Assert.Empty(run.CommandsOf<ScaleInInstances>());
        Assert.Equal(2, run.CommandsOf<ScaleOutService>().Count);
    }

    [Fact]
    public void Recreate_UnhealthyReplacementRemovedOldKept()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2, failureThreshold: 5), 4);
        ScaleOutCompleted(run);
        var added = run.State.Instances.Where(i => i.ReplacementOf is not null).ToList();
        var bad = added.Single(i => i.ReplacementOf == InstanceId(1));

        run.Probed(bad.InstanceId);

        var removal = run.CommandsOf<ScaleInInstances>().Single();
        Assert.Contains(bad.InstanceId, removal.InstanceIds);
        Assert.DoesNotContain(InstanceId(1), removal.InstanceIds);
        ScaleInCompleted(run);
        var kept = run.State.Find(InstanceId(1))!;
        Assert.Equal(InstancePhase.Failed, kept.Phase);
        Assert.False(kept.Changed);
        Assert.Equal(OldImage, kept.Image);
        Assert.True(run.State.Find(bad.InstanceId)!.Removed);
    }

    [Fact]
    public void Recreate_RollbackRecreatesPreviousImage()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2, failureThreshold: 1), 4);
        PassRecreateBatch(run);
        var firstNew = run.State.Instances.Where(i => i.ReplacementOf is not null).Select(i => i.InstanceId).ToList();
        ScaleOutCompleted(run);
        var secondNew = run.State.BatchInstances.Where(i => i.ReplacementOf is not null).Select(i => i.InstanceId).ToList();

        run.Probed(secondNew[0]);
        ScaleInCompleted(run);

        // The healthy new instance of batch 2 replaced its old one, so the rollback puts back three instances.
        Assert.Equal(RolloutStatus.RollingBack, run.State.Status);
        var back = run.CommandsOf<ScaleOutService>()[^1];
        Assert.Equal((OldImage, 2), (back.Image, back.Count));
        PassRecreateRollbackBatch(run);
        Assert.Equal(firstNew, run.CommandsOf<ScaleInInstances>()[^1].InstanceIds);
        PassRecreateRollbackBatch(run);
        Assert.Equal([secondNew[1]], run.CommandsOf<ScaleInInstances>()[^1].InstanceIds);
        Assert.Equal(RolloutStatus.RolledBack, run.State.Status);
        Assert.All([.. firstNew, secondNew[1]], id => Assert.Equal(InstancePhase.Replaced, run.State.Find(id)!.Phase));
        Assert.Equal(3, run.State.Instances.Count(i => i.Phase == InstancePhase.RolledBack && i.Image == OldImage));
        Assert.Equal(3, run.EventsOf<RolledBack>().Single().RestoredCount);
    }

    [Fact]
    public void Recreate_AbortWaitsThenRemovesReplaced()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2), 4);

        Assert.Empty(run.Send(new AbortRollout("stop")).OfType<RolloutAborted>());
        ScaleOutCompleted(run);

        Assert.Equal(RolloutStep.Remove, run.State.Step);
        Assert.Equal([InstanceId(1), InstanceId(2)], run.CommandsOf<ScaleInInstances>().Single().InstanceIds);
        ScaleInCompleted(run);
        Assert.Equal(RolloutStatus.Aborted, run.State.Status);
        Assert.Equal(InstancePhase.Waiting, run.State.Find(InstanceId(3))!.Phase);
    }

    [Fact]
    public void Recreate_LateScaleOutRemovedAgain()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2, failureThreshold: 5), 2);
        var request = run.CommandsOf<ScaleOutService>().Single();
        run.PassDeadline();
        Assert.Equal(RolloutStatus.Completed, run.State.Status);

        var late = new ScaledOutInstance(Guid.NewGuid(), "node-9", "127.42.1.9", "http://127.42.1.9:8080", NewImage);
        var events = run.Send(new ScaleOutFinished(SagaId, request.ScaleOutSagaId, Service, "Completed", [late], null));

        var removed = Assert.IsType<LateReplacementsRemoved>(Assert.Single(events));
        Assert.Equal([late.InstanceId], removed.InstanceIds);
        Assert.Equal([late.InstanceId], run.CommandsOf<ScaleInInstances>().Single().InstanceIds);
    }

    [Fact]
    public void Recreate_ScaleOutOfOtherSagaIgnored()
    {
        var run = Described(Spec(RolloutStrategy.Recreate, batchCount: 2), 2);
        var stranger = new ScaledOutInstance(Guid.NewGuid(), "node-9", "127.42.1.9", "http://127.42.1.9:8080", NewImage);

        Assert.Empty(run.Send(new ScaleOutFinished(SagaId, Guid.NewGuid(), Service, "Completed", [stranger], null)));
        Assert.Equal(RolloutStep.Replace, run.State.Step);
    }
}
