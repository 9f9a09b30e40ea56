using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Yarp.ReverseProxy.Model;

namespace Surge.LoadBalancer.Degradation;

/// <summary>The step of the proxy pipeline that rejects requests to a degraded service's non-critical routes.</summary>
public static class DegradedRequests
{
    /// <summary>
    /// Adds the step. It runs first, so a rejected request never reaches load balancing or a backend, and it is not
    /// counted as backend traffic. Critical routes and services that are not degraded pass through unchanged.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseDegradation(this IReverseProxyApplicationBuilder pipeline)
    {
        var table = pipeline.ApplicationServices.GetRequiredService<DegradationTable>();
        pipeline.Use(async (context, next) =>
        {
            var service = context.GetReverseProxyFeature().Route.Config.ClusterId;
            if (service is not null && FindRejection(table, context, service) is { } degraded)
            {
                await RejectAsync(context, service, degraded);
                return;
            }

            await next();
        });
        return pipeline;
    }

    /// <summary>Returns the service's degradation when it is degraded and the request goes to one of its non-critical routes, otherwise null.</summary>
    public static DegradedService? FindRejection(DegradationTable table, HttpContext context, string service) =>
        table.Find(service) is { } degraded && NonCriticalRouteMatch.IsNonCritical(degraded.NonCriticalRoutes, context.Request.Method, RelativePath(context, service))
            ? degraded
            : null;

    /// <summary>Writes the 503 with <c>Retry-After</c> in seconds and a short problem-details body.</summary>
    public static Task RejectAsync(HttpContext context, string service, DegradedService degraded) =>
        Rejection(context, service, degraded).ExecuteAsync(context);

    /// <summary>Sets <c>Retry-After</c> in whole seconds on the response and returns the 503 problem details that go with it.</summary>
    public static ProblemHttpResult Rejection(HttpContext context, string service, DegradedService degraded)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(degraded.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "This feature is switched off while the service scales out.",
            detail: $"Service '{service}' is degraded: this route is not critical and is rejected until new capacity serves traffic. Retry after {seconds} seconds.");
    }

    // The data plane's route is /{service}/{**remainder}; routes are declared relative to the service.
    private static string RelativePath(HttpContext context, string service)
    {
        var path = context.Request.Path.Value ?? "/";
        var remainder = path.Length > service.Length + 1 ? path[(service.Length + 1)..] : "/";
        return remainder.StartsWith('/') ? remainder : "/" + remainder;
    }
}
