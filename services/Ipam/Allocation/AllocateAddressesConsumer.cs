using MassTransit;
using Surge.Contracts;
using Surge.Contracts.Addresses;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Hands each <see cref="AllocateAddresses"/> to the <see cref="AllocationCommitter"/> and returns once the commit that
/// answers it is done; the reply, <see cref="AddressesAllocated"/> or <see cref="AddressAllocationRejected"/>, leaves
/// through the outbox of that commit. Changed subnets reach Capacity through <see cref="Subnets.SubnetReportPublisher"/>.
/// </summary>
public sealed class AllocateAddressesConsumer(AllocationCommitter committer, ServiceDefaults.Chaos.CrashHook crashHook) : IConsumer<AllocateAddresses>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AllocateAddresses> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"An {nameof(AllocateAddresses)} arrived without a message id.");
        var correlationId = context.Headers.Get<string>(SurgeHeaders.CorrelationId) ?? messageId.ToString("N");
        crashHook.BeforeHandling(nameof(AllocateAddresses));
        var work = new AllocationWork($"{nameof(AllocateAddressesConsumer)}/{messageId:N}", correlationId, messageId.ToString("N"), context.Message, ViaBroker: true);
        await committer.AllocateAsync(work, context.CancellationToken);
    }
}
