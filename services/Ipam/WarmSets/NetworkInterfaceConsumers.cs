using Surge.Contracts.Nodes;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.WarmSets;

/// <summary>Marks an eni block ready once the provider attached its interface, so its addresses join the node's warm set.</summary>
public sealed partial class NetworkInterfaceAttachedConsumer(ConsumerServices services, ILogger<NetworkInterfaceAttachedConsumer> logger)
    : TransactionalConsumer<NetworkInterfaceAttached>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(NetworkInterfaceAttached message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(NetworkInterfaceAttached message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await AddressSpaceLock.HoldAsync(unit.Documents, cancellationToken);
        var stream = await unit.Documents.Events.FetchForWriting<Subnet>(Subnet.StreamKey(message.Subnet), cancellationToken);
        var block = stream.Aggregate?.Blocks.FirstOrDefault(candidate => candidate.Node == message.Node && candidate.InterfaceId == message.InterfaceId);
        if (block is null || block.Ready)
        {
            // A redelivered report, or an interface whose block was given back meanwhile: nothing waits for it.
            LogIgnored(logger, message.InterfaceId, message.Node, message.Subnet);
            return;
        }

        stream.AppendOne(new AddressBlockReady(block.Cidr, message.At));
        LogReady(logger, message.InterfaceId, message.Node, block.Cidr, message.Subnet);
    }

    [LoggerMessage(EventId = 3411, Level = LogLevel.Information, Message = "Interface {InterfaceId} is attached to node {Node}; block {Block} of subnet {Subnet} is ready")]
    private static partial void LogReady(ILogger logger, string interfaceId, string node, string block, string subnet);

    [LoggerMessage(EventId = 3412, Level = LogLevel.Information, Message = "Interface {InterfaceId} of node {Node} in subnet {Subnet} has no block waiting for it; nothing to do")]
    private static partial void LogIgnored(ILogger logger, string interfaceId, string node, string subnet);
}

/// <summary>Gives back the block of an interface the provider could not attach; the next refill may ask for another.</summary>
public sealed partial class NetworkInterfaceAttachFailedConsumer(
    ConsumerServices services,
    AddressLedger ledger,
    Microsoft.Extensions.Options.IOptions<WarmSetOptions> options,
    ILogger<NetworkInterfaceAttachFailedConsumer> logger)
    : TransactionalConsumer<NetworkInterfaceAttachFailed>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(NetworkInterfaceAttachFailed message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(NetworkInterfaceAttachFailed message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await AddressSpaceLock.HoldAsync(unit.Documents, cancellationToken);
        var stream = await unit.Documents.Events.FetchForWriting<Subnet>(Subnet.StreamKey(message.Subnet), cancellationToken);
        var block = stream.Aggregate?.Blocks.FirstOrDefault(candidate => candidate.Node == message.Node && candidate.InterfaceId == message.InterfaceId && !candidate.Ready);
        if (block is null)
        {
            return;
        }

        var released = new AddressBlockReleased(
            block.Cidr,
            $"interface {message.InterfaceId} could not be attached to node '{message.Node}': {message.Reason}",
            unit.Now + options.Value.AttachFailurePause);
        stream.AppendOne(released);

        // The ledger closes the block in the same transaction, at the version it catches up to under the lock. Its
        // copy folds the entry at the next catch-up, because this consumer commits after it returns.
        await ledger.CatchUpAsync(unit.Documents, null, cancellationToken);
        using (await ledger.EnterAsync(cancellationToken))
        {
            ledger.Stage(unit.Documents, BlockLedgerChanges.Of(message.Subnet, [released]));
        }

        LogFailed(logger, message.InterfaceId, message.Node, message.Subnet, message.Reason);
    }

    [LoggerMessage(EventId = 3413, Level = LogLevel.Warning, Message = "Interface {InterfaceId} could not be attached to node {Node} in subnet {Subnet}: {Reason}; its block is given back and no interface is asked for on the node for a while")]
    private static partial void LogFailed(ILogger logger, string interfaceId, string node, string subnet, string reason);
}
