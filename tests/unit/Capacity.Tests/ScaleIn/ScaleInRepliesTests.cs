using Surge.Capacity.ScaleIn;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using static Surge.Capacity.Tests.ScaleIn.ScaleInScenario;

namespace Surge.Capacity.Tests.ScaleIn;

public sealed class ScaleInRepliesTests
{
    [Fact]
    public void Decide_DrainedTwice_AddsNothing()
    {
        var step = When(Given(Requested, Drained), new BackendsDrained(SagaId, "feed-api", [First, Second]));

        Assert.Empty(step.Events);
        Assert.Empty(step.Messages);
    }

    [Fact]
    public void Decide_StoppedBeforeDrained_AddsNothing()
    {
        var step = When(Given(Requested), new InstancesStopped(SagaId, [First, Second]));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_StoppedTwice_AddsNothing()
    {
        var step = When(Given(Requested, Drained, Stopped), new InstancesStopped(SagaId, [First, Second]));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_ReleasedBeforeStopped_AddsNothing()
    {
        var step = When(Given(Requested, Drained), new AddressesReleased(SagaId, [First, Second]));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_ReplyCoveringSomeVictims_AddsNothing()
    {
        var step = When(Given(Requested), new BackendsDrained(SagaId, "feed-api", [First]));

        Assert.Empty(step.Events);
    }

    [Fact]
    public void Decide_StoppedAfterCompleted_AddsNothing()
    {
        var done = When(Given(Requested, Drained, Stopped), new AddressesReleased(SagaId, [First, Second])).State;

        Assert.Empty(When(done, new InstancesStopped(SagaId, [First, Second])).Events);
        Assert.Empty(When(done, new AddressesReleased(SagaId, [First, Second])).Events);
    }

    [Fact]
    public void Decide_ReplyListingStranger_StillCoversVictims()
    {
        var step = When(Given(Requested), new BackendsDrained(SagaId, "feed-api", [First, Second, Stranger]));

        Assert.Equal([First, Second], Assert.IsType<VictimsDrained>(Assert.Single(step.Events)).InstanceIds);
    }
}
