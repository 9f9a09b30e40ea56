namespace Surge.Ipam.Blocks;

/// <summary>An address currently allocated to an instance.</summary>
/// <param name="Node">The node the instance runs on; it differs from the block's node only when the address was borrowed.</param>
/// <param name="AllocatedAt">When the address was given out; a provider report older than this says nothing about it.</param>
/// <param name="MissingSince">Since when the providers have reported the instance gone, or null while they report it running.</param>
public sealed record LiveAllocation(string Address, Guid InstanceId, Guid SagaId, string Node, DateTimeOffset AllocatedAt, DateTimeOffset? MissingSince = null);
