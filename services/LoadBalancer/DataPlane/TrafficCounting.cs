using Yarp.ReverseProxy.Forwarder;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>The step of the proxy pipeline that counts each forwarded request, and its failure, against its backend.</summary>
public static class TrafficCounting
{
    /// <summary>
    /// Adds the counting step. It runs around the rest of the pipeline, so after the forwarder it reads the destination the
    /// request went to and how it ended. A request that found no destination is not counted.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseTrafficCounting(this IReverseProxyApplicationBuilder pipeline)
    {
        var traffic = pipeline.ApplicationServices.GetRequiredService<BackendTraffic>();
        pipeline.Use(async (context, next) =>
        {
            await next();

            var proxy = context.GetReverseProxyFeature();
            if (proxy.ProxiedDestination is not { } destination || !Guid.TryParse(destination.DestinationId, out var instanceId))
            {
                return;
            }

            var error = context.GetForwarderErrorFeature()?.Error ?? ForwarderError.None;
            traffic.Record(proxy.Cluster.Config.ClusterId, instanceId, ForwardingOutcome.IsFailure(context.Response.StatusCode, error));
        });
        return pipeline;
    }
}
