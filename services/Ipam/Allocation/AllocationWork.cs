using Surge.Contracts.Addresses;

namespace Surge.Ipam.Allocation;

/// <summary>One allocation request waiting for its batch.</summary>
/// <param name="Key">Unique per request. For a message from the broker it is the consumer's inbox key, so a redelivered message is answered once.</param>
/// <param name="CorrelationId">The correlation id the events and the reply carry.</param>
/// <param name="CausationId">The id of the message, recorded as the reply's cause.</param>
/// <param name="ViaBroker">True for a message from the broker: the batch records it in the inbox and its reply in the outbox. False for a caller that takes the reply directly.</param>
public sealed record AllocationWork(string Key, string CorrelationId, string? CausationId, AllocateAddresses Request, bool ViaBroker);
