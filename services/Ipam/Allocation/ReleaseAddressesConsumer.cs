using Surge.Contracts.Addresses;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Frees the addresses allocated to the listed instances into quarantine, skips instances that have none, and replies
/// with <see cref="AddressesReleased"/> listing every requested instance, because afterwards none of them has an
/// address. A repeated request releases nothing more and replies again. The changed subnets reach Capacity through
/// <see cref="Subnets.SubnetReportPublisher"/>.
/// </summary>
public sealed partial class ReleaseAddressesConsumer(
    ConsumerServices services,
    AddressLedger ledger,
    Microsoft.Extensions.Options.IOptions<AddressQuarantineOptions> options,
    ILogger<ReleaseAddressesConsumer> logger)
    : TransactionalConsumer<ReleaseAddresses>(services)
{
    /// <summary>Returns the address-space key that allocations use, so a release and an allocation in this process never interleave.</summary>
    protected override string PartitionKey(ReleaseAddresses message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(ReleaseAddresses message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(unit.Documents, cancellationToken);
        await ledger.CatchUpAsync(unit.Documents, versions, cancellationToken);
        using var entered = await ledger.EnterAsync(cancellationToken);
        var instanceIds = message.InstanceIds.Distinct().ToArray();
        var holdings = instanceIds.Select(ledger.HoldingOf).OfType<AddressHolding>().ToList();
        var quarantinedUntil = options.Value.QuarantineEnd(unit.Now);

        var released = BlockReleases.Release(unit.Documents, ledger, holdings, message.Reason, quarantinedUntil, unit.Now);
        foreach (var (holding, @event) in released)
        {
            LogReleased(logger, @event.Address, holding.Subnet, @event.InstanceId, message.SagaId, message.Reason);
        }

        foreach (var instanceId in instanceIds.Where(id => released.All(entry => entry.Holding.InstanceId != id)))
        {
            LogNothingToRelease(logger, instanceId, message.SagaId);
        }

        unit.Publish(new AddressesReleased(message.SagaId, instanceIds));
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Released {Address} in subnet {Subnet} from instance {InstanceId} for saga {SagaId}: {Reason}")]
    private static partial void LogReleased(ILogger logger, string address, string subnet, Guid instanceId, Guid sagaId, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Instance {InstanceId} has no address allocated, so saga {SagaId} released nothing for it")]
    private static partial void LogNothingToRelease(ILogger logger, Guid instanceId, Guid sagaId);
}
