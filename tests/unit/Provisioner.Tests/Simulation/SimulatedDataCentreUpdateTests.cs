using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedDataCentreUpdateTests
{
    private static InstanceLaunch Launch(string address) => new(
        Guid.NewGuid(), Guid.NewGuid(), "checkout", "node-1", address, "checkout:1.4.2", 500, 512, "correlation-1");

    private static SimulatedDataCentre Create(double updateFailureRate = 0)
    {
        var options = new SimulatedDataCentreOptions
        {
            InstancePort = 0,
            TimeScale = 0.0001,
            Seed = 7,
            Operations = { ["UpdateInstance"] = new OperationFaultOptions { FailureRate = updateFailureRate } },
        };
        return new SimulatedDataCentre(
            Options.Create(options),
            SimulatedDataCentreFaults.CreatePlan(options),
            TimeProvider.System,
            NullLogger<SimulatedDataCentre>.Instance);
    }

    private static async Task<string?> ImageAtAsync(string endpoint)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(endpoint));
        return response.Headers.TryGetValues(InstanceListener.ImageHeader, out var values) ? values.Single() : null;
    }

    [Fact]
    public async Task UpdateAsync_Running_ServesNewImage()
    {
        var dataCentre = Create();
        var launch = Launch("127.42.0.81");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        try
        {
            var updated = await dataCentre.UpdateAsync(launch with { Image = "checkout:1.5.0" }, endpoint, CancellationToken.None);

            Assert.Equal(endpoint, updated);
            Assert.Equal("checkout:1.5.0", await ImageAtAsync(updated));
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task UpdateAsync_InjectedFailure_KeepsOldImage()
    {
        var dataCentre = Create(updateFailureRate: 1);
        var launch = Launch("127.42.0.82");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        try
        {
            await Assert.ThrowsAsync<InstanceUpdateException>(
                () => dataCentre.UpdateAsync(launch with { Image = "checkout:1.5.0" }, endpoint, CancellationToken.None));

            Assert.Equal("checkout:1.4.2", await ImageAtAsync(endpoint));
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task UpdateAsync_NoListener_StartsNewImage()
    {
        var dataCentre = Create();
        var launch = Launch("127.42.0.83");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.ReleaseAllAsync(CancellationToken.None);
        try
        {
            var updated = await dataCentre.UpdateAsync(launch with { Image = "checkout:1.5.0" }, endpoint, CancellationToken.None);

            Assert.Equal(endpoint, updated);
            Assert.Equal("checkout:1.5.0", await ImageAtAsync(updated));
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task UpdateAsync_DisconnectedNode_Throws()
    {
        var dataCentre = Create();
        var launch = Launch("127.42.0.84");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.DisconnectNodeAsync("node-1");
        try
        {
            var exception = await Assert.ThrowsAsync<InstanceUpdateException>(
                () => dataCentre.UpdateAsync(launch with { Image = "checkout:1.5.0" }, endpoint, CancellationToken.None));

            Assert.Contains("simulated outage", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            await dataCentre.ReleaseAllAsync(CancellationToken.None);
        }
    }
}
