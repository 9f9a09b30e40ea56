using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>
/// Keeps the proxy and the control API apart by the port a request arrived on. On the data plane port only endpoints
/// marked with <see cref="DataPlaneEndpointMetadata"/> match, and on every other port only unmarked ones do. Filtering
/// candidates during matching, rather than rejecting after it, lets a proxied path such as <c>/services/...</c> reach
/// the proxy even though a control endpoint has a more specific pattern.
/// </summary>
/// <remarks>The local port decides, not the Host header, so a client cannot reach the control API through the data plane.</remarks>
public sealed class DataPlanePortPolicy(IOptions<LoadBalancerOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
{
    private readonly int dataPlanePort = options.Value.TryGetDataPlaneUri()?.Port ?? -1;

    /// <inheritdoc />
    public override int Order => 0;

    /// <inheritdoc />
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Count > 0;

    /// <inheritdoc />
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onDataPlanePort = httpContext.Connection.LocalPort == dataPlanePort;
        for (var i = 0; i < candidates.Count; i++)
        {
            var isDataPlaneEndpoint = candidates[i].Endpoint.Metadata.GetMetadata<DataPlaneEndpointMetadata>() is not null;
            if (isDataPlaneEndpoint != onDataPlanePort)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
