using Microsoft.Extensions.Options;
using Surge.Contracts.Instances;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Reconciliation;

/// <summary>
/// Releases into quarantine the addresses still allocated to instances the Provisioner reports stopped. A saga
/// normally releases them itself, but reconciliation may have recorded an address as an instance's again while the
/// instance still ran after its saga's release. Without this, such an address would stay allocated until the grace
/// period passed.
/// </summary>
/// <remarks>
/// Instance ids are never reused, and a stopped instance never starts again, so nothing that is stopped still needs its
/// address. A release that finds nothing, for example because the saga released first, changes nothing. No reply is
/// sent: the sagas wait for their own <see cref="Surge.Contracts.Addresses.AddressesReleased"/>.
/// </remarks>
public sealed partial class InstancesStoppedConsumer(
    ConsumerServices services,
    AddressLedger ledger,
    IOptions<AddressQuarantineOptions> quarantine,
    ILogger<InstancesStoppedConsumer> logger)
    : TransactionalConsumer<InstancesStopped>(services)
{
    /// <summary>Returns the address-space key that allocations use, so this release and an allocation in this process never interleave.</summary>
    protected override string PartitionKey(InstancesStopped message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(InstancesStopped message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(unit.Documents, cancellationToken);
        await ledger.CatchUpAsync(unit.Documents, versions, cancellationToken);
        using var entered = await ledger.EnterAsync(cancellationToken);
        var holdings = message.InstanceIds.Distinct().Select(ledger.HoldingOf).OfType<AddressHolding>().ToList();
        if (holdings.Count == 0)
        {
            return;
        }

        const string reason = "the Provisioner reported the instance stopped";
        var released = BlockReleases.Release(unit.Documents, ledger, holdings, reason, quarantine.Value.QuarantineEnd(unit.Now), unit.Now);
        foreach (var (holding, @event) in released)
        {
            LogReleased(logger, @event.Address, holding.Subnet, @event.InstanceId, message.SagaId);
        }
    }

    [LoggerMessage(EventId = 3505, Level = LogLevel.Information, Message = "Released {Address} in subnet {Subnet} from instance {InstanceId}, which saga {SagaId} had the Provisioner stop")]
    private static partial void LogReleased(ILogger logger, string address, string subnet, Guid instanceId, Guid sagaId);
}
