using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.Measuring;
using Yarp.ReverseProxy.Forwarder;

namespace Surge.LoadBalancer.Tests.DataPlane;

public class TrafficTests
{
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");
    private static readonly Guid Third = Guid.Parse("0197a000-0000-7000-8000-0000000000a3");

    [Theory]
    [InlineData(200, ForwarderError.None, false)]
    [InlineData(404, ForwarderError.None, false)]
    [InlineData(500, ForwarderError.None, true)]
    [InlineData(503, ForwarderError.None, true)]
    [InlineData(502, ForwarderError.Request, true)]
    [InlineData(504, ForwarderError.RequestTimedOut, true)]
    [InlineData(200, ForwarderError.ResponseBodyDestination, true)]
    [InlineData(502, ForwarderError.RequestCanceled, false)]
    [InlineData(200, ForwarderError.ResponseBodyClient, false)]
    public void IsFailure_StatusAndError_CountsBackendFailuresOnly(int status, ForwarderError error, bool expected)
    {
        Assert.Equal(expected, ForwardingOutcome.IsFailure(status, error));
    }

    [Fact]
    public void Read_RecordedRequests_SumsListedBackendsOfService()
    {
        var traffic = new BackendTraffic();
        traffic.Record("web", First, failed: false);
        traffic.Record("web", First, failed: true);
        traffic.Record("web", Second, failed: false);
        traffic.Record("web", Third, failed: true);
        traffic.Record("api", First, failed: true);

        Assert.Equal(new TrafficCount(3, 1), traffic.Read("web", [First, Second, First]));
    }

    [Fact]
    public void Read_NoRequests_IsNone()
    {
        Assert.Equal(TrafficCount.None, new BackendTraffic().Read("web", [First]));
    }

    [Fact]
    public void Result_SameRun_CountsSinceBaseline()
    {
        var runId = Guid.NewGuid();
        var measurement = Measurement(runId, new TrafficCount(10, 2));

        Assert.Equal(new TrafficCount(5, 1), measurement.Result(new TrafficCount(15, 3), runId));
    }

    [Fact]
    public void Result_OtherRun_CountsSinceRestart()
    {
        var measurement = Measurement(Guid.NewGuid(), new TrafficCount(10, 2));

        Assert.Equal(new TrafficCount(4, 0), measurement.Result(new TrafficCount(4, 0), Guid.NewGuid()));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(30, 30)]
    [InlineData(7200, 3600)]
    public void ClampWindow_OutOfRange_IsHeld(int seconds, int expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), MeasurementWindowLimits.Clamp(TimeSpan.FromSeconds(seconds)));
    }

    private static PendingMeasurement Measurement(Guid runId, TrafficCount baseline) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "web", [First], DateTimeOffset.UnixEpoch, runId, baseline, "correlation");
}
