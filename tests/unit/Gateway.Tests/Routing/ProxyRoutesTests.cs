using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Surge.Gateway.Authentication;
using Surge.Gateway.Options;
using Surge.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Surge.Gateway.Tests.Routing;

public sealed class ProxyRoutesTests
{
    private static readonly ServiceUrls Services = new()
    {
        Capacity = "http://127.0.0.1:5081",
        Ipam = "http://127.0.0.1:5082",
        Provisioner = "http://127.0.0.1:5083",
        Rollout = "http://127.0.0.1:5084",
        LoadBalancer = "http://127.0.0.1:5085",
    };

    private static readonly string[] ServiceNames = ["capacity", "ipam", "provisioner", "rollout", "loadbalancer"];

    private static RouteConfig RouteOf(string routeId) => ProxyRoutes.Routes(Services).Single(route => route.RouteId == routeId);

    private static ClusterConfig ClusterOf(string clusterId) => ProxyRoutes.Clusters(Services).Single(cluster => cluster.ClusterId == clusterId);

    /// <summary>Runs YARP's own transform pipeline for the route and returns the URL the request would be sent to.</summary>
    private static async Task<string> ProxiedUrlAsync(string routeId, string path, string rest, string query = "")
    {
        using var provider = new ServiceCollection().AddLogging().AddReverseProxy().Services.BuildServiceProvider();
        var route = RouteOf(routeId);
        var cluster = ClusterOf(route.ClusterId!);
        var transformer = provider.GetRequiredService<ITransformBuilder>().Build(route, cluster);

        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.RouteValues["rest"] = rest;
        using var proxyRequest = new HttpRequestMessage();
        await transformer.TransformRequestAsync(context, proxyRequest, cluster.Destinations!["primary"].Address, CancellationToken.None);

        return proxyRequest.RequestUri!.ToString();
    }

    [Fact]
    public void Routes_EachService_GetsApiPrefixRouteThatRemovesPrefix()
    {
        foreach (var route in ServiceNames.SelectMany(name => new[] { RouteOf($"{name}-read"), RouteOf($"{name}-write") }))
        {
            var name = route.ClusterId!;

            Assert.StartsWith(name, route.RouteId);
            Assert.Equal($"/api/{name}/{{**rest}}", route.Match.Path);
            var transform = Assert.Single(route.Transforms!);
            Assert.Equal(new Dictionary<string, string> { ["PathRemovePrefix"] = $"/api/{name}" }, transform);
        }
    }

    [Fact]
    public void Routes_Sagas_GoToCapacitySagas()
    {
        var route = RouteOf("sagas-read");

        Assert.Equal("capacity", route.ClusterId);
        Assert.Equal("/api/sagas/{**rest}", route.Match.Path);
        var transform = Assert.Single(route.Transforms!);
        Assert.Equal(new Dictionary<string, string> { ["PathPattern"] = "/sagas/{**rest}" }, transform);
    }

    [Fact]
    public void Routes_Always_ReadAndWriteRoutePerServicePlusSagasRolloutsAndInventory()
    {
        var routes = ProxyRoutes.Routes(Services);

        Assert.Equal(
            [.. ServiceNames.Append("sagas").Append("rollouts").SelectMany(name => new[] { $"{name}-read", $"{name}-write" }), "inventory"],
            routes.Select(route => route.RouteId));
    }

    [Fact]
    public void Routes_Inventory_IsAReadEvenAsPost()
    {
        var route = RouteOf("inventory");

        Assert.Equal("capacity", route.ClusterId);
        Assert.Equal("read", route.AuthorizationPolicy);
        Assert.Equal(["GET", "HEAD", "POST"], route.Match.Methods);
        Assert.Equal(new Dictionary<string, string> { ["PathPattern"] = "/inventory/{**rest}" }, Assert.Single(route.Transforms!));
    }

    [Theory]
    [InlineData("capacity-read", "read")]
    [InlineData("capacity-write", "administer")]
    [InlineData("sagas-read", "read")]
    [InlineData("sagas-write", "operate")]
    [InlineData("rollouts-read", "read")]
    [InlineData("rollouts-write", "operate")]
    public void Routes_EachRoute_RequiresPolicyForItsMethods(string routeId, string policy)
    {
        var route = RouteOf(routeId);

        Assert.Equal(policy, route.AuthorizationPolicy);
        Assert.Equal(routeId.EndsWith("-read", StringComparison.Ordinal) ? ["GET", "HEAD"] : ["POST", "PUT", "PATCH", "DELETE"], route.Match.Methods);
    }

    [Fact]
    public void Clusters_EachService_HasItsConfiguredAddress()
    {
        var clusters = ProxyRoutes.Clusters(Services);

        Assert.Equal(ServiceNames, clusters.Select(cluster => cluster.ClusterId));
        Assert.Equal("http://127.0.0.1:5081", ClusterOf("capacity").Destinations!["primary"].Address);
        Assert.Equal("http://127.0.0.1:5085", ClusterOf("loadbalancer").Destinations!["primary"].Address);
    }

    [Fact]
    public async Task Routes_Always_PassYarpValidation()
    {
        var services = new ServiceCollection().AddLogging();
        var authorization = services.AddAuthorizationBuilder();
        foreach (var policy in GatewayRoles.Policies.Keys)
        {
            authorization.AddPolicy(policy, rule => rule.RequireAuthenticatedUser());
        }

        using var provider = services.AddReverseProxy().Services.BuildServiceProvider();
        var validator = provider.GetRequiredService<IConfigValidator>();

        foreach (var route in ProxyRoutes.Routes(Services))
        {
            Assert.Empty(await validator.ValidateRouteAsync(route));
        }

        foreach (var cluster in ProxyRoutes.Clusters(Services))
        {
            Assert.Empty(await validator.ValidateClusterAsync(cluster));
        }
    }

    [Theory]
    [InlineData("capacity-read", "/api/capacity/pools/feed-pool", "pools/feed-pool", "http://127.0.0.1:5081/pools/feed-pool")]
    [InlineData("ipam-read", "/api/ipam/subnets", "subnets", "http://127.0.0.1:5082/subnets")]
    [InlineData("loadbalancer-read", "/api/loadbalancer/pools/feed-api/backends", "pools/feed-api/backends", "http://127.0.0.1:5085/pools/feed-api/backends")]
    public async Task Routes_ServiceRequest_ReachesServiceWithoutPrefix(string routeId, string path, string rest, string expected)
    {
        Assert.Equal(expected, await ProxiedUrlAsync(routeId, path, rest));
    }

    [Fact]
    public async Task Routes_ServiceRequestWithQuery_KeepsQuery()
    {
        var url = await ProxiedUrlAsync("capacity-read", "/api/capacity/nodes", "nodes", "?pool=feed-pool");

        Assert.Equal("http://127.0.0.1:5081/nodes?pool=feed-pool", url);
    }

    [Fact]
    public async Task Routes_SagaRequest_ReachesCapacitySagas()
    {
        var url = await ProxiedUrlAsync("sagas-read", "/api/sagas/0195a000-0000-7000-8000-000000000001", "0195a000-0000-7000-8000-000000000001");

        Assert.Equal("http://127.0.0.1:5081/sagas/0195a000-0000-7000-8000-000000000001", url);
    }

    [Fact]
    public async Task Routes_SagaScaleOutRequest_KeepsNestedPath()
    {
        var url = await ProxiedUrlAsync("sagas-write", "/api/sagas/scale-out", "scale-out", "?dry=1");

        Assert.Equal("http://127.0.0.1:5081/sagas/scale-out?dry=1", url);
    }

    [Fact]
    public async Task Routes_RolloutRequest_ReachesRolloutService()
    {
        var url = await ProxiedUrlAsync("rollouts-write", "/api/rollouts/0195a000-0000-7000-8000-000000000001/pause", "0195a000-0000-7000-8000-000000000001/pause");

        Assert.Equal("http://127.0.0.1:5084/rollouts/0195a000-0000-7000-8000-000000000001/pause", url);
    }

    [Fact]
    public async Task Routes_RolloutListWithQuery_KeepsQuery()
    {
        var url = await ProxiedUrlAsync("rollouts-read", "/api/rollouts", "", "?service=feed-api");

        Assert.Equal("http://127.0.0.1:5084/rollouts?service=feed-api", url);
    }
}
