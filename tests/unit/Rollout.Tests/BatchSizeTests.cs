using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class BatchSizeTests
{
    [Theory]
    [InlineData(10, 25, new[] { 3, 3, 3, 1 })]
    [InlineData(12, 50, new[] { 6, 6 })]
    [InlineData(3, 10, new[] { 1, 1, 1 })]
    [InlineData(4, 100, new[] { 4 })]
    public void PercentBatchSize_RoundsUpOverTheDescribedInstances(int instances, int percent, int[] sizes)
    {
        var run = Described(Spec(batchCount: null, batchPercent: percent), instances);

        while (!run.State.IsFinished)
        {
            run.PassBatch();
        }

        Assert.Equal(sizes, run.State.Batches.Select(b => b.InstanceIds.Count));
        Assert.Equal(RolloutStatus.Completed, run.State.Status);
    }

    [Fact]
    public void MaxUnavailable_CapsTheBatch()
    {
        var run = Described(Spec(batchCount: 3, maxUnavailable: 2), 6);

        while (!run.State.IsFinished)
        {
            run.PassBatch();
        }

        Assert.Equal([2, 2, 2], run.State.Batches.Select(b => b.InstanceIds.Count));
    }

    [Fact]
    public void MaxUnavailable_CountsFailedInstances()
    {
        var run = Described(Spec(batchCount: 3, maxUnavailable: 2, failureThreshold: 3), 6);
        run.UpdateFailed(InstanceId(1));
        run.Updated(InstanceId(2));
        run.Probed();

        Assert.Single(run.State.BatchInstances);
        run.PassBatch();
        run.PassBatch();
        run.PassBatch();
        run.PassBatch();

        Assert.Equal([2, 1, 1, 1, 1], run.State.Batches.Select(b => b.InstanceIds.Count));
        Assert.Equal(new RolloutCompleted(5, 1, Start), run.Events[^1]);
    }

    [Fact]
    public void FailuresUsingUpMaxUnavailable_StartRollback()
    {
        var run = Described(Spec(batchCount: 2, maxUnavailable: 2, failureThreshold: 5), 6);
        run.UpdateFailed(InstanceId(1));

        var events = run.UpdateFailed(InstanceId(2));

        var requested = Assert.Single(events.OfType<RollbackRequested>());
        Assert.True(requested.Automatic);
        Assert.Contains("maxUnavailable", requested.Reason);
        Assert.Contains(events, e => e is BatchStarted { RollingBack: true });
    }

    [Fact]
    public void Order_TakesNodesInTurns()
    {
        var instances = new[]
        {
            new Contracts.Instances.RunningInstance(InstanceId(3), "node-b", "127.42.0.3", OldImage, "http://127.42.0.3:8080"),
            new Contracts.Instances.RunningInstance(InstanceId(1), "node-a", "127.42.0.1", OldImage, "http://127.42.0.1:8080"),
            new Contracts.Instances.RunningInstance(InstanceId(2), "node-a", "127.42.0.2", OldImage, "http://127.42.0.2:8080"),
            new Contracts.Instances.RunningInstance(InstanceId(4), "node-c", "127.42.0.4", OldImage, "http://127.42.0.4:8080"),
        };

        var order = BatchPlanner.Order(instances);

        Assert.Equal([InstanceId(1), InstanceId(3), InstanceId(4), InstanceId(2)], order.Select(i => i.InstanceId));
    }
}
