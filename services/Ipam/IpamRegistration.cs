using Surge.Ipam.Allocation;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Ipam;

/// <summary>Registers the Ipam service's storage and messaging.</summary>
public static class IpamRegistration
{
    /// <summary>Adds Ipam's event store with the subnet events and projection, and its receive endpoint with the allocation consumers.</summary>
    public static IHostApplicationBuilder AddIpam(this IHostApplicationBuilder builder)
    {
        builder.AddSurgeMarten(IpamStore.Schema, IpamStore.Configure);
        builder.Services.AddHostedService<LargeValueCompressionStartup>();
        builder.AddSurgeMessaging("ipam", bus =>
        {
            bus.AddConsumer<AllocateAddressesConsumer>();
            bus.AddConsumer<ReleaseAddressesConsumer>();
            bus.AddConsumer<WarmSets.NetworkInterfaceAttachedConsumer>();
            bus.AddConsumer<WarmSets.NetworkInterfaceAttachFailedConsumer>();
            bus.AddConsumer<Reconciliation.InstanceInventoryReportedConsumer>();
            bus.AddConsumer<Reconciliation.InstancesStoppedConsumer>();
        });
        builder.Services.AddOptions<AddressQuarantineOptions>()
            .Bind(builder.Configuration.GetSection(AddressQuarantineOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SubnetReportOptions>()
            .Bind(builder.Configuration.GetSection(SubnetReportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<AllocationBatchOptions>()
            .Bind(builder.Configuration.GetSection(AllocationBatchOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<Blocks.AddressLedgerOptions>()
            .Bind(builder.Configuration.GetSection(Blocks.AddressLedgerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<Blocks.AddressLedger>();
        builder.Services.AddHostedService<Blocks.LedgerSnapshotWriter>();
        builder.Services.AddSingleton<Subnets.SubnetStates>();
        builder.Services.AddSingleton(services => new AllocationSessions(
            services.GetRequiredService<Marten.IDocumentStore>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceDefaults.Options.ConnectionOptions>>().Value.Postgres));
        builder.Services.AddSingleton<AllocationCommitter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AllocationCommitter>());
        builder.Services.AddHostedService<SubnetReportPublisher>();
        builder.Services.AddOptions<WarmSets.WarmSetOptions>()
            .Bind(builder.Configuration.GetSection(WarmSets.WarmSetOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<WarmSets.WarmSetRefill>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WarmSets.WarmSetRefill>());
        builder.Services.AddOptions<Reconciliation.ReconciliationOptions>()
            .Bind(builder.Configuration.GetSection(Reconciliation.ReconciliationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
