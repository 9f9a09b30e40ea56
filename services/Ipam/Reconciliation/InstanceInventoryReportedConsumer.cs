using Marten;
using Microsoft.Extensions.Options;
using Surge.Contracts.Inventory;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Reconciliation;

/// <summary>Reconciles Ipam's allocations with each inventory the Provisioner reports; see <see cref="Reconciler"/>.</summary>
public sealed partial class InstanceInventoryReportedConsumer(
    ConsumerServices services,
    AddressLedger ledger,
    IOptions<ReconciliationOptions> reconciliation,
    IOptions<AddressQuarantineOptions> quarantine,
    ILogger<InstanceInventoryReportedConsumer> logger)
    : TransactionalConsumer<InstanceInventoryReported>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(InstanceInventoryReported message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(InstanceInventoryReported message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(unit.Documents, cancellationToken);
        await ledger.CatchUpAsync(unit.Documents, versions, cancellationToken);
        var subnets = await unit.Documents.Query<Subnet>().ToListAsync(cancellationToken);
        IReadOnlyDictionary<string, List<object>> events;
        using (await ledger.EnterAsync(cancellationToken))
        {
            var blocks = SubnetReads.BlocksOf(ledger, subnets).Values.SelectMany(list => list).ToList();
            events = Reconciler.Decide(message, subnets, blocks, reconciliation.Value.GracePeriod, quarantine.Value.QuarantineEnd(unit.Now));
            var blockChanges = events.Where(entry => !entry.Key.StartsWith("subnet/", StringComparison.Ordinal)).SelectMany(entry => entry.Value.Select(@event => (entry.Key, (BlockEvent)@event))).ToList();
            if (blockChanges.Count > 0)
            {
                ledger.Stage(unit.Documents, blockChanges);
            }
        }

        if (events.Count == 0)
        {
            return;
        }

        // Every stream was read under the address-space lock, so fetching for writing now checks against those versions.
        var subnetKeys = events.Keys.Where(key => key.StartsWith("subnet/", StringComparison.Ordinal)).ToList();
        foreach (var stream in subnetKeys.Count == 0 ? [] : await unit.Documents.Events.FetchManyForWriting<Subnet>(subnetKeys, cancellationToken))
        {
            stream.AppendMany(events[stream.Key!]);
        }

        foreach (var @event in events.Values.SelectMany(list => list))
        {
            Log(@event);
        }
    }

    private void Log(object @event)
    {
        switch (@event)
        {
            case AddressReleased released:
                LogReleased(logger, released.Address, released.InstanceId, released.Reason);
                break;
            case AddressReclaimed reclaimed:
                LogReclaimed(logger, reclaimed.Address, reclaimed.InstanceId, reclaimed.Node);
                break;
            case AddressConflictFound conflict:
                LogConflict(logger, conflict.Address, conflict.Reason);
                break;
            case AllocatedInstanceMissing missing:
                LogMissing(logger, missing.InstanceId, missing.Address);
                break;
        }
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Released {Address} of instance {InstanceId}: {Reason}")]
    private static partial void LogReleased(ILogger logger, string address, Guid instanceId, string reason);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Recorded {Address} as instance {InstanceId}'s again, because it runs with it on node {Node}")]
    private static partial void LogReclaimed(ILogger logger, string address, Guid instanceId, string node);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Error, Message = "Address conflict on {Address}: {Reason}")]
    private static partial void LogConflict(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Information, Message = "Instance {InstanceId} holding {Address} is not in the providers' inventory; its address is released if it stays missing past the grace period")]
    private static partial void LogMissing(ILogger logger, Guid instanceId, string address);
}
