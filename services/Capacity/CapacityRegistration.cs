using JasperFx.Events.Projections;
using Surge.Capacity.Addresses;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Alerts;
using Surge.Capacity.Incidents;
using Surge.Capacity.Nodes;
using Surge.Capacity.Overflow;
using Surge.Capacity.Pools;
using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Degradation;
using Surge.Contracts.Instances;
using Surge.Contracts.Nodes;
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
            options.Projections.Add<SubnetAddressViewProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ScaleOutProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ScaleOutState>().Index(saga => saga.Service).Index(saga => saga.RequestedAt).Index(saga => saga.Deadline);
            options.Projections.Add<ScaleInProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ScaleInState>().Index(saga => saga.Service).Index(saga => saga.RequestedAt).Index(saga => saga.Deadline);
            options.Projections.Add<IncidentProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<IncidentState>().Index(incident => incident.Service).Index(incident => incident.DueAt);
            // The capacity model reads these from the whole store, possibly before this process appended any of them.
            options.Events.AddEventTypes([
                typeof(PoolSpecified), typeof(ServiceSpecified), typeof(ServiceImageRolledOut), typeof(NodeSpecified), typeof(NodeResourcesReserved),
                typeof(ReservationCommitted), typeof(ReservationReleased), typeof(ReservationExpired), typeof(NodeReleaseStarted),
                typeof(NodeRemoved), typeof(SubnetAddressesRecorded),
                typeof(OverflowNodesRequested), typeof(OverflowNodesJoined), typeof(OverflowNodesUnavailable),
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
            bus.AddConsumer<ScaleOutReplyConsumer<NodeProvisioningFailed>>();
            bus.AddConsumer<ScaleOutReplyConsumer<DegradationSwitched>>();
            bus.AddConsumer<NodesProvisionedConsumer>();
            bus.AddConsumer<NodesReleasedConsumer>();
            bus.AddConsumer<SubnetAddressesReportedConsumer>();
            bus.AddConsumer<ScaleOutFaultConsumer<PlaceInstances>>();
            bus.AddConsumer<ScaleOutFaultConsumer<ProvisionNodes>>();
            bus.AddConsumer<ScaleOutFaultConsumer<AllocateAddresses>>();
            bus.AddConsumer<ScaleOutFaultConsumer<StartInstances>>();
            bus.AddConsumer<ScaleOutFaultConsumer<RegisterBackends>>();
            bus.AddConsumer<ScaleOutFaultConsumer<DeregisterBackends>>();
            bus.AddConsumer<ScaleOutFaultConsumer<StopInstances>>();
            bus.AddConsumer<ScaleOutFaultConsumer<ReleaseAddresses>>();
            bus.AddConsumer<Requests.ScaleOutServiceConsumer>();
            bus.AddConsumer<Requests.ScaleInInstancesConsumer>();
            bus.AddConsumer<Requests.ServiceRolledOutConsumer>();
            bus.AddConsumer<ScaleOutFaultConsumer<SwitchDegradation>>();
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
        builder.Services.AddHostedService<IncidentTimer>();
        builder.Services.AddSingleton<CapacityModelHost>();
        builder.Services.AddOptions<SchedulingOptions>().Bind(builder.Configuration.GetSection(SchedulingOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<OverflowOptions>()
            .Bind(builder.Configuration.GetSection(OverflowOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<OverflowOptions>, OverflowOptionsValidator>();
        builder.Services.AddHostedService<CapacityHousekeeper>();
        return builder;
    }
}
