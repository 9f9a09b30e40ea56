using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using static Surge.Capacity.Tests.ScaleIn.ScaleInScenario;

namespace Surge.Capacity.Tests.ScaleIn;

public sealed class ScaleInDeadlineTests
{
    [Fact]
    public void Decide_DeadlineNotYetPassed_AddsNothing()
    {
        var step = When(Given(Requested), new DeadlinePassed(DrainDeadline), DrainDeadline.AddTicks(-1));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_StaleDeadline_AddsNothing()
    {
        var step = When(Given(Requested, Drained), new DeadlinePassed(DrainDeadline), StopDeadline.AddHours(1));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_DeadlineAfterCompleted_AddsNothing()
    {
        var done = When(Given(Requested, Drained, Stopped), new Contracts.Addresses.AddressesReleased(SagaId, [First, Second])).State;

        Assert.Empty(When(done, new DeadlinePassed(AddressDeadline), AddressDeadline.AddHours(1)).Events);
    }

    [Fact]
    public void Decide_AddressDeadlinePassed_ReleasesCapacityAndFails()
    {
        var step = When(Given(Requested, Drained, Stopped), new DeadlinePassed(AddressDeadline), AddressDeadline);

        Assert.Equal([typeof(ScaleInStepFailed), typeof(VictimCapacityReleased), typeof(ScaleInFailed)], step.Events.Select(e => e.GetType()));
        Assert.True(((ScaleInStepFailed)step.Events[0]).TimedOut);
    }

    [Fact]
    public void Decide_DrainDeadline_IncludesDrainTimeoutAndBackendTimeout()
    {
        Assert.Equal(RequestedAt + TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(60), Given(Requested).Deadline);
    }
}
