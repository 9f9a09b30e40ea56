using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedDataCentreTests
{
    private static InstanceLaunch Launch(string address) => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        "checkout",
        "node-1",
        address,
        "checkout:1.4.2",
        500,
        512,
        "correlation-1");

    private static SimulatedDataCentre Create(double failureRate = 0, int instancePort = 0, ILogger<SimulatedDataCentre>? logger = null) =>
        Create(new SimulatedDataCentreOptions
        {
            InstancePort = instancePort,
            Operations = { ["StartInstance"] = new OperationFaultOptions { FailureRate = failureRate } },
        }, logger);

    private static SimulatedDataCentre Create(SimulatedDataCentreOptions options, ILogger<SimulatedDataCentre>? logger = null)
    {
        options.TimeScale = 0.0001;
        options.Seed = 7;
        return new SimulatedDataCentre(
            Options.Create(options),
            SimulatedDataCentreFaults.CreatePlan(options),
            TimeProvider.System,
            logger ?? NullLogger<SimulatedDataCentre>.Instance);
    }

    private static SimulatedDataCentreOptions NeverAnswering(string operation) => new()
    {
        Operations = { [operation] = new OperationFaultOptions { NeverAnswerRate = 1 } },
    };

    [Fact]
    public async Task StartAsync_LoopbackAddress_ListensOnThatAddress()
    {
        var dataCentre = Create();
        var launch = Launch("127.42.0.77");

        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        try
        {
            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri(endpoint));

            Assert.StartsWith("http://127.42.0.77:", endpoint, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StartAsync_NonLoopbackAddress_ListensOnMappedLoopback()
    {
        var dataCentre = Create(instancePort: 8080);

        var endpoint = await dataCentre.StartAsync(Launch("10.1.2.3"), CancellationToken.None);
        await dataCentre.ReleaseAllAsync(CancellationToken.None);

        Assert.StartsWith("http://127.0.0.1:", endpoint, StringComparison.Ordinal);
        Assert.NotEqual(8080, new Uri(endpoint).Port);
    }

    [Fact]
    public async Task StartAsync_FailureRateOne_ThrowsInjectedFailure()
    {
        var dataCentre = Create(failureRate: 1);

        var exception = await Assert.ThrowsAsync<InstanceStartException>(() => dataCentre.StartAsync(Launch("127.0.0.1"), CancellationToken.None));

        Assert.StartsWith("injected failure: StartInstance failure rate 1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SimulatedDataCentre:Operations:StartInstance:FailureRate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OlderFailureRateOne_NamesOlderKey()
    {
        var dataCentre = Create(new SimulatedDataCentreOptions { FailureRate = 1 });

        var exception = await Assert.ThrowsAsync<InstanceStartException>(() => dataCentre.StartAsync(Launch("127.0.0.1"), CancellationToken.None));

        Assert.Contains("Set SimulatedDataCentre:FailureRate to 0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NeverAnswerRateOne_WaitsUntilCancelled()
    {
        var logger = new RecordingLogger<SimulatedDataCentre>();
        var dataCentre = Create(NeverAnswering("StartInstance"), logger);
        using var cancellation = new CancellationTokenSource();

        var start = dataCentre.StartAsync(Launch("127.0.0.1"), cancellation.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var completedBeforeCancel = start.IsCompleted;
        await cancellation.CancelAsync();

        Assert.False(completedBeforeCancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("never answers", warning.Message, StringComparison.Ordinal);
        Assert.Contains("SimulatedDataCentre:Operations:StartInstance:NeverAnswerRate is 1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_FailureRateOne_ThrowsAndKeepsListener()
    {
        var dataCentre = Create(new SimulatedDataCentreOptions
        {
            InstancePort = 0,
            Operations = { ["StopInstance"] = new OperationFaultOptions { FailureRate = 1 } },
        });
        var launch = Launch("127.0.0.1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        try
        {
            var exception = await Assert.ThrowsAsync<InstanceStopException>(() => dataCentre.StopAsync(launch.InstanceId, CancellationToken.None));

            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri(endpoint));
            Assert.StartsWith("injected failure: StopInstance failure rate 1", exception.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StopAsync_NeverAnswerRateOne_KeepsServingUntilCancelled()
    {
        var options = NeverAnswering("StopInstance");
        options.InstancePort = 0;
        var dataCentre = Create(options);
        var launch = Launch("127.0.0.1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dataCentre.StopAsync(launch.InstanceId, cancellation.Token));

            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri(endpoint));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StartAsync_PortTaken_ThrowsStartException()
    {
        var dataCentre = Create();
        var first = await dataCentre.StartAsync(Launch("127.0.0.1"), CancellationToken.None);
        try
        {
            var competitor = Create(instancePort: new Uri(first).Port);

            var exception = await Assert.ThrowsAsync<InstanceStartException>(() => competitor.StartAsync(Launch("127.0.0.1"), CancellationToken.None));

            Assert.Contains(first, exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StopAsync_StartedInstance_ClosesListener()
    {
        var dataCentre = Create();
        var launch = Launch("127.0.0.1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);

        await dataCentre.StopAsync(launch.InstanceId, CancellationToken.None);

        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(endpoint)));
    }

    [Fact]
    public async Task ReattachAsync_RecordedEndpoint_ListensThereAgain()
    {
        var dataCentre = Create();
        var launch = Launch("10.1.2.3");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.ReleaseAllAsync(CancellationToken.None);

        await dataCentre.ReattachAsync(launch, endpoint, CancellationToken.None);
        try
        {
            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri(endpoint));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }
}
