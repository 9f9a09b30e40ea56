using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class StrategyTests
{
    [Fact]
    public void DrainedInPlace_DrainsThenRestores()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3, maxErrorRate: 0.01), 3);

        run.PassBatch();

        Assert.Equal(
            [typeof(DescribeServiceInstances), typeof(SetBackendWeights), typeof(UpdateInstances), typeof(UpdateInstances), typeof(UpdateInstances),
                typeof(ProbeInstances), typeof(SetBackendWeights), typeof(MeasureBackendErrors), typeof(Contracts.Scaling.ServiceRolledOut)],
            run.Commands.Select(c => c.GetType()));
        var weights = run.CommandsOf<SetBackendWeights>();
        Assert.Equal([0, 1], weights.Select(w => w.Weight));
        Assert.Equal(TimeSpan.FromSeconds(20), weights[0].DrainTimeout);
        Assert.All(weights, w => Assert.Equal([InstanceId(1), InstanceId(2), InstanceId(3)], w.InstanceIds));
        Assert.Equal(RolloutStatus.Completed, run.State.Status);
    }

    [Fact]
    public void DrainedInPlace_EveryInstanceRestored()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 2), 4);

        run.PassBatch();
        run.PassBatch();

        Assert.All(Enumerable.Range(1, 4), n => Assert.Equal(
            ["InstanceDrained", "InstanceUpdateRequested", "InstanceUpdateConfirmed", "InstanceHealthCheckPassed", "InstanceRestored"],
            run.TransitionsOf(InstanceId(n))));
        Assert.All(run.State.Instances, i => Assert.False(i.Drained));
    }

    [Fact]
    public void DrainedInPlace_FailedCheckRestoresWeight()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 6);
        run.Drained();
        run.UpdateBatch();

        var events = run.Probed(InstanceId(2));

        Assert.Contains(events, e => e is BatchRestoreRequested);
        Assert.DoesNotContain(events, e => e is RollbackStarted);
        var restored = run.Restored();
        Assert.Contains(restored, e => e is RollbackStarted);
        Assert.Contains(restored, e => e is BatchDrainRequested);
    }

    [Fact]
    public void InPlace_SendsNoWeightCommands()
    {
        var run = Described(Spec(RolloutStrategy.InPlace, batchCount: 2, maxErrorRate: 0.01), 5);

        run.PassBatch();
        run.PassBatch();
        run.PassBatch();

        Assert.Equal(RolloutStatus.Completed, run.State.Status);
        Assert.Empty(run.CommandsOf<SetBackendWeights>());
        Assert.Equal(3, run.CommandsOf<MeasureBackendErrors>().Count);
        Assert.Equal(5, run.CommandsOf<UpdateInstances>().Count);
    }

    [Fact]
    public void ReadinessOnly_CompletesOnUpdateReplies()
    {
        var run = Described(Spec(batchCount: 2, httpPath: null), 4);

        run.UpdateBatch();
        run.UpdateBatch();

        Assert.Equal(new RolloutCompleted(4, 0, Start), run.Events[^1]);
        Assert.Empty(run.CommandsOf<ProbeInstances>());
    }

    [Fact]
    public void UpdateFailureAtThreshold_RollsBack()
    {
        var run = Described(Spec(batchCount: 3), 3);
        run.Send(new InstanceUpdated(SagaId, InstanceId(1), NewImage, "http://127.42.0.1:9090"));
        run.Updated(InstanceId(2));
        run.UpdateFailed(InstanceId(3));

        Assert.Empty(run.CommandsOf<ProbeInstances>());
        Assert.Contains(run.Events, e => e is RollbackStarted);
        Assert.Equal("Of the batch, 1 instance was not updated.", run.State.Batches[0].Outcome);
    }

    [Fact]
    public void ProbeTargets_UseEndpointFromUpdateReply()
    {
        var run = Described(Spec(batchCount: 2, failureThreshold: 5), 2);
        run.Send(new InstanceUpdated(SagaId, InstanceId(1), NewImage, "http://127.42.0.1:9090"));
        run.Updated(InstanceId(2));

        var probe = Assert.Single(run.CommandsOf<ProbeInstances>());

        Assert.Equal("/healthz", probe.Path);
        Assert.Equal([new ProbeTarget(InstanceId(1), "http://127.42.0.1:9090"), new ProbeTarget(InstanceId(2), "http://127.42.0.2:8080")], probe.Targets);
    }
}
