using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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

    private static SimulatedDataCentre Create(double failureRate = 0, int instancePort = 0)
    {
        var options = new SimulatedDataCentreOptions { TimeScale = 0.0001, InstancePort = instancePort, FailureRate = failureRate, Seed = 7 };
        return new SimulatedDataCentre(
            Options.Create(options),
            StartFailureInjector.From(options),
            TimeProvider.System,
            NullLogger<SimulatedDataCentre>.Instance);
    }

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
    public async Task StartAsync_FailureRateOne_ThrowsStartException()
    {
        var dataCentre = Create(failureRate: 1);

        var exception = await Assert.ThrowsAsync<InstanceStartException>(() => dataCentre.StartAsync(Launch("127.0.0.1"), CancellationToken.None));

        Assert.Contains("SimulatedDataCentre:FailureRate", exception.Message, StringComparison.Ordinal);
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
