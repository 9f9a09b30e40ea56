using Surge.LoadBalancer.ListingBackends;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>Builds the data plane's YARP configuration from the pools' read models.</summary>
public static class ProxyConfigFactory
{
    /// <summary>The destination metadata key that carries the backend's weight.</summary>
    public const string WeightMetadataKey = "Weight";

    /// <summary>
    /// Returns one route and one cluster per service that has backends in rotation, ordered by service name. The route
    /// takes <c>/{service}/{**remainder}</c> and forwards it without the <c>/{service}</c> prefix. Draining backends and
    /// backends with weight 0 get no destination, so no new request reaches them; they stay members of their pool. Services without backends in rotation get no route, so their
    /// requests fall through to the 503 endpoint.
    /// </summary>
    public static ProxyConfigSnapshot Build(IEnumerable<BackendPoolView> pools, string loadBalancingPolicy)
    {
        var withBackends = pools
            .Select(pool => pool with { Backends = [.. pool.Backends.Where(IsInRotation)] })
            .Where(pool => pool.Backends.Count > 0)
            .OrderBy(pool => pool.Service, StringComparer.Ordinal)
            .ToArray();

        return new ProxyConfigSnapshot(
            withBackends.Select(pool => BuildRoute(pool.Service)).ToArray(),
            withBackends.Select(pool => BuildCluster(pool, loadBalancingPolicy)).ToArray());
    }

    /// <summary>Returns whether the data plane sends new requests to the member: it is not draining and its weight is above 0.</summary>
    public static bool IsInRotation(PoolMemberView member) => member.DrainingUntil is null && member.Weight > 0;

    /// <summary>Returns the route path pattern of a service.</summary>
    public static string PathPattern(string service) => $"/{service}/{{**remainder}}";

    private static RouteConfig BuildRoute(string service) =>
        new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = PathPattern(service) },
        }.WithTransformPathRemovePrefix($"/{service}");

    private static ClusterConfig BuildCluster(BackendPoolView pool, string loadBalancingPolicy) => new()
    {
        ClusterId = pool.Service,
        LoadBalancingPolicy = loadBalancingPolicy,
        Destinations = pool.Backends
            .OrderBy(member => member.InstanceId)
            .ToDictionary(
                member => member.InstanceId.ToString(),
                member => new DestinationConfig
                {
                    Address = member.Endpoint,
                    Metadata = new Dictionary<string, string> { [WeightMetadataKey] = member.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                }),
    };
}
