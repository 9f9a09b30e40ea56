using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Rollout.Saga;
using static Surge.Rollout.Tests.RolloutRun;

namespace Surge.Rollout.Tests;

public sealed class ReplyTests
{
    [Fact]
    public void Describe_NoInstances_Fails()
    {
        var run = Requested(Spec());

        var events = run.Send(new ServiceInstancesDescribed(SagaId, Service, []));

        Assert.IsType<RolloutFailed>(Assert.Single(events));
        Assert.Equal(RolloutStatus.Failed, run.State.Status);
    }

    [Fact]
    public void Describe_Duplicate_IsNoOp()
    {
        var run = Described(Spec(), 6);

        Assert.Empty(run.Send(new ServiceInstancesDescribed(SagaId, Service, Fleet(6))));
    }

    [Fact]
    public void UpdateReply_Duplicate_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.Updated(InstanceId(1));

        Assert.Empty(run.Updated(InstanceId(1)));
        Assert.Empty(run.UpdateFailed(InstanceId(1)));
    }

    [Fact]
    public void UpdateReply_OutsideBatch_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3), 6);

        Assert.Empty(run.Send(new InstanceUpdated(SagaId, InstanceId(5), NewImage, "http://127.42.0.5:8080")));
        Assert.Empty(run.Send(new InstanceUpdated(SagaId, Guid.NewGuid(), NewImage, "http://127.0.0.9:8080")));
    }

    [Fact]
    public void UpdateReply_WithOtherImage_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3), 6);

        Assert.Empty(run.Send(new InstanceUpdated(SagaId, InstanceId(1), OldImage, "http://127.42.0.1:8080")));
    }

    [Fact]
    public void UpdateReply_AfterTimeout_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3, maxUnavailable: 6, failureThreshold: 10), 6);
        run.PassDeadline();

        Assert.Equal(InstancePhase.Failed, run.State.Find(InstanceId(1))!.Phase);
        Assert.Empty(run.Send(new InstanceUpdated(SagaId, InstanceId(1), NewImage, "http://127.42.0.1:8080")));
    }

    [Fact]
    public void ProbeResult_ForEarlierBatch_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3), 6);
        run.PassBatch();
        run.UpdateBatch();

        Assert.Empty(run.Send(new InstancesProbed(SagaId, 1, [new ProbeResult(InstanceId(4), false, "late")])));
    }

    [Fact]
    public void WeightReply_ForEarlierBatch_IsNoOp()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 6);
        run.PassBatch();

        Assert.Empty(run.Send(new BackendWeightsSet(SagaId, Service, [InstanceId(1), InstanceId(2), InstanceId(3)], 0)));
        Assert.Empty(run.Send(new BackendWeightsSet(SagaId, Service, [InstanceId(1), InstanceId(2), InstanceId(3)], 1)));
    }

    [Fact]
    public void WeightReply_Duplicate_IsNoOp()
    {
        var run = Described(Spec(RolloutStrategy.DrainedInPlace, batchCount: 3), 6);
        run.Drained();

        Assert.Empty(run.Drained());
    }

    [Fact]
    public void ErrorMeasurement_Duplicate_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3, httpPath: null, maxErrorRate: 0.1), 6);
        run.UpdateBatch();
        run.Measured(10, 0);

        Assert.Empty(run.Send(new BackendErrorsMeasured(SagaId, Service, [InstanceId(1), InstanceId(2), InstanceId(3)], 10, 9)));
    }

    [Fact]
    public void AnyMessage_AfterFinish_IsNoOp()
    {
        var run = Described(Spec(batchCount: 3, httpPath: null), 3);
        run.UpdateBatch();
        Assert.Equal(RolloutStatus.Completed, run.State.Status);

        Assert.Empty(run.Updated(InstanceId(1)));
        Assert.Empty(run.Send(new PauseRollout("late")));
        Assert.Empty(run.Send(new AbortRollout("late")));
        Assert.Empty(run.Send(new RollBackRollout("late")));
        Assert.Empty(run.Send(new ResumeRollout()));
    }
}
