using JasperFx.Events.Projections;
using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Instances;
using Surge.Provisioner.InterfaceAttaching;
using Surge.Provisioner.Inventory;
using Surge.Provisioner.NetworkInterfaces;
using Surge.Provisioner.NodeProvisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Providers.Kubernetes;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Describing;
using Surge.Provisioner.Simulation;
using Surge.Provisioner.Starting;
using Surge.Provisioner.Updating;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Provisioner;

/// <summary>Registers the Provisioner service's provider, storage, messaging and restart recovery.</summary>
public static class ProvisionerRegistration
{
    /// <summary>
    /// Adds the simulated data centre and its clouds, the instance, cloud node and network interface event store, the
    /// <c>provisioner</c> receive endpoint, the restart recovery and the periodic inventory reports.
    /// </summary>
    /// <remarks>
    /// Instances on nodes of pools mapped to a Kubernetes cluster (<c>Kubernetes:Pools</c>) run as pods through the
    /// Kubernetes driver; all others run on the simulated data centre. <see cref="InstanceProviderRouter"/> chooses, and
    /// is registered only when a pool is mapped, so without one the simulated data centre and its outage switch stay as
    /// they were.
    /// NOTE: the private cloud and public cloud drivers are not written yet; their nodes are simulated.
    /// </remarks>
    public static IHostApplicationBuilder AddProvisioner(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSimulatedDataCentre(builder.Configuration);
        builder.Services.AddKubernetesDriver(builder.Configuration);
        if (KubernetesRegistration.HasMappedPools(builder.Configuration))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IInstanceProvider, InstanceProviderRouter>());
        }
        builder.Services.AddSingleton<InstanceRecorder>();
        builder.Services.AddSingleton<InstanceStarter>();
        builder.Services.AddSingleton<InstanceUpdater>();
        builder.Services.AddSingleton<CloudNodeRecorder>();
        builder.Services.AddSingleton<CloudNodeBuilder>();
        builder.Services.AddSingleton<NetworkInterfaceRecorder>();
        builder.Services.AddSingleton<InterfaceAttacher>();

        builder.AddSurgeMarten("provisioner", options =>
        {
            options.Events.AddEventType<InstanceRequested>();
            options.Events.AddEventType<InstanceStarted>();
            options.Events.AddEventType<InstanceStartFailed>();
            options.Events.AddEventType<InstanceStopped>();
            options.Events.AddEventType<InstanceStoppedBeforeRequest>();
            options.Events.AddEventType<InstanceLost>();
            options.Events.AddEventType<InstanceUpdateRequested>();
            options.Events.AddEventType<InstanceUpdated>();
            options.Events.AddEventType<InstanceUpdateFailed>();
            options.Projections.Add(new InstanceStateProjection(), ProjectionLifecycle.Live);
            options.Projections.Add(new InstanceViewProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<InstanceView>().Index(view => view.Service).Index(view => view.Node).Index(view => view.Status);

            options.Events.AddEventType<CloudNodesRequested>();
            options.Events.AddEventType<CloudNodeCreated>();
            options.Events.AddEventType<CloudNodesFailed>();
            options.Events.AddEventType<CloudNodesReleased>();
            options.Projections.Add(new CloudNodeRequestProjection(), ProjectionLifecycle.Live);
            options.Projections.Add(new CloudNodeViewProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<CloudNodeView>().Index(view => view.Provider).Index(view => view.Status);

            options.Events.AddEventType<InterfaceAttachRequested>();
            options.Events.AddEventType<InterfaceAttached>();
            options.Events.AddEventType<InterfaceAttachFailed>();
            options.Projections.Add(new NetworkInterfaceStateProjection(), ProjectionLifecycle.Live);
            options.Projections.Add(new NetworkInterfaceViewProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<NetworkInterfaceView>().Index(view => view.Node).Index(view => view.Status);
        });

        builder.AddSurgeMessaging("provisioner", bus =>
        {
            bus.AddConsumer<StartInstancesConsumer>();
            bus.AddConsumer<StopInstancesConsumer>();
            bus.AddConsumer<UpdateInstancesConsumer>();
            bus.AddConsumer<DescribeServiceInstancesConsumer>();
            bus.AddConsumer<ProvisionNodesConsumer>();
            bus.AddConsumer<ReleaseNodesConsumer>();
            bus.AddConsumer<AttachNetworkInterfaceConsumer>();
        });

        // Registered after the bus, so the bus is up before recovery publishes replies, and stops after the listeners.
        // The inventory reports start after the recovery, so the first report includes the instances it took back.
        builder.Services.AddHostedService<InstanceRecovery>();
        builder.Services.AddHostedService<CloudNodeRecovery>();
        builder.Services.AddHostedService<InterfaceAttachRecovery>();
        builder.Services.AddInventoryReports(builder.Configuration);
        return builder;
    }
}
