using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Surge.Gateway.Audit;
using Surge.Gateway.Authentication;
using Surge.Gateway.Fleet;
using Surge.Gateway.Invariants;
using Surge.Gateway.Options;
using Surge.Gateway.Routing;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Correlation;
using Yarp.ReverseProxy.Transforms;

namespace Surge.Gateway;

/// <summary>Registers the gateway's options, proxy, rate limits and the clients it calls the services with.</summary>
public static class GatewayRegistration
{
    /// <summary>The named HttpClient the gateway's own endpoints call the services with.</summary>
    public const string ServicesClient = "services";

    /// <summary>Adds the gateway.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ServiceUrls>().Bind(builder.Configuration.GetSection($"{GatewayOptions.Section}:Services")).ValidateDataAnnotations().ValidateOnStart();

        var services = builder.Configuration.GetSection($"{GatewayOptions.Section}:Services").Get<ServiceUrls>() ?? new ServiceUrls();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyRoutes.Routes(services), ProxyRoutes.Clusters(services))
            .AddTransforms(transforms =>
            {
                transforms.AddRequestTransform(ForwardCorrelationId);
                transforms.AddResponseTransform(KeepOneCorrelationId);
            });

        builder.Services.AddHttpClient(ServicesClient, client => client.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<ServiceClient>();
        builder.Services.AddSingleton<FleetApplier>();
        builder.Services.AddSingleton<AuditTimeline>();
        builder.Services.AddInvariantChecks();

        builder.AddAlertSources();
        builder.AddRequestLimits();
        builder.AddApiKeyAuthentication();
        return builder;
    }

    private static ValueTask ForwardCorrelationId(RequestTransformContext context)
    {
        context.ProxyRequest.Headers.Remove(CorrelationContext.HeaderName);
        context.ProxyRequest.Headers.Add(CorrelationContext.HeaderName, context.HttpContext.GetCorrelationId());
        return ValueTask.CompletedTask;
    }

    // The service echoes the correlation id too; YARP would append its copy to the one the gateway already set.
    private static ValueTask KeepOneCorrelationId(ResponseTransformContext context)
    {
        context.HttpContext.Response.Headers[CorrelationContext.HeaderName] = context.HttpContext.GetCorrelationId();
        return ValueTask.CompletedTask;
    }

    private static void AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) => kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) => Limits.RateLimitRejection.WriteAsync(
                rejected.HttpContext,
                rejected.Lease,
                rejected.HttpContext.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value,
                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Limits.RateLimitRejection)),
                cancellationToken);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow, QueueLimit = 0 });
            });
        });
    }
}
