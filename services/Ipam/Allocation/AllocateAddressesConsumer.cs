using Surge.Contracts.Addresses;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Allocates one address per requested instance, all or none, and replies with the assignments or the reason. The
/// changed subnets reach Capacity through <see cref="Subnets.SubnetReportPublisher"/>.
/// </summary>
public sealed partial class AllocateAddressesConsumer(ConsumerServices services, ILogger<AllocateAddressesConsumer> logger)
    : TransactionalConsumer<AllocateAddresses>(services)
{
    /// <summary>Returns the one address-space key, so two sagas in this process never plan against the same free addresses.</summary>
    protected override string PartitionKey(AllocateAddresses message) => IpamPartitions.AddressSpace;

    /// <inheritdoc />
    protected override async Task HandleAsync(AllocateAddresses message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await AddressSpaceLock.HoldAsync(unit.Documents, cancellationToken);
        var streams = await SubnetStreams.FetchAllForWritingAsync(unit.Documents, cancellationToken);
        var plan = AllocationPlanner.Plan(streams.Values.Select(stream => stream.Aggregate!), message.SagaId, message.Requests, unit.Now);

        if (plan.Rejection is not null)
        {
            unit.Publish(new AddressAllocationRejected(message.SagaId, plan.Rejection));
            LogRejected(logger, message.SagaId, message.Service, plan.Rejection);
            return;
        }

        foreach (var (subnet, events) in plan.EventsBySubnet)
        {
            streams[subnet].AppendMany(events);
        }

        unit.Publish(new AddressesAllocated(message.SagaId, plan.Assignments));
        LogAllocated(logger, plan.Assignments.Count, message.SagaId, message.Service, plan.EventsBySubnet.Values.Sum(events => events.Count));
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Assigned {Count} addresses to saga {SagaId} of service {Service}, {NewCount} of them newly allocated")]
    private static partial void LogAllocated(ILogger logger, int count, Guid sagaId, string service, int newCount);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Rejected the address allocation of saga {SagaId} of service {Service}: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid sagaId, string service, string reason);
}
