using Yarp.ReverseProxy.Configuration;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>The YARP routes and clusters built from all pools at one moment.</summary>
public sealed record ProxyConfigSnapshot(IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters)
{
    /// <summary>The configuration with no routes, which the data plane starts with.</summary>
    public static ProxyConfigSnapshot Empty { get; } = new([], []);

    /// <summary>The number of destinations across all clusters.</summary>
    public int DestinationCount => Clusters.Sum(cluster => cluster.Destinations?.Count ?? 0);

    /// <summary>Returns whether both snapshots have equal routes and clusters in the same order.</summary>
    public bool HasSameContent(ProxyConfigSnapshot other) =>
        Routes.SequenceEqual(other.Routes) && Clusters.SequenceEqual(other.Clusters);
}
