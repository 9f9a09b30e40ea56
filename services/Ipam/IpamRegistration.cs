using JasperFx.Events.Projections;
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
        builder.AddSurgeMarten("ipam", options =>
        {
            options.Events.AddEventType<SubnetDefined>();
            options.Events.AddEventType<SubnetChanged>();
            options.Events.AddEventType<AddressAllocated>();
            options.Events.AddEventType<AddressReleased>();

            // Inline, so FetchForWriting loads the stored state instead of replaying every allocation, and a
            // GET right after a PUT or an allocation returns the new state.
            options.Projections.Add(new SubnetProjection(), ProjectionLifecycle.Inline);
        });
        builder.AddSurgeMessaging("ipam", bus =>
        {
            bus.AddConsumer<AllocateAddressesConsumer>();
            bus.AddConsumer<ReleaseAddressesConsumer>();
        });
        builder.Services.AddOptions<AddressQuarantineOptions>()
            .Bind(builder.Configuration.GetSection(AddressQuarantineOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SubnetReportOptions>()
            .Bind(builder.Configuration.GetSection(SubnetReportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<SubnetReportPublisher>();
        return builder;
    }
}
