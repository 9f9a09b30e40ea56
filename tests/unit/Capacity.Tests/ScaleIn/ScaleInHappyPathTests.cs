using Surge.Capacity.ScaleIn;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleIn.ScaleInScenario;

namespace Surge.Capacity.Tests.ScaleIn;

public sealed class ScaleInHappyPathTests
{
    [Fact]
    public void Evolve_Requested_DrainsVictimsUntilDeadline()
    {
        var state = Given(Requested);

        Assert.Equal(ScaleInState.StreamKey(SagaId), state.Id);
        Assert.Equal(ScaleInStatus.Draining, state.Status);
        Assert.Equal(DrainDeadline, state.Deadline);
        Assert.Equal([First, Second], state.VictimIds);
        Assert.All(state.Victims, victim => Assert.Equal(VictimStage.Draining, victim.Stage));
    }

    [Fact]
    public void Reactions_Requested_SendsDrainWithTimeout()
    {
        var state = Given(Requested);

        var messages = ScaleInReactions.For(Requested, state);

        var drain = Assert.IsType<DrainBackends>(Assert.Single(messages));
        Assert.Equal(SagaId, drain.SagaId);
        Assert.Equal("feed-api", drain.Service);
        Assert.Equal([First, Second], drain.InstanceIds);
        Assert.Equal(DrainTimeout, drain.DrainTimeout);
    }

    [Fact]
    public void Decide_BackendsDrained_StopsVictims()
    {
        var step = When(Given(Requested), new BackendsDrained(SagaId, "feed-api", [Second, First]));

        Assert.Equal(Describe([new VictimsDrained([First, Second], Now, Now + Timeouts.InstanceStop)]), Describe(step.Events));
        var stop = Assert.IsType<StopInstances>(Assert.Single(step.Messages));
        Assert.Equal([First, Second], stop.InstanceIds);
        Assert.Equal(ScaleInStatus.StoppingInstances, step.State.Status);
        Assert.All(step.State.Victims, victim => Assert.Equal(VictimStage.Stopping, victim.Stage));
    }

    [Fact]
    public void Decide_InstancesStopped_ReleasesAddresses()
    {
        var step = When(Given(Requested, Drained), new InstancesStopped(SagaId, [First, Second]));

        Assert.Equal(Describe([new VictimsStopped([First, Second], Now, Now + Timeouts.Address)]), Describe(step.Events));
        var release = Assert.IsType<ReleaseAddresses>(Assert.Single(step.Messages));
        Assert.Equal([First, Second], release.InstanceIds);
        Assert.Equal(ScaleInStatus.ReleasingAddresses, step.State.Status);
        Assert.All(step.State.Victims, victim => Assert.Equal(VictimStage.ReleasingAddress, victim.Stage));
    }

    [Fact]
    public void Decide_AddressesReleased_ReleasesCapacityAndCompletes()
    {
        var step = When(Given(Requested, Drained, Stopped), new AddressesReleased(SagaId, [First, Second]));

        Assert.Equal(
            Describe([new VictimAddressesReleased([First, Second], Now), new VictimCapacityReleased([First, Second], Now), new ScaleInCompleted(2, Now)]),
            Describe(step.Events));
        Assert.Empty(step.Messages);
        Assert.Equal(ScaleInStatus.Completed, step.State.Status);
        Assert.Equal(Now, step.State.FinishedAt);
        Assert.Null(step.State.Deadline);
        Assert.All(step.State.Victims, victim => Assert.Equal(VictimStage.Removed, victim.Stage));
    }

    [Fact]
    public void View_Completed_ShowsKindAndVictimStates()
    {
        var state = Given(Requested, Drained, Stopped, new VictimAddressesReleased([First, Second], Now), new VictimCapacityReleased([First, Second], Now), new ScaleInCompleted(2, Now));

        var view = ScaleInView.From(state);

        Assert.Equal("scale-in", view.Kind);
        Assert.Equal("Completed", view.Status);
        Assert.Equal(["Removed", "Removed"], view.Victims.Select(v => v.State));
        Assert.Empty(view.Failures);
        Assert.Null(view.FailedStep);
    }
}
