namespace Surge.Ipam.Subnets;

/// <summary>An address currently allocated to an instance.</summary>
public sealed record LiveAllocation(string Address, Guid InstanceId, Guid SagaId, string Node);
