using Surge.Gateway.Options;
using Yarp.ReverseProxy.Configuration;

namespace Surge.Gateway.Routing;

/// <summary>Builds the gateway's YARP routes: each service's API under <c>/api/{service}/</c>, and saga shortcuts to Capacity.</summary>
public static class ProxyRoutes
{
    /// <summary>Returns the routes for the configured services.</summary>
    public static IReadOnlyList<RouteConfig> Routes(ServiceUrls services)
    {
        var routes = services.ByName().Keys
            .Select(name => new RouteConfig
            {
                RouteId = name,
                ClusterId = name,
                Match = new RouteMatch { Path = $"/api/{name}/{{**rest}}" },
                Transforms = [new Dictionary<string, string> { ["PathRemovePrefix"] = $"/api/{name}" }],
            })
            .ToList();

        routes.Add(new RouteConfig
        {
            RouteId = "sagas",
            ClusterId = "capacity",
            Match = new RouteMatch { Path = "/api/sagas/{**rest}" },
            Transforms = [new Dictionary<string, string> { ["PathPattern"] = "/sagas/{**rest}" }],
        });
        return routes;
    }

    /// <summary>Returns one cluster per service with its single destination.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(ServiceUrls services) =>
        [.. services.ByName().Select(service => new ClusterConfig
        {
            ClusterId = service.Key,
            Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = service.Value } },
        })];
}
