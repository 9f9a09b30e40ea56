using JasperFx.Events.Projections;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Alerts;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Contracts.Placement;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Capacity;

/// <summary>Registers the Capacity service's storage, projections, consumers and services.</summary>
public static class CapacityRegistration
{
    /// <summary>Adds Capacity's event store, its read models and the consumers of the scale-out and scale-in sagas.</summary>
    public static IHostApplicationBuilder AddCapacity(this IHostApplicationBuilder builder)
    {
        // Every read model is inline: placement and intake must see the reservations and sagas they just wrote.
        builder.AddSurgeMarten("capacity", options =>
        {
            options.Projections.Add<PoolViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<NodeViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ServiceViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<AlertPolicyViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ScaleOutProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ScaleOutState>().Index(saga => saga.Service).Index(saga => saga.RequestedAt).Index(saga => saga.Deadline);
            options.Projections.Add<ScaleInProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ScaleInState>().Index(saga => saga.Service).Index(saga => saga.RequestedAt).Index(saga => saga.Deadline);
            options.Events.AddEventTypes([
                typeof(ReservationReleaseStarted), typeof(ReservationReleaseCancelled),
                typeof(ScaleInRequested), typeof(VictimsDrained), typeof(VictimsStopped), typeof(VictimAddressesReleased),
                typeof(VictimCapacityReleased), typeof(ScaleInStepFailed), typeof(ScaleInAborted), typeof(ScaleInCompleted), typeof(ScaleInFailed)]);
        });

        builder.AddSurgeMessaging("capacity", bus =>
        {
            bus.AddConsumer<PlaceInstancesConsumer>();
            bus.AddConsumer<ScaleOutReplyConsumer<AddressesAllocated>>();
            bus.AddConsumer<ScaleOutReplyConsumer<AddressAllocationRejected>>();
            bus.AddConsumer<ScaleOutReplyConsumer<InstanceStarted>>();
            bus.AddConsumer<ScaleOutReplyConsumer<InstanceStartFailed>>();
            bus.AddConsumer<ScaleOutReplyConsumer<BackendsRegistered>>();
            bus.AddConsumer<ScaleOutReplyConsumer<BackendRegistrationRejected>>();
            bus.AddConsumer<ScaleOutReplyConsumer<BackendsDeregistered>>();
            bus.AddConsumer<ScaleOutReplyConsumer<InstancesStopped>>();
            bus.AddConsumer<ScaleOutReplyConsumer<AddressesReleased>>();
            bus.AddConsumer<ScaleOutFaultConsumer<PlaceInstances>>();
            bus.AddConsumer<ScaleOutFaultConsumer<AllocateAddresses>>();
            bus.AddConsumer<ScaleOutFaultConsumer<StartInstances>>();
            bus.AddConsumer<ScaleOutFaultConsumer<RegisterBackends>>();
            bus.AddConsumer<ScaleOutFaultConsumer<DeregisterBackends>>();
            bus.AddConsumer<ScaleOutFaultConsumer<StopInstances>>();
            bus.AddConsumer<ScaleOutFaultConsumer<ReleaseAddresses>>();
            bus.AddConsumer<ScaleInReplyConsumer<BackendsDrained>>();
            bus.AddConsumer<ScaleInReplyConsumer<InstancesStopped>>();
            bus.AddConsumer<ScaleInReplyConsumer<AddressesReleased>>();
            bus.AddConsumer<ScaleInFaultConsumer<DrainBackends>>();
            bus.AddConsumer<ScaleInFaultConsumer<StopInstances>>();
            bus.AddConsumer<ScaleInFaultConsumer<ReleaseAddresses>>();
        });

        builder.Services.AddOptions<SagaOptions>()
            .Bind(builder.Configuration.GetSection(SagaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<DeadlineScanner>();
        builder.Services.AddOptions<ScaleInOptions>()
            .Bind(builder.Configuration.GetSection(SagaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<ScaleInDeadlineScanner>();

        builder.Services.AddSingleton<AlertIntake>();
        return builder;
    }
}
