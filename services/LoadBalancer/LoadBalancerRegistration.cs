using JasperFx.Events.Projections;
using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.Degradation;
using Surge.LoadBalancer.Draining;
using Surge.LoadBalancer.ListingBackends;
using Surge.LoadBalancer.Measuring;
using Surge.LoadBalancer.Pools;
using Surge.LoadBalancer.Registration;
using Surge.LoadBalancer.Weights;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.LoadBalancer;

/// <summary>Registers the LoadBalancer service's options, storage, data plane and messaging.</summary>
public static class LoadBalancerRegistration
{
    /// <summary>
    /// Adds the pool event store with its inline read model, the embedded YARP data plane, the drain and measurement
    /// finishers, the degradation switches, and the registration, drain, weight, measurement and degradation consumers.
    /// </summary>
    public static WebApplicationBuilder AddLoadBalancer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoadBalancerOptions>()
            .Bind(builder.Configuration.GetSection(LoadBalancerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddSurgeMarten("loadbalancer", options =>
        {
            options.Events.AddEventTypes([typeof(BackendAdded), typeof(BackendRemoved), typeof(BackendWeightChanged), typeof(DrainStarted), typeof(DrainFinished),
                typeof(DegradationSwitchedOn), typeof(DegradationSwitchedOff)]);
            options.Projections.Add(new BackendPoolProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new DegradationViewProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<PendingMeasurement>();
        });

        // After the store so the data plane loads once the schema exists, and before messaging so it is built before
        // the first message arrives.
        builder.AddDataPlane();
        builder.AddDegradation();
        builder.AddDraining();
        builder.AddMeasuring();

        builder.AddSurgeMessaging("loadbalancer", bus =>
        {
            bus.AddConsumer<RegisterBackendsConsumer>();
            bus.AddConsumer<DeregisterBackendsConsumer>();
            bus.AddConsumer<DrainBackendsConsumer>();
            bus.AddConsumer<SetBackendWeightsConsumer>();
            bus.AddConsumer<MeasureBackendErrorsConsumer>();
            bus.AddConsumer<SwitchDegradationConsumer>();
        });
        return builder;
    }
}
