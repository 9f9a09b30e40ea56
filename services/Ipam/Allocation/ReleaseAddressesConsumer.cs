using Surge.Contracts.Addresses;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Frees the addresses allocated to the listed instances, skips instances that have none, and replies with
/// <see cref="AddressesReleased"/> listing every requested instance, because afterwards none of them has an address.
/// A repeated request releases nothing more and replies again. The changed subnets reach Capacity through
/// <see cref="Subnets.SubnetReportPublisher"/>.
/// </summary>
public sealed partial class ReleaseAddressesConsumer(
    ConsumerServices services,
    Microsoft.Extensions.Options.IOptions<AddressQuarantineOptions> options,
    ILogger<ReleaseAddressesConsumer> logger)
    : TransactionalConsumer<ReleaseAddresses>(services)
{
    /// <summary>Returns the address-space key that allocations use, so a release and an allocation in this process never interleave.</summary>
    protected override string PartitionKey(ReleaseAddresses message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(ReleaseAddresses message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await AddressSpaceLock.HoldAsync(unit.Documents, cancellationToken);
        var streams = await SubnetStreams.FetchAllForWritingAsync(unit.Documents, cancellationToken);
        var instanceIds = message.InstanceIds.Distinct().ToArray();

        foreach (var instanceId in instanceIds)
        {
            var holders = streams.Values.Where(stream => stream.Aggregate!.FindAllocation(instanceId) is not null).ToList();
            if (holders.Count == 0)
            {
                LogNothingToRelease(logger, instanceId, message.SagaId);
                continue;
            }

            foreach (var stream in holders)
            {
                var events = SubnetDecider.Decide(stream.Aggregate!, new ReleaseAddress(instanceId, message.Reason, QuarantineEnd(unit.Now)));
                stream.AppendMany(events);
                foreach (var released in events.OfType<AddressReleased>())
                {
                    LogReleased(logger, released.Address, stream.Aggregate!.Name, instanceId, message.SagaId, message.Reason);
                }
            }
        }

        unit.Publish(new AddressesReleased(message.SagaId, instanceIds));
    }

    private DateTimeOffset? QuarantineEnd(DateTimeOffset now) => options.Value.Quarantine > TimeSpan.Zero ? now + options.Value.Quarantine : null;

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Released {Address} in subnet {Subnet} from instance {InstanceId} for saga {SagaId}: {Reason}")]
    private static partial void LogReleased(ILogger logger, string address, string subnet, Guid instanceId, Guid sagaId, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Instance {InstanceId} has no address allocated, so saga {SagaId} released nothing for it")]
    private static partial void LogNothingToRelease(ILogger logger, Guid instanceId, Guid sagaId);
}
