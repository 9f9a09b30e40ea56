using JasperFx.Events.Projections;
using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.Draining;
using Surge.LoadBalancer.ListingBackends;
using Surge.LoadBalancer.Pools;
using Surge.LoadBalancer.Registration;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.LoadBalancer;

/// <summary>Registers the LoadBalancer service's options, storage, data plane and messaging.</summary>
public static class LoadBalancerRegistration
{
    /// <summary>
    /// Adds the pool event store with its inline read model, the embedded YARP data plane, the drain finisher, and the
    /// registration and drain consumers.
    /// </summary>
    public static WebApplicationBuilder AddLoadBalancer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoadBalancerOptions>()
            .Bind(builder.Configuration.GetSection(LoadBalancerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddSurgeMarten("loadbalancer", options =>
        {
            options.Events.AddEventTypes([typeof(BackendAdded), typeof(BackendRemoved), typeof(DrainStarted), typeof(DrainFinished)]);
            options.Projections.Add(new BackendPoolProjection(), ProjectionLifecycle.Inline);
        });

        // After the store so the data plane loads once the schema exists, and before messaging so it is built before
        // the first message arrives.
        builder.AddDataPlane();
        builder.AddDraining();

        builder.AddSurgeMessaging("loadbalancer", bus =>
        {
            bus.AddConsumer<RegisterBackendsConsumer>();
            bus.AddConsumer<DeregisterBackendsConsumer>();
            bus.AddConsumer<DrainBackendsConsumer>();
        });
        return builder;
    }
}
