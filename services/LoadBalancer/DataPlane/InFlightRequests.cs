using System.Collections.Concurrent;
using Surge.LoadBalancer.ListingBackends;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>
/// Counts the requests this process's data plane still has in flight to draining backends. YARP's forwarder increments
/// <see cref="DestinationState.ConcurrentRequestCount"/> before it sends a request to a destination and decrements it when
/// the response has been copied back, including its body. Taking a destination out of the configuration drops its state
/// from the cluster, but requests in flight keep a reference and still decrement it, so the state is captured just
/// before the configuration without the destination is applied.
/// </summary>
/// <remarks>
/// NOTE: requests that YARP matched before the new configuration applied, and that have not yet reached the forwarder,
/// can still pick the destination for a few microseconds. Only this process's requests are counted: other replicas
/// stop routing at their next refresh, and their requests in flight are not waited for.
/// </remarks>
public sealed class InFlightRequests(IServiceProvider services)
{
    // Resolved on first use because YARP's state lookup depends on the configuration listeners, among them DataPlaneConfig,
    // which depends on this class.
    private readonly Lazy<IProxyStateLookup> proxyState = new(services.GetRequiredService<IProxyStateLookup>);
    private readonly ConcurrentDictionary<(string Service, Guid InstanceId), DestinationState> leaving = new();

    /// <summary>
    /// Captures the destination state of each draining member that the data plane still routes to, and forgets members
    /// that no pending drain lists any more. Call it with all pools before applying the configuration built from them.
    /// </summary>
    public void CaptureDraining(IReadOnlyCollection<BackendPoolView> pools)
    {
        var draining = pools
            .SelectMany(pool => pool.Drains.SelectMany(drain => drain.InstanceIds).Select(instanceId => (pool.Service, instanceId)))
            .ToHashSet();

        foreach (var key in leaving.Keys.Where(key => !draining.Contains(key)))
        {
            leaving.TryRemove(key, out _);
        }

        foreach (var (service, instanceId) in draining)
        {
            if (!leaving.ContainsKey((service, instanceId)) && TryGetRouted(service, instanceId) is { } destination)
            {
                leaving[(service, instanceId)] = destination;
            }
        }
    }

    /// <summary>
    /// Returns the number of requests in flight to the instances, or null while the data plane still routes new requests
    /// to any of them. Instances it never routed to count 0.
    /// </summary>
    public int? Count(string service, IEnumerable<Guid> instanceIds)
    {
        var total = 0;
        foreach (var instanceId in instanceIds)
        {
            if (TryGetRouted(service, instanceId) is not null)
            {
                return null;
            }

            total += leaving.TryGetValue((service, instanceId), out var destination) ? destination.ConcurrentRequestCount : 0;
        }

        return total;
    }

    private DestinationState? TryGetRouted(string service, Guid instanceId) =>
        proxyState.Value.TryGetCluster(service, out var cluster) && cluster.Destinations.TryGetValue(instanceId.ToString(), out var destination)
            ? destination
            : null;
}
