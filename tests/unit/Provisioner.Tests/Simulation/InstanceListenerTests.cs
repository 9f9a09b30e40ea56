using System.Net;
using System.Text.Json;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class InstanceListenerTests
{
    private static readonly InstanceLaunch Launch = new(
        Guid.Parse("0b5e7c2a-3d41-4c55-9a0e-6f1d2b3c4d5e"),
        Guid.NewGuid(),
        "checkout",
        "node-1",
        "10.1.2.3",
        "checkout:1.4.2",
        500,
        512,
        "correlation-1");

    [Fact]
    public async Task StartAsync_EphemeralPort_ServesIdentityOnEveryPath()
    {
        await using var listener = await InstanceListener.StartAsync(Launch, IPAddress.Loopback, 0, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(listener.Endpoint) };

        using var response = await client.GetAsync(new Uri("/any/path?x=1", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.StartsWith("http://127.0.0.1:", listener.Endpoint, StringComparison.Ordinal);
        Assert.NotEqual(0, new Uri(listener.Endpoint).Port);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Launch.InstanceId.ToString(), Assert.Single(response.Headers.GetValues(InstanceListener.InstanceHeader)));
        Assert.Equal(Launch.InstanceId, body.RootElement.GetProperty("instanceId").GetGuid());
        Assert.Equal("checkout", body.RootElement.GetProperty("service").GetString());
        Assert.Equal("10.1.2.3", body.RootElement.GetProperty("address").GetString());
        Assert.Equal("checkout:1.4.2", body.RootElement.GetProperty("image").GetString());
    }

    [Fact]
    public async Task StartAsync_Healthz_ReturnsOk()
    {
        await using var listener = await InstanceListener.StartAsync(Launch, IPAddress.Loopback, 0, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(listener.Endpoint) };

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Launch.InstanceId.ToString(), Assert.Single(response.Headers.GetValues(InstanceListener.InstanceHeader)));
    }

    [Fact]
    public async Task DisposeAsync_StartedListener_ReleasesPort()
    {
        var listener = await InstanceListener.StartAsync(Launch, IPAddress.Loopback, 0, CancellationToken.None);
        var port = new Uri(listener.Endpoint).Port;

        await listener.DisposeAsync();
        await using var again = await InstanceListener.StartAsync(Launch, IPAddress.Loopback, port, CancellationToken.None);

        Assert.Equal(listener.Endpoint, again.Endpoint);
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsIOException()
    {
        await using var first = await InstanceListener.StartAsync(Launch, IPAddress.Loopback, 0, CancellationToken.None);
        var port = new Uri(first.Endpoint).Port;

        await Assert.ThrowsAnyAsync<IOException>(() => InstanceListener.StartAsync(Launch, IPAddress.Loopback, port, CancellationToken.None));
    }
}
