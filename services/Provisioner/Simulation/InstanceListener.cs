using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// The HTTP server of one simulated instance: a Kestrel host of its own, bound to one address and port. Every path
/// returns the instance's identity as JSON, with its image, so a caller behind the load balancer can tell which instance
/// and which version served it.
/// </summary>
public sealed class InstanceListener : IAsyncDisposable
{
    /// <summary>The response header that names the instance that served a request.</summary>
    public const string InstanceHeader = "X-Surge-Instance";

    /// <summary>The response header that names the image the instance runs.</summary>
    public const string ImageHeader = "X-Surge-Image";

    private static readonly byte[] HealthyBody = """{"status":"healthy"}"""u8.ToArray();

    private readonly WebApplication app;

    private InstanceListener(WebApplication app, InstanceLaunch launch, string endpoint)
    {
        this.app = app;
        Launch = launch;
        Endpoint = endpoint;
    }

    /// <summary>The instance this listener serves, with the node it runs on.</summary>
    public InstanceLaunch Launch { get; }

    /// <summary>The URL the instance serves HTTP at, with the port that was actually bound.</summary>
    public string Endpoint { get; }

    /// <summary>Binds <paramref name="address"/> and <paramref name="port"/> (0 for an ephemeral port) and starts serving.</summary>
    /// <exception cref="IOException">The address or port cannot be bound, for example because another process uses it.</exception>
    public static async Task<InstanceListener> StartAsync(InstanceLaunch launch, IPAddress address, int port, CancellationToken cancellationToken)
    {
        // The empty builder reads no configuration, so the service's own URLs and settings do not leak into the instance.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        var app = builder.Build();

        var identity = JsonSerializer.SerializeToUtf8Bytes(
            new InstanceIdentity(launch.InstanceId, launch.Service, launch.Address, launch.Image),
            JsonSerializerOptions.Web);
        var instanceId = launch.InstanceId.ToString();
        app.Run(context => RespondAsync(context, instanceId, launch.Image, identity));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new ListenEndpoint(address, port, IsMapped: false).ToUrl(new Uri(bound).Port);
        return new InstanceListener(app, launch, endpoint);
    }

    /// <summary>Stops serving and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// Stops serving at once and releases the port: connections are aborted, so requests in flight fail as they do when a
    /// container is restarted.
    /// </summary>
    public async ValueTask AbortAsync()
    {
        await app.StopAsync(new CancellationToken(canceled: true));
        await app.DisposeAsync();
    }

    private static Task RespondAsync(HttpContext context, string instanceId, string image, byte[] identity)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers[InstanceHeader] = instanceId;
        context.Response.Headers[ImageHeader] = image;
        context.Response.ContentType = "application/json";

        var body = context.Request.Path == "/healthz" ? HealthyBody : identity;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private sealed record InstanceIdentity(Guid InstanceId, string Service, string Address, string Image);
}
