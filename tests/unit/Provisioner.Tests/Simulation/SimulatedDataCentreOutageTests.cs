using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedDataCentreOutageTests : IAsyncLifetime
{
    private readonly SimulatedDataCentre dataCentre = Create();

    private static SimulatedDataCentre Create()
    {
        var options = new SimulatedDataCentreOptions { InstancePort = 0, TimeScale = 0.0001, Seed = 7 };
        return new SimulatedDataCentre(
            Options.Create(options),
            SimulatedDataCentreFaults.CreatePlan(options),
            TimeProvider.System,
            NullLogger<SimulatedDataCentre>.Instance);
    }

    private static InstanceLaunch Launch(string node) => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        "checkout",
        node,
        "127.0.0.1",
        "checkout:1.4.2",
        500,
        512,
        "correlation-1");

    private static async Task<HttpStatusCode> GetAsync(string endpoint)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await client.GetAsync(new Uri(endpoint));
        return response.StatusCode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await dataCentre.ReleaseAllAsync(CancellationToken.None);

    [Fact]
    public async Task Disconnect_StartedInstance_StopsListening()
    {
        var launch = Launch("node-1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);

        var suspended = await dataCentre.DisconnectNodeAsync("node-1");

        Assert.Equal([launch.InstanceId], suspended);
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(endpoint));
    }

    [Fact]
    public async Task Disconnect_OtherNode_KeepsServing()
    {
        var endpoint = await dataCentre.StartAsync(Launch("node-1"), CancellationToken.None);

        var suspended = await dataCentre.DisconnectNodeAsync("node-2");

        Assert.Empty(suspended);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(endpoint));
    }

    [Fact]
    public async Task Reconnect_SuspendedInstance_ServesAtSameEndpoint()
    {
        var launch = Launch("node-1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.DisconnectNodeAsync("node-1");

        var reconnection = await dataCentre.ReconnectNodeAsync("node-1", CancellationToken.None);

        Assert.Equal([launch.InstanceId], reconnection.ServingAgain);
        Assert.Empty(reconnection.Failed);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(endpoint));
        Assert.False(dataCentre.IsDisconnected("node-1"));
    }

    [Fact]
    public async Task Start_DisconnectedNode_FailsNamingOutage()
    {
        await dataCentre.DisconnectNodeAsync("node-1");

        var exception = await Assert.ThrowsAsync<InstanceStartException>(() => dataCentre.StartAsync(Launch("node-1"), CancellationToken.None));

        Assert.Contains("Node node-1 cannot be reached because of a simulated outage", exception.Message, StringComparison.Ordinal);
        Assert.Contains("DELETE /simulation/nodes/node-1/outage", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ReconnectedNode_Succeeds()
    {
        await dataCentre.DisconnectNodeAsync("node-1");
        await dataCentre.ReconnectNodeAsync("node-1", CancellationToken.None);

        var endpoint = await dataCentre.StartAsync(Launch("node-1"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(endpoint));
    }

    [Fact]
    public async Task ForgetNode_SuspendedInstance_DoesNotServeAgain()
    {
        var launch = Launch("node-1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.DisconnectNodeAsync("node-1");

        var forgotten = dataCentre.ForgetNode("node-1");
        var reconnection = await dataCentre.ReconnectNodeAsync("node-1", CancellationToken.None);

        Assert.Equal([launch.InstanceId], forgotten);
        Assert.Empty(reconnection.ServingAgain);
        Assert.False(dataCentre.IsDisconnected("node-1"));
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(endpoint));
    }

    [Fact]
    public async Task Stop_SuspendedInstance_IsNotReconnected()
    {
        var launch = Launch("node-1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.DisconnectNodeAsync("node-1");

        await dataCentre.StopAsync(launch.InstanceId, CancellationToken.None);
        var reconnection = await dataCentre.ReconnectNodeAsync("node-1", CancellationToken.None);

        Assert.Empty(reconnection.ServingAgain);
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(endpoint));
    }

    [Fact]
    public async Task Reconnect_EndpointTaken_ReportsFailure()
    {
        var launch = Launch("node-1");
        var endpoint = await dataCentre.StartAsync(launch, CancellationToken.None);
        await dataCentre.DisconnectNodeAsync("node-1");
        using var squatter = new TcpListener(IPAddress.Loopback, new Uri(endpoint).Port);
        squatter.Start();

        var reconnection = await dataCentre.ReconnectNodeAsync("node-1", CancellationToken.None);

        var failure = Assert.Single(reconnection.Failed);
        Assert.Equal(launch.InstanceId, failure.Launch.InstanceId);
        Assert.Equal(endpoint, failure.Endpoint);
        Assert.Contains($"Binding {endpoint}", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(reconnection.ServingAgain);
    }
}
