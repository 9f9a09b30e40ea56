using Surge.Capacity.ScaleOut;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

public sealed class ScaleOutEvolveTests
{
    [Fact]
    public void Evolve_FirstEventNotRequested_ReturnsNull()
    {
        var state = ScaleOutDecider.Evolve(null, Placed);

        Assert.Null(state);
    }

    [Fact]
    public void Evolve_Requested_StartsSagaFromTheRequest()
    {
        var state = ScaleOutDecider.Evolve(null, Requested);

        Assert.NotNull(state);
        Assert.Equal(ScaleOutState.StreamKey(SagaId), state.Id);
        Assert.Equal($"scale-out/{SagaId}", state.Id);
        Assert.Equal(SagaId, state.SagaId);
        Assert.Equal("feed-api", state.Service);
        Assert.Equal("feed-pool", state.Pool);
        Assert.Equal(3, state.RequestedCount);
        Assert.Equal(Shape, state.Shape);
        Assert.Equal(ScaleOutStatus.Requested, state.Status);
        Assert.Empty(state.Instances);
        Assert.Equal(RequestedAt, state.RequestedAt);
        Assert.False(state.IsFinished);
    }

    [Fact]
    public void Evolve_Declined_FinishesWithReason()
    {
        var state = Given(Requested, new ScaleOutDeclined("feed-api is at its maximum", Now));

        Assert.Equal(ScaleOutStatus.Declined, state.Status);
        Assert.Equal("feed-api is at its maximum", state.FailureReason);
        Assert.Equal(Now, state.FinishedAt);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void Evolve_Placed_PlansOneInstancePerPlacement()
    {
        var state = Given(Requested, Placed);

        Assert.Equal(ScaleOutStatus.AllocatingAddresses, state.Status);
        Assert.Equal(
            [(First, "feed-node-1", "feed-pool"), (Second, "feed-node-2", "feed-pool"), (Third, "shared-node-1", "shared-pool")],
            state.Instances.Select(i => (i.InstanceId, i.Node, i.Pool)));
        Assert.All(state.Instances, instance => Assert.False(instance.Ready));
    }

    [Fact]
    public void Evolve_Assigned_SetsSubnetAndAddress()
    {
        var state = Given(Requested, Placed, Assigned);

        Assert.Equal(ScaleOutStatus.StartingInstances, state.Status);
        Assert.Equal(["127.42.0.2", "127.42.0.3", "127.42.0.4"], state.Instances.Select(i => i.Address));
        Assert.All(state.Instances, instance => Assert.Equal("feed-net", instance.Subnet));
    }

    [Fact]
    public void Evolve_SomeInstancesReady_KeepsStartingInstances()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Third));

        Assert.Equal(ScaleOutStatus.StartingInstances, state.Status);
        Assert.Equal([true, false, true], state.Instances.Select(i => i.Ready));
    }

    [Fact]
    public void Evolve_EveryInstanceReady_MovesToRegisteringBackends()
    {
        var state = Given(Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third));

        Assert.Equal(ScaleOutStatus.RegisteringBackends, state.Status);
    }

    [Fact]
    public void Evolve_Failed_RecordsStepReasonAndTime()
    {
        var state = Given(Requested, Placed, new ScaleOutFailed("addresses", "subnet full", Now));

        Assert.Equal(ScaleOutStatus.Failed, state.Status);
        Assert.Equal("addresses", state.FailedStep);
        Assert.Equal("subnet full", state.FailureReason);
        Assert.Equal(Now, state.FinishedAt);
        Assert.True(state.IsFinished);
    }
}
