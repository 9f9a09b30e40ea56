using Surge.Contracts.Addresses;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Addresses;

/// <summary>Records Ipam's report of a subnet, unless a report of the same or a later version is already recorded.</summary>
/// <remarks>Reports can arrive out of order after retries; the subnet's Ipam version decides which one is current.</remarks>
public sealed class SubnetAddressesReportedConsumer(ConsumerServices services) : TransactionalConsumer<SubnetAddressesReported>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(SubnetAddressesReported message) => $"subnet/{message.Subnet}";

    /// <inheritdoc />
    protected override async Task HandleAsync(SubnetAddressesReported message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var stream = await unit.Documents.Events.FetchForWriting<SubnetAddressView>(SubnetAddressesRecorded.StreamKey(message.Subnet), cancellationToken);
        if (stream.Aggregate is { } current && !current.Report.IsSupersededBy(message))
        {
            return;
        }

        stream.AppendOne(new SubnetAddressesRecorded(
            message.Subnet, message.Pools, message.Nodes, message.UsableAddresses, message.TakenAddresses, message.Version, unit.Now, message.At));
    }
}
