using Surge.Gateway.Authentication;
using Surge.Gateway.Options;
using Yarp.ReverseProxy.Configuration;

namespace Surge.Gateway.Routing;

/// <summary>
/// Builds the gateway's YARP routes: each service's API under <c>/api/{service}/</c>, saga and inventory shortcuts to
/// Capacity, and the rollout shortcut to Rollout.
/// Every path has a read route for GET and HEAD and a write route for the other methods, because they need different roles.
/// </summary>
public static class ProxyRoutes
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Returns the routes for the configured services.</summary>
    public static IReadOnlyList<RouteConfig> Routes(ServiceUrls services)
    {
        var routes = new List<RouteConfig>();
        foreach (var name in services.ByName().Keys)
        {
            var transform = new Dictionary<string, string> { ["PathRemovePrefix"] = $"/api/{name}" };
            routes.Add(Route($"{name}-read", name, $"/api/{name}/{{**rest}}", ReadMethods, GatewayRoles.ReadPolicy, transform));
            routes.Add(Route($"{name}-write", name, $"/api/{name}/{{**rest}}", WriteMethods, GatewayRoles.AdministerPolicy, transform));
        }

        var sagas = new Dictionary<string, string> { ["PathPattern"] = "/sagas/{**rest}" };
        routes.Add(Route("sagas-read", "capacity", "/api/sagas/{**rest}", ReadMethods, GatewayRoles.ReadPolicy, sagas));
        routes.Add(Route("sagas-write", "capacity", "/api/sagas/{**rest}", WriteMethods, GatewayRoles.OperatePolicy, sagas));

        // Rollouts are sagas too, steered with the same roles as scale-out sagas.
        var rollouts = new Dictionary<string, string> { ["PathPattern"] = "/rollouts/{**rest}" };
        routes.Add(Route("rollouts-read", "rollout", "/api/rollouts/{**rest}", ReadMethods, GatewayRoles.ReadPolicy, rollouts));
        routes.Add(Route("rollouts-write", "rollout", "/api/rollouts/{**rest}", WriteMethods, GatewayRoles.OperatePolicy, rollouts));

        // An inventory question is a read even when it comes as a POST with a shape in the body.
        var inventory = new Dictionary<string, string> { ["PathPattern"] = "/inventory/{**rest}" };
        routes.Add(Route("inventory", "capacity", "/api/inventory/{**rest}", ["GET", "HEAD", "POST"], GatewayRoles.ReadPolicy, inventory));
        return routes;
    }

    /// <summary>Returns one cluster per service with its single destination.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(ServiceUrls services) =>
        [.. services.ByName().Select(service => new ClusterConfig
        {
            ClusterId = service.Key,
            Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = service.Value } },
        })];

    private static RouteConfig Route(string id, string cluster, string path, string[] methods, string policy, Dictionary<string, string> transform) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        AuthorizationPolicy = policy,
        Match = new RouteMatch { Path = path, Methods = methods },
        Transforms = [transform],
    };
}
