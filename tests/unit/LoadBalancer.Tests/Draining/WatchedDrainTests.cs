using Surge.LoadBalancer.Draining;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Tests.Draining;

public class WatchedDrainTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly DateTimeOffset Until = new(2025, 1, 1, 12, 0, 30, TimeSpan.Zero);

    private static WatchedDrain Drain(bool startedHere) => new("web", SagaId, [First], Until, startedHere, "correlation", null);

    [Fact]
    public void DecideFinish_StartedHereNoneInFlight_FinishesDrained()
    {
        var command = Drain(startedHere: true).DecideFinish(Until.AddSeconds(-10), inFlight: 0);

        Assert.Equal(new FinishDrain(SagaId, DeadlinePassed: false), command);
    }

    [Fact]
    public void DecideFinish_StartedHereRequestsInFlight_Waits()
    {
        Assert.Null(Drain(startedHere: true).DecideFinish(Until.AddSeconds(-10), inFlight: 2));
    }

    [Fact]
    public void DecideFinish_StillRouted_Waits()
    {
        Assert.Null(Drain(startedHere: true).DecideFinish(Until.AddSeconds(-10), inFlight: null));
    }

    [Fact]
    public void DecideFinish_StartedElsewhereNoneInFlight_WaitsForDeadline()
    {
        Assert.Null(Drain(startedHere: false).DecideFinish(Until.AddSeconds(-10), inFlight: 0));
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 0)]
    [InlineData(false, null)]
    public void DecideFinish_DeadlinePassed_Finishes(bool startedHere, int? inFlight)
    {
        var command = Drain(startedHere).DecideFinish(Until, inFlight);

        Assert.Equal(new FinishDrain(SagaId, DeadlinePassed: true), command);
    }
}
