using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Surge.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Surge.Gateway.Tests.Routing;

/// <summary>
/// A request the proxy cannot forward gets a problem that names the service, against a real YARP proxy and real
/// sockets on loopback.
/// </summary>
public sealed class ProxyFailureTests
{
    [Fact]
    public async Task ServiceDown_502NamesService()
    {
        var address = $"http://127.0.0.1:{ClosedPort()}";
        await using var proxy = await StartProxyAsync(address, activityTimeout: null);

        using var response = await proxy.Client.GetAsync("/api/ipam/subnets", CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement;
        Assert.Equal("ipam", problem.GetProperty("service").GetString());
        Assert.Contains(address, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Gateway:Services:Ipam", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("The service could not be reached", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("..", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceDropsPost_502SaysOutcomeUnknown()
    {
        // The service read the request and then closed the connection, as a crash right after its commit would.
        await using var crashing = await StartAppAsync(app => app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Abort();
        }));
        await using var proxy = await StartProxyAsync(crashing.Address, activityTimeout: null);

        using var response = await proxy.Client.PostAsync("/api/ipam/allocations", new StringContent("{}"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement;
        Assert.Equal("The service did not answer properly", problem.GetProperty("title").GetString());
        Assert.Contains("may have carried the request out", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceTooSlow_504NamesService()
    {
        await using var slow = await StartAppAsync(app => app.Run(async context => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted)));
        await using var proxy = await StartProxyAsync(slow.Address, activityTimeout: TimeSpan.FromMilliseconds(300));

        using var response = await proxy.Client.GetAsync("/api/ipam/subnets", CancellationToken.None);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement;
        Assert.Equal("ipam", problem.GetProperty("service").GetString());
    }

    [Fact]
    public async Task ServiceAnswersError_PassesThrough()
    {
        // A service's own error is the service's response, not a proxy failure, so the gateway relays it unchanged.
        await using var failing = await StartAppAsync(app => app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("{\"title\":\"from ipam\"}", context.RequestAborted);
        }));
        await using var proxy = await StartProxyAsync(failing.Address, activityTimeout: null);

        using var response = await proxy.Client.GetAsync("/api/ipam/subnets", CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("{\"title\":\"from ipam\"}", await response.Content.ReadAsStringAsync(CancellationToken.None));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Task<RunningApp> StartProxyAsync(string serviceAddress, TimeSpan? activityTimeout) =>
        StartAppAsync(
            app => app.MapReverseProxy(proxy => proxy.Use(ProxyFailure.WriteProblemAsync)),
            services => services.AddReverseProxy().LoadFromMemory(
                [
                    new RouteConfig
                    {
                        RouteId = "ipam-read",
                        ClusterId = "ipam",
                        Match = new RouteMatch { Path = "/api/ipam/{**rest}" },
                        Transforms = [new Dictionary<string, string> { ["PathRemovePrefix"] = "/api/ipam" }],
                    },
                ],
                [
                    new ClusterConfig
                    {
                        ClusterId = "ipam",
                        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = serviceAddress } },
                        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = activityTimeout },
                    },
                ]));

    private static async Task<RunningApp> StartAppAsync(Action<WebApplication> configure, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        configure(app);
        await app.StartAsync(CancellationToken.None);
        return new RunningApp(app);
    }

    private sealed class RunningApp(WebApplication app) : IAsyncDisposable
    {
        public string Address { get; } = app.Urls.First();

        public HttpClient Client { get; } = new() { BaseAddress = new Uri(app.Urls.First()) };

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }
}
